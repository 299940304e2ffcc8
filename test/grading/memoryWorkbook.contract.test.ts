import { MemoryWorkbook } from '../support/MemoryWorkbook';
import { describeWorkbookPortContract } from './workbookPortContract';

describeWorkbookPortContract('in-memory reference host', {
  capabilities: { sheets: true, formulas: true },
  open: (sheets) => Promise.resolve(new MemoryWorkbook(sheets)),
  reopen: async (port) => {
    await port.commit();
    return port;
  },
});
