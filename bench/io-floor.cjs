// The I/O floor: an ExcelJS streaming read of the input and a streaming write of every cell
// (values and styles) to the output, with no grading, as qd-grade's streaming host does.
'use strict';
const ExcelJS = require('exceljs');
(async () => {
  const [input, output] = process.argv.slice(2);
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: output, useStyles: true, useSharedStrings: true });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
  });
  for await (const ws of reader) {
    const target = writer.addWorksheet(ws.name);
    for await (const row of ws) {
      const copy = target.getRow(row.number);
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const out = copy.getCell(col);
        out.value = cell.value;
        out.style = cell.style;
      });
      copy.commit();
    }
    target.commit();
  }
  await writer.commit();
})();
