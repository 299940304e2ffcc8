/* A workbook keeps its own channel-type lists on 分级规则 (RULES.md §10, §14; CONTRACT.md §2). */
import {
  DEFAULT_CHANNEL_TYPES,
  DEFAULT_COMPILED,
  DEFAULT_RULES,
  compileRules,
  rulesFromRange,
  rulesTableRows,
  withChannelTypes,
} from '../../src/core';
import { RULES_SHEET, readSavedRules, rulesSheet, saveRulesToWorkbook } from '../../src/grading/rulesSheet';
import { MemoryWorkbook } from '../support/MemoryWorkbook';

const custom = withChannelTypes(
  DEFAULT_RULES,
  DEFAULT_CHANNEL_TYPES.map((l) => (l.channel === 'teleOnline' ? { ...l, words: [...l.words, '呼叫中心外包'] } : l)),
);
const stamp = { sheet: '渠道', mode: 'annual' as const, group: false, gradedAt: new Date('2026-12-01T00:00:00Z') };

describe('a workbook carries its own rule set so that everyone who opens it grades the same way (RULES.md §10)', () => {
  it('reads back a custom channel-type list saved on 分级规则 equal to the one saved', async () => {
    const book = new MemoryWorkbook({ 渠道: [['渠道名称']] });
    const compiled = compileRules(custom);
    await saveRulesToWorkbook(book, compiled, { lang: 'zh', now: () => new Date('2026-12-02T00:00:00Z') });
    const saved = await readSavedRules(book);
    expect(saved?.rules.rules.channelTypes).toEqual(custom.channelTypes);
    expect(saved?.rules.fingerprint).toBe(compiled.fingerprint);
    expect(saved?.differsFromDefaults).toBe(true);
  });

  it('writes one row per channel, the edited list custom and the others marked default', () => {
    const rows = rulesTableRows(custom, 'zh');
    const tele = rows.find((r) => r[0] === 'types.teleOnline');
    const car = rows.find((r) => r[0] === 'types.carDealer');
    expect(String(tele?.[1])).toContain('电话销售、');
    expect(String(tele?.[1])).toContain('呼叫中心外包');
    expect(String(tele?.[2])).toContain('自定义');
    expect(String(car?.[2])).toContain('默认值');
    expect(rows.filter((r) => String(r[0]).startsWith('types.'))).toHaveLength(6);
  });

  it('grades a QD_RULES range with the lists it names, as formulas with a [rules] range do', () => {
    const layout = rulesSheet(compileRules(custom), stamp, 'en');
    const { firstRow, lastRow } = layout.rulesTable;
    const range = layout.rows.slice(firstRow - 1, lastRow).map((r) => r.slice(0, 2) as (string | number | null)[]);
    const v = rulesFromRange(range);
    expect(v.ok && compileRules(v.rules).fingerprint).toBe(compileRules(custom).fingerprint);
  });

  it('leaves the default rules sheet and fingerprint as they were where the lists are the shipped ones', async () => {
    expect(rulesTableRows(DEFAULT_RULES, 'zh').some((r) => String(r[0]).startsWith('types.'))).toBe(false);
    const book = new MemoryWorkbook({ 渠道: [['渠道名称']] });
    await saveRulesToWorkbook(book, DEFAULT_COMPILED, { lang: 'zh' });
    const saved = await readSavedRules(book);
    expect(saved?.rules.fingerprint).toBe(DEFAULT_COMPILED.fingerprint);
    expect(saved?.rules.rules.channelTypes).toBeUndefined();
    expect(saved?.differsFromDefaults).toBe(false);
  });

  it('refuses a saved list naming an unknown channel, naming the key', async () => {
    const book = new MemoryWorkbook({ 渠道: [['渠道名称']] });
    await saveRulesToWorkbook(book, compileRules(custom), { lang: 'zh' });
    const sheet = book.sheets.get(RULES_SHEET);
    const row = sheet?.cells.find((r) => r[0] === 'types.keyAccount');
    if (row) row[0] = 'types.spaceShip';
    await expect(readSavedRules(book)).rejects.toThrow(/types\.spaceShip/);
  });
});

describe('the list of types per channel is data in the rule set, so a company adds its own type names (RULES.md §14)', () => {
  it('takes a channel left out of the range at its shipped list', () => {
    const v = rulesFromRange([
      ['key', 'value'],
      ['types.teleOnline', '电话销售,网销平台，坐席外呼'],
    ]);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.rules.channelTypes?.find((l) => l.channel === 'teleOnline')?.words).toEqual([
      '电话销售',
      '网销平台',
      '坐席外呼',
    ]);
    expect(v.rules.channelTypes?.find((l) => l.channel === 'carDealer')).toEqual(DEFAULT_CHANNEL_TYPES[0]);
  });

  it('refuses one word under two channels, naming the key', () => {
    const v = rulesFromRange([
      ['key', 'value'],
      ['types.direct', '银行'],
    ]);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.problems.map((p) => p.field)).toContain('types.direct');
  });
});
