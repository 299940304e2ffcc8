// Preloaded into a benchmarked child process: on exit, write its wall time and peak RSS to the file
// named by QD_BENCH_REPORT.
'use strict';
const { writeFileSync } = require('fs');
const start = process.hrtime.bigint();
process.on('exit', () => {
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  writeFileSync(process.env.QD_BENCH_REPORT, JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
});
