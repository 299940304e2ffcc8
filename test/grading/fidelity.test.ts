/*
 * The sheet workflow against RULES.md as it now stands (issue 13) and the workbook's own rules,
 * sign-offs and review column (issue 15, workflow side), over the in-memory workbook.
 */
import { DEFAULT_RULES, OLD_RESOURCE_ITEM_NAMES, RESOURCE_ITEMS, compileRules, validateRuleSet } from '../../src/core';
import {
  EmptySheetError,
  InvalidSavedRulesError,
  MissingColumnError,
  PendingRowsError,
  PremiumUnitConflictError,
  REVIEW_HEADER,
  RULES_SHEET,
  ReviewRowError,
  gradeSheet,
  markRow,
  prepareReview,
  readSavedRules,
  runScenario,
  saveRulesToWorkbook,
  stampReview,
  type CellAddress,
  type CellWrite,
  type UncalculatedCells,
} from '../../src/grading';
import { MemoryWorkbook } from '../support/MemoryWorkbook';

const HEADER = [
  '渠道代码',
  '所属集团',
  '服务区域代码',
  '分公司',
  '三级机构',
  '终极赔付率',
  '市场费用率',
  '非市场费用率',
  '合作保费',
  '合作天数',
  '渠道自有保费',
  '集团自有保费',
  '上期分类',
  '渠道类型',
];

/** A channel row: id, group, company, branch, cost figures, premium, own premium, previous class, type. */
function row(
  id: string,
  over: Partial<{
    group: string | null;
    company: string | null;
    branch: string;
    loss: CellWrite;
    premium: CellWrite;
    days: CellWrite;
    own: CellWrite;
    previous: CellWrite;
    type: CellWrite;
    region: CellWrite;
  }> = {},
): CellWrite[] {
  return [
    id,
    over.group ?? null,
    over.region === undefined ? '3301' : over.region,
    over.company === undefined ? '浙江分公司' : over.company,
    over.branch ?? '杭州中支',
    over.loss ?? 0.55,
    0.1,
    0.25,
    over.premium ?? 2_000_000,
    over.days ?? 365,
    over.own ?? 50_000_000,
    over.group ? 80_000_000 : null,
    over.previous ?? null,
    over.type ?? '专业代理',
  ];
}

function book(rows: CellWrite[][], header: readonly string[] = HEADER): MemoryWorkbook {
  return new MemoryWorkbook({ 渠道: [[...header], ...rows] });
}

function col(wb: MemoryWorkbook, header: string, sheet = '渠道'): CellWrite[] {
  const cells = wb.sheets.get(sheet)?.cells ?? [];
  const c = (cells[0] ?? []).indexOf(header);
  if (c < 0) throw new Error(`no column ${header}`);
  return cells.slice(1).map((r) => r[c] ?? null);
}

function headerRow(wb: MemoryWorkbook, sheet = '渠道'): CellWrite[] {
  return wb.sheets.get(sheet)?.cells[0] ?? [];
}

describe('groups are classed as one unit within one 分公司 (RULES.md §4, 第八条)', () => {
  it('classes a group whose members sit in two 三级机构 of one 分公司 as one unit, without a warning', async () => {
    const wb = book([
      row('C1', { group: 'G1', branch: '杭州中支', premium: 10_000_000 }),
      row('C2', { group: 'G1', branch: '宁波中支', loss: 0.65, premium: 3_000_000 }),
    ]);
    const report = await gradeSheet(wb, { group: true });
    expect(col(wb, '集团年化规模')).toEqual([13_000_000, 13_000_000]);
    expect(col(wb, '渠道分类')).toEqual(['蓝-A-Ⅱ', '蓝-A-Ⅱ']);
    expect(report.warnings).toEqual([]);
  });

  it('grades members alone when the group crosses 分公司, and says so', async () => {
    const wb = book([
      row('C1', { group: 'G1', company: '浙江分公司' }),
      row('C2', { group: 'G1', company: '江苏分公司' }),
    ]);
    const report = await gradeSheet(wb, { group: true });
    expect(report.warnings.join('\n')).toContain('跨分公司（浙江分公司、江苏分公司）');
    expect(col(wb, '集团年化规模')).toEqual([null, null]);
    expect(col(wb, '渠道分类')).toEqual(['深蓝-B-Ⅲ', '深蓝-B-Ⅲ']);
  });

  it('holds the whole group when a member row has a problem, each member naming the bad row', async () => {
    const wb = book([
      row('C1', { group: 'G1', premium: 10_000_000 }),
      row('C2', { group: 'G1', loss: 'n/a' }),
      row('C3', { group: 'G1' }),
      row('C4'),
    ]);
    const report = await gradeSheet(wb, { group: true });
    const check = col(wb, '校验结果');
    expect(check[0]).toContain('集团成员第 3 行有误');
    expect(check[2]).toContain('集团成员第 3 行有误');
    expect(check[1]).toContain('终极赔付率“n/a”不是数字或百分比');
    expect(check[1]).toContain('集团成员第 3 行有误');
    expect(col(wb, '渠道分类')).toEqual([null, null, null, '深蓝-B-Ⅲ']);
    expect(report.graded).toBe(1);
    expect(report.withProblems).toBe(3);
    expect(report.warnings.join('\n')).toContain('集团“G1”的成员第 3 行有误，整个集团暂不分级');
  });

  it('recognises the English header “Branch company” as 分公司, not as 三级机构', async () => {
    const header = HEADER.map((h) => (h === '分公司' ? 'Branch company' : h === '三级机构' ? 'Branch' : h));
    const wb = book(
      [row('C1', { group: 'G1', company: 'Zhejiang' }), row('C2', { group: 'G1', company: 'Jiangsu' })],
      header,
    );
    const report = await gradeSheet(wb, { group: true });
    expect(report.warnings.join('\n')).toContain('跨分公司');
  });
});

describe('the eleven resource items and the review action on the sheet (RULES.md §6)', () => {
  it('writes the items as RULES.md §6 numbers them, then 检视措施, then 管理层级', async () => {
    const wb = book([row('C1'), row('C2', { loss: 0.8 })]);
    await gradeSheet(wb);
    const h = headerRow(wb);
    const first = h.indexOf('市场费用比例');
    expect(h.slice(first, first + 14)).toEqual([
      ...RESOURCE_ITEMS.map((i) => i.name.zh),
      '检视措施',
      '管理层级',
      '校验结果',
    ]);
    expect(col(wb, '检视措施')).toEqual(['常规', '清理评估']);
    expect(col(wb, '费用结算')).toEqual(['灵活·加快', '严格·维持']);
  });

  it('writes English headers and outcomes under lang en', async () => {
    const wb = book([row('C1', { loss: 0.68 })]);
    await gradeSheet(wb, { lang: 'en' });
    expect(col(wb, 'Review action')).toEqual(['improvement plan']);
    expect(col(wb, 'Expense settlement')).toEqual(['strict·maintain']);
  });
});

/** Turns a sheet graded now into one graded before the renumbering: old block headers, old rules sheet. */
function makeOld(wb: MemoryWorkbook, staffingCatchAll = '标准'): void {
  const cells = wb.sheets.get('渠道')?.cells ?? [];
  const h = cells[0] ?? [];
  const first = h.indexOf('市场费用比例');
  const review = h.indexOf('检视措施');
  for (const r of cells) r.splice(review, 1);
  OLD_RESOURCE_ITEM_NAMES.forEach((n, i) => {
    (cells[0] as CellWrite[])[first + i] = n.zh;
  });
  const rules = wb.sheets.get(RULES_SHEET)?.cells ?? [];
  const at = rules.findIndex((r) => r[0] === 'item');
  const old: CellWrite[][] = [
    ['item', 'colours', 'scales', 'depths', 'outcome'],
    [1, '深蓝,蓝', '*', '*', '支持'],
    [1, '黄', '*', '*', '维持'],
    [1, '*', '*', '*', '管控'],
    [2, '深蓝,蓝,黄', 'A,B', '*', '灵活'],
    [2, '*', '*', '*', '严格'],
    [3, '深蓝,蓝,黄', 'A,B', '*', '加快'],
    [3, '*', '*', '*', '维持'],
    [4, '深蓝,蓝', '*', '*', '放宽'],
    [4, '黄', '*', '*', '标准'],
    [4, '*', '*', '*', '收紧'],
    [5, '深蓝,蓝', 'A,B', '*', '提高'],
    [5, '浅红,深红', '*', '*', '降低'],
    [5, '*', '*', '*', '标准'],
    [6, '深蓝,蓝', '*', 'Ⅰ,Ⅱ', '优先'],
    [6, '深红', '*', '*', '限制'],
    [6, '*', '*', '*', '标准'],
    [7, '深蓝,蓝,黄', 'A', '*', '专属客户经理'],
    [7, '深红', '*', '*', '共享'],
    [7, '*', '*', '*', staffingCatchAll],
    [8, '深蓝,蓝', '*', '*', '优先'],
    [8, '*', '*', '*', '标准'],
    [9, '深蓝,蓝', '*', 'Ⅱ,Ⅲ', '增加'],
    [9, '浅红,深红', '*', '*', '减少'],
    [9, '*', '*', '*', '维持'],
    [10, '深蓝,蓝,黄', 'A,B', '*', '优先'],
    [10, '*', '*', '*', '标准'],
    [11, '深红', '*', '*', '清理评估'],
    [11, '浅红', '*', '*', '整改'],
    [11, '*', '*', '*', '常规'],
  ];
  rules.splice(at, rules.length - at, ...old);
}

describe('a workbook graded with the old item numbering still opens and re-grades (RULES.md §6; issue 13 point 2)', () => {
  it('reuses the old block in place, migrates the saved rules, says so, and labels every item rightly', async () => {
    const wb = book([row('C1', { loss: 0.62 }), row('C2', { loss: 0.8 })]);
    await gradeSheet(wb);
    makeOld(wb, '按需配置');
    const inputWidth = HEADER.length;
    const report = await gradeSheet(wb);
    const h = headerRow(wb);
    expect(h.slice(0, inputWidth)).toEqual(HEADER);
    expect(report.outputStart).toBe(inputWidth + 1);
    expect(h).toContain('检视措施');
    expect(h).not.toContain('结算方式');
    expect(h).not.toContain('合作检视');
    expect(report.warnings.join('\n')).toContain('已按 RULES.md §6 现行编号迁移');
    // the user's own 人力配置 outcome (old item 7) shows under 人力配置 (item 6), not under 职场驻点
    expect(col(wb, '人力配置')).toEqual(['按需配置', '共享']);
    expect(col(wb, '职场驻点')).toEqual(['按需', '不设']);
    expect(col(wb, '检视措施')).toEqual(['常规', '清理评估']);
    expect(report.rulesSource).toBe('workbook');
    // the rules sheet now holds the migrated rules in the current numbering, which read back unchanged
    const saved = await readSavedRules(wb);
    expect(saved?.warnings).toEqual([]);
    expect(saved?.rules.fingerprint).toBe(report.fingerprint);
  });
});

describe('channel boundaries: 疑似窜门 rows (RULES.md §14)', () => {
  it('leaves out a row whose type belongs to 车商 or 银保 and says which channel', async () => {
    const wb = book([row('C1'), row('C2', { type: '4S店' }), row('C3', { type: '邮政储蓄银行' })]);
    const report = await gradeSheet(wb);
    const check = col(wb, '校验结果');
    expect(check[1]).toContain('疑似窜门');
    expect(check[1]).toContain('车商');
    expect(check[2]).toContain('银保');
    expect(col(wb, '渠道分类')).toEqual(['深蓝-B-Ⅲ', null, null]);
    expect(report.leftOut).toBe(2);
    expect(report.otherChannelRows).toBe(2);
  });

  it('grades such a row with the flag when the user keeps other channels', async () => {
    const wb = book([row('C1'), row('C2', { type: '寿险' })]);
    const report = await gradeSheet(wb, { keepOtherChannels: true });
    expect(col(wb, '渠道分类')).toEqual(['深蓝-B-Ⅲ', '深蓝-B-Ⅲ']);
    expect(col(wb, '校验结果')[1]).toContain('属于综拓，按选择保留分级');
    expect(report.graded).toBe(2);
  });

  it('recognises 中介类型 as the channel-type column', async () => {
    const header = HEADER.map((h) => (h === '渠道类型' ? '中介类型' : h));
    const wb = book([row('C1', { type: '直销' })], header);
    await gradeSheet(wb);
    expect(col(wb, '校验结果')[0]).toContain('直销');
  });
});

describe('small untruths of the sheet workflow (issue 13 point 5)', () => {
  it('says which of two columns with the same recognised header it used', async () => {
    const header = [...HEADER, '合作保费'];
    const wb = book([[...row('C1'), 9_999_999]], header);
    const report = await gradeSheet(wb);
    expect(report.warnings.join('\n')).toContain('“合作保费”列出现在第 9、15 列，使用了第 9 列');
    expect(col(wb, '年化合作规模')).toEqual([2_000_000]);
  });

  it.each([['篮-A-Ⅰ'], ['10']])(
    'makes a previous class with a typo (%s) a problem of the row, not 新',
    async (typo) => {
      const wb = book([row('C1', { previous: typo })]);
      await gradeSheet(wb);
      expect(col(wb, '分类变动')).toEqual([null]);
      expect(col(wb, '校验结果')[0]).toContain(`上期分类“${typo}”无法识别`);
    },
  );

  it('reports an end date before the start date without a bogus depth (RULES.md §1)', async () => {
    const header = HEADER.filter((h) => h !== '合作天数').concat(['合作起始日期', '统计截止日期']);
    const r = row('C1');
    r.splice(9, 1);
    const wb = book([[...r, '2026-06-30', '2026-01-01']], header);
    await gradeSheet(wb);
    const check = col(wb, '校验结果')[0] as string;
    expect(check).toContain('统计截止日期早于合作起始日期');
    expect(check).not.toContain('合作深度');
  });

  it('refuses colour thresholds typed as whole numbers, saying 90 means 9000% and suggesting 0.9 (RULES.md §2, §10)', () => {
    const v = validateRuleSet({
      parameters: { 'cost.deepBlue.max': 90, 'cost.blue.max': 95, 'cost.yellow.max': 100, 'cost.lightRed.max': 105 },
    });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    const first = v.problems.find((p) => p.field === 'cost.deepBlue.max');
    expect(first?.message.zh).toBe('90 表示 9000%；比率请填小数，如 0.9（或 90%）');
    expect(v.problems.map((p) => p.field)).toEqual([
      'cost.deepBlue.max',
      'cost.blue.max',
      'cost.yellow.max',
      'cost.lightRed.max',
    ]);
  });
});

describe('the workbook keeps its own rules (RULES.md §10; issue 15 point 1)', () => {
  const custom = compileRules({
    ...DEFAULT_RULES,
    name: '本公司规则',
    parameters: { ...DEFAULT_RULES.parameters, 'cost.deepBlue.max': 0.88 },
  });

  it('grades with the saved rules when none are given, says they differ, and never rewrites them to defaults', async () => {
    const wb = book([row('C1')]);
    await gradeSheet(wb, { rules: custom });
    const report = await gradeSheet(wb);
    expect(report.rulesSource).toBe('workbook');
    expect(report.rulesDifferFromDefaults).toBe(true);
    expect(report.fingerprint).toBe(custom.fingerprint);
    expect(report.warnings.join('\n')).toContain('按工作簿保存的规则“本公司规则”');
    expect(col(wb, '渠道分类')).toEqual(['蓝-B-Ⅲ']);
    const cells = wb.sheets.get(RULES_SHEET)?.cells ?? [];
    expect(cells.find((r) => r[0] === 'cost.deepBlue.max')?.[1]).toBe(0.88);
  });

  it('reads nothing from a workbook without a rules sheet, and grades with the defaults', async () => {
    const wb = book([row('C1')]);
    expect(await readSavedRules(wb)).toBeNull();
    const report = await gradeSheet(wb);
    expect(report.rulesSource).toBe('defaults');
    expect(report.rulesDifferFromDefaults).toBe(false);
  });

  it('refuses invalid saved rules, naming the sheet and the key, and writes nothing', async () => {
    const wb = book([row('C1')]);
    await gradeSheet(wb);
    const cells = wb.sheets.get(RULES_SHEET)?.cells ?? [];
    const at = cells.findIndex((r) => r[0] === 'cost.blue.max');
    (cells[at] as CellWrite[])[1] = 0.5;
    const commits = wb.commits;
    await expect(gradeSheet(wb)).rejects.toThrow(InvalidSavedRulesError);
    await expect(gradeSheet(wb)).rejects.toThrow(/分级规则.*cost\.blue\.max/);
    expect(wb.commits).toBe(commits);
  });
});

describe('sign-offs belong to the grading they approved (RULES.md §12; issue 15 point 2)', () => {
  it('refuses a sign-off with rows pending unless it is confirmed, and records the confirmation', async () => {
    const wb = book([row('C1'), row('C2')]);
    const report = await gradeSheet(wb);
    const state = await prepareReview(wb);
    const stamp = { by: '王经理', at: new Date('2026-11-30T10:00:00Z'), fingerprint: report.fingerprint, state };
    await expect(stampReview(wb, stamp)).rejects.toThrow(PendingRowsError);
    expect((wb.sheets.get(RULES_SHEET)?.cells ?? []).some((r) => r[1] === '王经理')).toBe(false);
    await stampReview(wb, { ...stamp, confirmPending: true });
    const signed = (wb.sheets.get(RULES_SHEET)?.cells ?? []).find((r) => r[1] === '王经理');
    expect(signed?.[6]).toContain('确认含 2 行待复核签字');
  });

  it('keeps an earlier sign-off when grading again, marked as applying to the earlier grading', async () => {
    const wb = book([row('C1'), row('C2')]);
    const first = await gradeSheet(wb, { now: () => new Date('2026-11-30T08:00:00Z') });
    let state = await prepareReview(wb);
    for (const r of [2, 3]) await markRow(wb, { sheet: '渠道', column: state.column, row: r }, '通过');
    state = await prepareReview(wb);
    await stampReview(wb, {
      by: '王经理',
      at: new Date('2026-11-30T10:00:00Z'),
      fingerprint: first.fingerprint,
      state,
    });
    expect((await prepareReview(wb)).signOffs).toEqual({ current: 1, earlier: 0 });
    const again = await gradeSheet(wb, { now: () => new Date('2026-12-01T08:00:00Z') });
    const cells = wb.sheets.get(RULES_SHEET)?.cells ?? [];
    const kept = cells.find((r) => r[1] === '王经理');
    expect(kept?.slice(0, 6)).toEqual([
      '复核签字 Review sign-off',
      '王经理',
      '2026-11-30 10:00:00',
      first.fingerprint,
      '通过 2 · 退回 0 · 待复核 0',
      '2026-11-30T08:00:00.000Z',
    ]);
    expect(kept?.[7]).toContain('适用于此前的分级');
    expect(again.warnings.join('\n')).toContain('本次分级需要重新复核签字');
    expect((await prepareReview(wb)).signOffs).toEqual({ current: 0, earlier: 1 });
    // and a third grading still keeps it, once
    await gradeSheet(wb);
    expect((wb.sheets.get(RULES_SHEET)?.cells ?? []).filter((r) => r[1] === '王经理')).toHaveLength(1);
  });
});

describe('the review column is the add-in’s (issue 15 points 3 and 4)', () => {
  it('keeps 复核状态 and its statuses when grading again with groups, and again without', async () => {
    const wb = book([row('C1', { group: 'G1' }), row('C2', { group: 'G1' })]);
    await gradeSheet(wb, { fingerprints: true });
    const state = await prepareReview(wb);
    await markRow(wb, { sheet: '渠道', column: state.column, row: 2 }, '通过');
    await gradeSheet(wb, { group: true, fingerprints: true });
    expect(col(wb, REVIEW_HEADER)).toEqual(['通过', '待复核']);
    expect(headerRow(wb).filter((h) => h === REVIEW_HEADER)).toHaveLength(1);
    await gradeSheet(wb, { fingerprints: true });
    const after = await prepareReview(wb, { group: false });
    expect(after.counts).toEqual({ 待复核: 1, 通过: 1, 退回: 0 });
  });

  it('flags rows whose service-area code was removed or whose premium became negative', async () => {
    const wb = book([row('C1'), row('C2'), row('C3'), row('C4')]);
    await gradeSheet(wb, { fingerprints: true });
    const cells = wb.sheets.get('渠道')?.cells ?? [];
    (cells[1] as CellWrite[])[2] = null; // C1 loses its service-area code
    (cells[2] as CellWrite[])[8] = -1; // C2's premium set to −1
    (cells[3] as CellWrite[])[4] = '宁波中支'; // C3 moves 三级机构
    const state = await prepareReview(wb);
    expect(state.changedRows).toEqual([2, 3, 4]);
  });

  it('refuses to mark a row outside the graded table or a problem row, writing nothing', async () => {
    const wb = book([row('C1'), row('C2', { loss: 'n/a' })]);
    await gradeSheet(wb);
    const state = await prepareReview(wb);
    const before = JSON.stringify(wb.sheets.get('渠道')?.cells);
    await expect(markRow(wb, { sheet: '渠道', column: state.column, row: 5000 }, '通过')).rejects.toThrow(
      ReviewRowError,
    );
    await expect(markRow(wb, { sheet: '渠道', column: state.column, row: 3 }, '通过')).rejects.toThrow(/没有分类/);
    await expect(markRow(wb, { sheet: '渠道', column: state.column, row: 1 }, '通过')).rejects.toThrow(/不在已分级/);
    expect(JSON.stringify(wb.sheets.get('渠道')?.cells)).toBe(before);
  });
});

describe('premiums in 万元 (RULES.md intro; issue 15 point 6)', () => {
  const wan = HEADER.map((h) =>
    h === '合作保费' ? '合作保费（万元）' : h === '渠道自有保费' ? '渠道自有保费（万元）' : h,
  );

  it('recognises 合作保费（万元） and grades 1,200 as 1200万, scale A', async () => {
    const wb = book([row('C1', { premium: 1_200, own: 3_000 })], wan);
    const report = await gradeSheet(wb);
    expect(col(wb, '规模类别')).toEqual(['A']);
    expect(report.premiumUnit).toBe(10_000);
    expect(report.warnings.join('\n')).toContain('标明保费单位为万元');
  });

  it('refuses premium columns in two units', async () => {
    const mixed = wan.map((h) => (h === '渠道自有保费（万元）' ? '渠道自有保费（元）' : h));
    const wb = book([row('C1')], mixed);
    await expect(gradeSheet(wb)).rejects.toThrow(PremiumUnitConflictError);
  });

  it('warns when premiums in yuan look like 万元', async () => {
    const wb = book([row('C1', { premium: 1_200, own: 3_000 })]);
    const report = await gradeSheet(wb);
    expect(col(wb, '规模类别')).toEqual(['C']);
    expect(report.warnings.join('\n')).toContain('像是以万元填写');
  });
});

describe('more of the sheet follows RULES.md §6 and issue 15', () => {
  it('totals channels and premium per review action on the summary sheet, as formulas over the 检视措施 column', async () => {
    const wb = book([row('C1'), row('C2', { loss: 0.8 }), row('C3', { loss: 0.8 })]);
    await gradeSheet(wb);
    const summary = wb.sheets.get('分级汇总')?.cells ?? [];
    const exit = summary.find((r) => r[0] === '清理评估');
    const cell = exit?.[1] as { formula: string; result: number };
    expect(cell.result).toBe(2);
    expect(cell.formula).toMatch(/^COUNTIFS\('渠道'!\$[A-Z]+\$2:\$[A-Z]+\$4,"=清理评估"\)$/);
    expect(summary.find((r) => r[0] === '常规')?.[1]).toMatchObject({ result: 1 });
  });

  it('counts a change in an input column that grading does not read (a note) as a changed row', async () => {
    const wb = book([[...row('C1'), '备注一'], row('C2')], [...HEADER, '备注']);
    await gradeSheet(wb, { fingerprints: true });
    ((wb.sheets.get('渠道')?.cells ?? [])[1] as CellWrite[])[HEADER.length] = '改过的备注';
    expect((await prepareReview(wb)).changedRows).toEqual([2]);
  });

  it('re-grades an old-numbering sheet that has a review column right after its block, keeping the statuses', async () => {
    const wb = book([row('C1'), row('C2')]);
    await gradeSheet(wb);
    makeOld(wb);
    const cells = wb.sheets.get('渠道')?.cells ?? [];
    const end = (cells[0] ?? []).length;
    cells.forEach((r, i) => (r[end] = i === 0 ? REVIEW_HEADER : i === 1 ? '通过' : '待复核'));
    await gradeSheet(wb);
    expect(col(wb, REVIEW_HEADER)).toEqual(['通过', '待复核']);
    expect(col(wb, '检视措施')).toEqual(['常规', '常规']);
  });
});

describe('an empty sheet (issue 15 point 14)', () => {
  it('says the sheet is empty instead of listing every required column', async () => {
    const wb = new MemoryWorkbook({ 空表: [] });
    await expect(gradeSheet(wb)).rejects.toThrow(EmptySheetError);
    await expect(gradeSheet(wb)).rejects.toThrow('工作表“空表”是空的');
    await expect(gradeSheet(wb)).rejects.toThrow(MissingColumnError);
  });
});

describe('the scenario grades with the workbook’s rules too (issue 15 point 1)', () => {
  it('uses the saved rules when the caller gives none', async () => {
    const wb = book([row('C1')]);
    const custom = compileRules({
      ...DEFAULT_RULES,
      parameters: { ...DEFAULT_RULES.parameters, 'cost.deepBlue.max': 0.88 },
    });
    await gradeSheet(wb, { rules: custom });
    const report = await runScenario(wb, { points: 0, target: {} });
    expect(report.changed).toEqual([]);
    const out = wb.sheets.get('情景测算')?.cells ?? [];
    expect(out.some((r) => r.includes(custom.fingerprint))).toBe(true);
  });
});

describe('a formula with no calculated value (issue 13 point 5)', () => {
  /** A workbook host that knows which cells hold a formula without a cached value. */
  class UncalculatedWorkbook extends MemoryWorkbook implements UncalculatedCells {
    constructor(
      sheets: Record<string, CellWrite[][]>,
      private readonly formulas: readonly CellAddress[],
    ) {
      super(sheets);
    }
    uncalculatedCells(_sheet: string, firstRow: number, firstColumn: number, rowCount: number, columnCount: number) {
      return Promise.resolve(
        this.formulas.filter(
          (a) =>
            a.row >= firstRow &&
            a.row < firstRow + rowCount &&
            a.column >= firstColumn &&
            a.column < firstColumn + columnCount,
        ),
      );
    }
  }

  it('says the cell is a formula without a calculated value, not that it is blank', async () => {
    const r = row('C1');
    r[5] = null; // 终极赔付率: a formula the saving program never calculated
    const wb = new UncalculatedWorkbook({ 渠道: [HEADER, r] }, [{ row: 2, column: 6 }]);
    await gradeSheet(wb);
    const check = col(wb, '校验结果');
    expect(check[0]).toContain('终极赔付率是公式，但没有计算结果');
    expect(check[0]).not.toContain('为空');
  });
});

describe('an English run reads English first (issue 15 point 13)', () => {
  it('writes each problem in English with the Chinese beside it under lang en', async () => {
    const wb = book([row('C1', { loss: 'n/a' })]);
    await gradeSheet(wb, { lang: 'en' });
    expect(col(wb, 'Check')[0]).toBe(
      'Ultimate loss ratio "n/a" is not a number or a percentage (终极赔付率“n/a”不是数字或百分比)',
    );
  });
});

describe('saving rules without grading (issue 15 points 1 and 2)', () => {
  it('keeps the record of the last grading and its sign-off as applying to it, and says the rules are not yet graded with', async () => {
    const wb = book([row('C1')]);
    await gradeSheet(wb, { now: () => new Date('2026-11-30T08:00:00Z') });
    let state = await prepareReview(wb);
    await markRow(wb, { sheet: '渠道', column: state.column, row: 2 }, '通过');
    state = await prepareReview(wb);
    await stampReview(wb, { by: '王经理', at: new Date('2026-11-30T10:00:00Z'), fingerprint: 'x', state });
    const custom = compileRules({
      ...DEFAULT_RULES,
      parameters: { ...DEFAULT_RULES.parameters, 'cost.deepBlue.max': 0.88 },
    });
    await saveRulesToWorkbook(wb, custom, { lang: 'zh', by: '李分析', now: () => new Date('2026-11-30T11:00:00Z') });
    const cells = wb.sheets.get(RULES_SHEET)?.cells ?? [];
    expect(cells.find((r) => r[0] === '分级时间 Graded at')?.[1]).toBe('2026-11-30T08:00:00.000Z');
    expect(cells.find((r) => r[0] === '规则保存时间 Rules saved at')?.slice(1, 3)).toEqual([
      '2026-11-30T11:00:00.000Z',
      '李分析',
    ]);
    const signed = cells.find((r) => r[1] === '王经理');
    expect(signed?.[7] ?? null).toBeNull();
    expect((await readSavedRules(wb))?.rules.fingerprint).toBe(custom.fingerprint);
  });
});

describe('rules saved by an English run read back the same (RULES.md §10)', () => {
  it('reads the English rules sheet, its matrix, actions and review rows, to the same fingerprint', async () => {
    const rules = compileRules({
      ...DEFAULT_RULES,
      parameters: { ...DEFAULT_RULES.parameters, 'scale.A.min': 8_000_000 },
      review: [
        { colours: ['deepRed'], scales: '*', depths: '*', outcome: { zh: '退出', en: 'exit' }, basis: 'custom' },
        { colours: '*', scales: '*', depths: '*', outcome: { zh: '常规', en: 'regular' }, basis: 'custom' },
      ],
    });
    const wb = book([row('C1')]);
    await gradeSheet(wb, { rules, lang: 'en' });
    const saved = await readSavedRules(wb);
    expect(saved?.warnings).toEqual([]);
    expect(saved?.rules.rules.parameters['scale.A.min']).toBe(8_000_000);
    expect(saved?.rules.review[44]?.en).toBe('exit');
    expect(saved?.rules.actions).toEqual(rules.actions);
    expect(saved?.rules.outcomes).toEqual(rules.outcomes);
  });
});

describe('the 分公司 column under the names analysts use (RULES.md §4)', () => {
  it.each([['二级机构'], ['所属分公司']])('recognises %s as 分公司', async (name) => {
    const header = HEADER.map((h) => (h === '分公司' ? name : h));
    const wb = book([row('C1', { group: 'G1', company: '浙江' }), row('C2', { group: 'G1', company: '江苏' })], header);
    const report = await gradeSheet(wb, { group: true });
    expect(report.warnings.join('\n')).toContain('跨分公司（浙江、江苏）');
  });
});
