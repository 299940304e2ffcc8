/*
 * ExcelJS 4.x decodes each inflated chunk of XML to text on its own, so a multi-byte UTF-8 character
 * split across two chunks becomes U+FFFD: Chinese text in a large file comes out as "公���"
 * (exceljs issues #2063, #2084; fixes proposed in #1665, #1821, #2081, none merged). This patch makes
 * lib/utils/parse-sax.js decode with a streaming TextDecoder, which carries a split character over.
 * Run by `prepare` (so by `npm ci`); idempotent; fails loudly if ExcelJS changed, so nothing runs
 * unpatched by accident.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const file = path.join(path.dirname(require.resolve('exceljs/package.json')), 'lib/utils/parse-sax.js');
const MARK = '/* qd-channel-grader: streaming UTF-8 decode */';
const text = fs.readFileSync(file, 'utf8');
if (text.includes(MARK)) process.exit(0);
const loop = 'for await (const chunk of iterable) {\n    saxesParser.write(bufferToString(chunk));';
if (!text.includes(loop)) {
  console.error(
    `patch-exceljs: ${file} is not the ExcelJS 4.x parse-sax this patch knows; check whether the UTF-8 chunk bug is fixed`,
  );
  process.exit(1);
}
const patched = text.replace(
  loop,
  `${MARK}\n  const utf8 = new TextDecoder('utf-8');\n  for await (const chunk of iterable) {\n    saxesParser.write(typeof chunk === 'string' ? chunk : utf8.decode(chunk, {stream: true}));`,
);
fs.writeFileSync(file, patched);
