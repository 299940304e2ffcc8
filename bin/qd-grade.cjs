#!/usr/bin/env node
// qd-grade, installed: the bundle `npm run build:cli` makes (run by `prepare` on install).
require('../dist/cli/qd-grade.cjs');
