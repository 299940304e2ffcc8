/*
 * Guards scripts/patch-exceljs.cjs: ExcelJS's XML reader must keep a Chinese character that an
 * inflated chunk boundary splits in two (exceljs issues #2063, #2084).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- ExcelJS's internal CommonJS helper
const parseSax = require('exceljs/lib/utils/parse-sax') as (
  chunks: AsyncIterable<Buffer>,
) => AsyncIterable<{ eventType: string; value: unknown }[]>;

describe('ExcelJS XML reading (patched at install)', () => {
  it('keeps a multi-byte character split across two chunks', async () => {
    const bytes = Buffer.from('<t>温州华通保险代理有限公司</t>');
    // Two chunks, the first ending inside 州's three bytes.
    const chunks = (): AsyncIterable<Buffer> => ({
      [Symbol.asyncIterator]: () => {
        const parts = [bytes.subarray(0, 11), bytes.subarray(11)];
        return {
          next: () =>
            Promise.resolve(
              parts.length > 0 ? { done: false, value: parts.shift() as Buffer } : { done: true, value: undefined },
            ),
        };
      },
    });
    let text = '';
    for await (const events of parseSax(chunks()))
      for (const e of events) if (e.eventType === 'text') text += String(e.value);
    expect(text).toBe('温州华通保险代理有限公司');
  });
});
