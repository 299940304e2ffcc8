#!/usr/bin/env -S node --max-old-space-size=768
// qd-grade, installed: the bundle `npm run build:cli` makes (run by `prepare` on install).
// The heap cap keeps memory flat: without it V8 lets the heap grow to gigabytes before it collects,
// while qd-grade's live data for Excel's largest sheet (1,048,576 rows) stays near 500 MB.
require('../dist/cli/qd-grade.cjs');
