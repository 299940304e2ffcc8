// Preloaded into a benchmarked child process: on exit, write its wall time, CPU time (user + system)
// and peak RSS to the file named by QD_BENCH_REPORT.
'use strict';
const { writeFileSync } = require('fs');
const start = process.hrtime.bigint();
process.on('exit', () => {
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const use = process.resourceUsage();
  writeFileSync(
    process.env.QD_BENCH_REPORT,
    JSON.stringify({ ms, cpuMs: (use.userCPUTime + use.systemCPUTime) / 1000, maxRssMb: use.maxRSS / 1024 }),
  );
});
