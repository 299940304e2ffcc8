/* Channel-type lists as data in the rule set (RULES.md §14, §10). */
import {
  DEFAULT_CHANNEL_TYPES,
  DEFAULT_COMPILED,
  DEFAULT_RULES,
  InvalidRulesError,
  channelTypeRows,
  compileRules,
  otherChannelOf,
  rulesFromRange,
  rulesTableRows,
  withChannelTypes,
  wordsOfText,
} from '../../src/core';
import { gradeSheet } from '../../src/grading';
import { MemoryWorkbook } from '../support/MemoryWorkbook';

describe('business sold mainly by telephone (呼入、呼出) or online … is 电网销 [第六条]', () => {
  it.each([
    ['电话销售', '电网销'],
    ['网销平台', '电网销'],
    ['互联网销售', '电网销'],
    ['重点客户', '重客'],
    ['汽贸公司', '车商'],
  ])('flags %s as %s', (type, channel) => {
    expect(otherChannelOf(type)?.zh).toBe(channel);
  });

  it('keeps a used-car trading centre (二手车交易中心) in 经代', () => {
    expect(otherChannelOf('二手车交易中心')).toBeNull();
  });
});

describe('The list of types per channel is data in the rule set (with these defaults), so a company adds its own type names', () => {
  it('keeps the fingerprint of the default rule set as it was', () => {
    expect(compileRules({ ...DEFAULT_RULES, channelTypes: DEFAULT_CHANNEL_TYPES }).fingerprint).toBe(
      DEFAULT_COMPILED.fingerprint,
    );
  });

  it('grades with a company’s own type name and gives its rules another fingerprint', async () => {
    const lists = DEFAULT_CHANNEL_TYPES.map((l) =>
      l.channel === 'teleOnline' ? { ...l, words: [...l.words, '坐席'] } : l,
    );
    const rules = compileRules(withChannelTypes(DEFAULT_RULES, lists));
    expect(rules.fingerprint).not.toBe(DEFAULT_COMPILED.fingerprint);
    expect(otherChannelOf('坐席团队', rules.channelTypes)?.zh).toBe('电网销');
    const header = [
      '渠道代码',
      '服务区域代码',
      '终极赔付率',
      '市场费用率',
      '非市场费用率',
      '合作保费',
      '合作天数',
      '渠道自有保费',
      '渠道类型',
    ];
    const wb = new MemoryWorkbook({
      渠道: [header, ['C1', '11', 0.6, 0.2, 0.1, 1_000_000, 365, 5_000_000, '坐席团队']],
    });
    const report = await gradeSheet(wb, { rules });
    expect(report.leftOut).toBe(1);
  });

  it('refuses a word under two channels, naming the field', () => {
    const lists = [
      { channel: 'carDealer' as const, words: ['车商'] },
      { channel: 'bancassurance' as const, words: ['车商'] },
    ];
    expect(() => withChannelTypes(DEFAULT_RULES, lists)).toThrow(InvalidRulesError);
    expect(() => compileRules({ ...DEFAULT_RULES, channelTypes: lists })).toThrow(/channelTypes\[1\]\.words\[0\]/);
  });

  it('gives the Rules tab one row per other channel, marking the shipped lists as defaults', () => {
    const rows = channelTypeRows(DEFAULT_RULES);
    expect(rows.map((r) => r.label.zh)).toEqual(['车商', '银保', '综拓', '直销', '电网销', '重客']);
    expect(rows.every((r) => r.isDefault)).toBe(true);
    expect(wordsOfText('电话销售、网销平台, 坐席\n呼入')).toEqual(['电话销售', '网销平台', '坐席', '呼入']);
  });
});

describe('the list of types per channel is data in the rule set … so a company adds its own type names (RULES.md §14)', () => {
  it('writes a custom list into the rules table and reads the same rule set back from it', () => {
    const custom = withChannelTypes(
      DEFAULT_RULES,
      DEFAULT_CHANNEL_TYPES.map((l) => (l.channel === 'keyAccount' ? { ...l, words: ['大客户部', '重客'] } : l)),
    );
    const back = rulesFromRange(rulesTableRows(custom, 'zh').map((r) => r.slice(0, 2)));
    expect(back.ok && back.rules.channelTypes).toEqual(custom.channelTypes);
    expect(back.ok && compileRules(back.rules).fingerprint).toBe(compileRules(custom).fingerprint);
  });

  it('refuses a key naming no channel, naming the key', () => {
    const v = rulesFromRange([
      ['key', 'value'],
      ['types.ufo', '外星渠道'],
    ]);
    expect(!v.ok && v.problems.map((p) => p.field)).toEqual(['types.ufo']);
  });
});
