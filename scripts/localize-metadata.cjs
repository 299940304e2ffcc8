/*
 * Custom-function metadata in Chinese, and the functions' help page, from the metadata that
 * custom-functions-metadata generates out of the TSDoc (English, the manifest's default locale)
 * and the translation table src/functions/translations.zh-cn.json. Shared by webpack and the tests.
 */
'use strict';

/** Every function id and parameter the table lacks, and every entry it has that no longer exists. */
function translationGaps(metadata, table) {
  const gaps = [];
  for (const f of metadata.functions) {
    const t = table[f.id];
    if (!t || !t.description) gaps.push(`${f.id}: no description`);
    for (const p of f.parameters)
      if (!t || !t.parameters || !t.parameters[p.name]) gaps.push(`${f.id}.${p.name}: no description`);
  }
  const ids = new Set(metadata.functions.map((f) => f.id));
  for (const id of Object.keys(table)) if (!ids.has(id)) gaps.push(`${id}: translated but no such function`);
  return gaps;
}

/** The zh-CN metadata: names stay English (as Excel's own do in Chinese Excel), texts are Chinese. */
function localizeMetadata(metadata, table) {
  const gaps = translationGaps(metadata, table);
  if (gaps.length > 0) throw new Error(`functions translation table is incomplete:\n  ${gaps.join('\n  ')}`);
  return {
    ...metadata,
    functions: metadata.functions.map((f) => ({
      ...f,
      description: table[f.id].description,
      parameters: f.parameters.map((p) => ({ ...p, description: table[f.id].parameters[p.name] })),
    })),
  };
}

const escape = (s) =>
  String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** A result cell as the help page shows it: as the cell holds it, before any number format. */
const showCell = (v) => (v === null || v === undefined ? '' : String(v));

/** A worked example: the formula, the cells it gives, and what it means in both languages. */
function exampleHtml(example) {
  const rows = example.result
    .map((row) => `<tr>${row.map((v) => `<td>${escape(showCell(v))}</td>`).join('')}</tr>`)
    .join('');
  return `<div class="example"><p>示例 Example: <code>${escape(example.formula)}</code></p><table aria-label="结果 Result">${rows}</table><p>${escape(example.zh)}</p><p lang="en">${escape(example.en)}</p></div>`;
}

/** The help page's policy: no script at all, its own inline style, images only inline. */
const HELP_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * The add-in's own help page: one section per function, anchored by its id, Chinese then English,
 * each with a worked example and its result (`examples`, checked by a test that evaluates them).
 */
function helpPage(metadata, table, examples) {
  const missing = metadata.functions.filter((f) => !examples || !examples[f.id]).map((f) => f.id);
  if (missing.length > 0) throw new Error(`functions help has no example for: ${missing.join(', ')}`);
  const sections = metadata.functions.map((f) => {
    const zh = table[f.id];
    const params = f.parameters
      .map(
        (p) =>
          `<li><code>${escape(p.optional ? `[${p.name}]` : p.name)}</code> — ${escape(zh.parameters[p.name])}<br><span lang="en">${escape(p.description || '')}</span></li>`,
      )
      .join('');
    const signature = `=QD.${f.name}(${f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ')})`;
    return `<section id="${escape(f.id)}"><h2><code>${escape(signature)}</code></h2><p>${escape(zh.description)}</p><p lang="en">${escape(f.description)}</p><ul>${params}</ul>${exampleHtml(examples[f.id])}</section>`;
  });
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${HELP_CSP}"><title>渠道分级 · QD Channel Grader — 函数帮助 Function help</title>
<style>body{font-family:system-ui,"Microsoft YaHei",sans-serif;max-width:52rem;margin:auto;padding:1rem;line-height:1.5}code{background:#f3f3f3;padding:0 .2em}section{border-top:1px solid #ddd;padding-top:.5rem}.example{background:#f7f9fc;padding:.25rem .75rem}table{border-collapse:collapse}td{border:1px solid #ccc;padding:.1rem .4rem}</style></head>
<body><h1>渠道分级 · QD Channel Grader</h1>
<p>工作表函数帮助。每个值参数都可以是单元格或区域：同形区域逐元素计算并溢出结果，单个值自动扩展。某一行的数据有问题，只有这一行返回错误，其他行照常计算；输入单元格本身是错误值（如查找失败的 #N/A）时，这一行原样返回该错误。带格式的数字、实体等数据类型按其基本值计算。</p>
<p lang="en">Worksheet function help. Every value argument may be a cell or a range: ranges of one shape compute element by element and spill; a single value broadcasts. A row with a data problem gets its own error and the other rows still compute; a row whose input cell holds an error (a #N/A from a failed lookup) passes that error on. Data types such as formatted numbers and entities count by their basic value.</p>
<p>空单元格：网页版 Excel 把空单元格作为“空”传给函数，桌面版作为 0 传入。0 无效的地方（天数、自有保费）两者给出同样的错误；规则区域中的空行一律跳过；QD.STARS 中的空白和 0 积分都视为未评级。</p>
<p lang="en">Blank cells: Excel on the web hands a function a blank as empty, Excel desktop as 0. Where 0 is not valid (days, own premium) both give the same error; blank rows in a rules range are skipped; in QD.STARS blank and 0 points both mean not rated.</p>
<p>Excel 只为 #VALUE! 和 #N/A 显示说明。遇到 #NUM! 或 #DIV/0! 时，用同样的参数调用检查函数查看原因：原始数据用 QD.CHECK，测算、分级和资源公式用 QD.MEASURECHECK，参考测算用 QD.ECONCHECK，数据窗口用 QD.WINDOWCHECK，规则区域用 QD.RULESCHECK。</p>
<p lang="en">Excel shows a message only with #VALUE! and #N/A. For a #NUM! or #DIV/0!, call the check function with the same arguments to see why: QD.CHECK for raw figures, QD.MEASURECHECK for measure, class and resource formulas, QD.ECONCHECK for the reference calculators, QD.WINDOWCHECK for data windows, QD.RULESCHECK for a rules range.</p>
<p>参考测算：COMMISSIONDUE、COMMISSIONPLAN、AGENTFEE、BREAKEVEN、AGENCYPLAN、AGENCYPRICE、STARS、DEPTCHECK 来自随经代办法附带的相关文件，其中多份写的是其他行业（物业买卖佣金、信用评级机构的代理商、药企的三级代理、电信运营商的网点、寿险个险的内部区域总代理），仅供参考，不是保险佣金政策。总代理的成本构成与盈亏平衡公式是默认值（文件未给公式），可按实际情况调整。</p>
<p lang="en">Reference calculators: COMMISSIONDUE, COMMISSIONPLAN, AGENTFEE, BREAKEVEN, AGENCYPLAN, AGENCYPRICE, STARS and DEPTCHECK come from related documents bundled with the Measures, several written for other trades (property sales commissions, a credit-rating agency's resellers, a drug maker's distributors, a telecom operator's outlets, a life insurer's general agency). They are for reference, not insurance commission policy. The general agency's cost composition and break-even formula are defaults (the documents give none): adjust them to your case.</p>
${sections.join('\n')}</body></html>`;
}

module.exports = { translationGaps, localizeMetadata, helpPage, HELP_CSP };
