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

/** The add-in's own help page: one section per function, anchored by its id, Chinese then English. */
function helpPage(metadata, table) {
  const sections = metadata.functions.map((f) => {
    const zh = table[f.id];
    const params = f.parameters
      .map(
        (p) =>
          `<li><code>${escape(p.optional ? `[${p.name}]` : p.name)}</code> — ${escape(zh.parameters[p.name])}<br><span lang="en">${escape(p.description || '')}</span></li>`,
      )
      .join('');
    const signature = `=QD.${f.name}(${f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ')})`;
    return `<section id="${escape(f.id)}"><h2><code>${escape(signature)}</code></h2><p>${escape(zh.description)}</p><p lang="en">${escape(f.description)}</p><ul>${params}</ul></section>`;
  });
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>渠道分级 · QD Channel Grader — 函数帮助 Function help</title>
<style>body{font-family:system-ui,"Microsoft YaHei",sans-serif;max-width:52rem;margin:auto;padding:1rem;line-height:1.5}code{background:#f3f3f3;padding:0 .2em}section{border-top:1px solid #ddd;padding-top:.5rem}</style></head>
<body><h1>渠道分级 · QD Channel Grader</h1><p>工作表函数帮助 · Worksheet function help. 每个值参数都可以是单元格或区域：同形区域逐元素计算并溢出结果，单个值自动扩展。Every value argument may be a cell or a range: ranges of one shape compute element by element and spill; a single value broadcasts.</p>
${sections.join('\n')}</body></html>`;
}

module.exports = { translationGaps, localizeMetadata, helpPage };
