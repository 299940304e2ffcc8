import { MemoryWorkbook } from '../support/MemoryWorkbook';
import { describeWorkbookPortContract } from './workbookPortContract';

describeWorkbookPortContract('in-memory reference host', {
  capabilities: { sheets: true, formulas: true },
  open: (sheets) => Promise.resolve(new MemoryWorkbook(sheets)),
  printLayoutOf: (port, sheet) => Promise.resolve((port as MemoryWorkbook).printLayouts.get(sheet)),
  reopen: async (port) => {
    await port.commit();
    return port;
  },
});
