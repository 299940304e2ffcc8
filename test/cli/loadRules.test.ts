import { writeFileSync } from 'node:fs';
import { loadRules } from '../../src/cli/loadRules';
import { DEFAULT_CHANNEL_TYPES, InvalidRulesError } from '../../src/core';
import { tempDir } from '../hosts/xlsx/tempFiles';

const tmp = tempDir('qd-rules-');
afterAll(() => tmp.cleanup());

// CONTRACT.md §2 keys; RULES.md §2 default for cost.deepBlue.max is 0.90.
const JSON_RULES = JSON.stringify({ parameters: { 'cost.deepBlue.max': 0.85 } }, null, 2);

describe('loadRules: a rules file as Windows tools save it (issue 12)', () => {
  it('accepts a rules JSON that Notepad saved as UTF-8 with a byte-order mark', async () => {
    const file = tmp.path('notepad-utf8.json');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON_RULES, 'utf8')]));
    expect((await loadRules(file)).costMax[0]).toBe(0.85);
  });

  it('accepts a rules JSON that Notepad saved as "Unicode" (UTF-16 LE with a byte-order mark)', async () => {
    const file = tmp.path('notepad-utf16.json');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON_RULES, 'utf16le')]));
    expect((await loadRules(file)).costMax[0]).toBe(0.85);
  });

  it('accepts a rules JSON in UTF-16 BE with a byte-order mark', async () => {
    const file = tmp.path('utf16be.json');
    const le = Buffer.from(JSON_RULES, 'utf16le');
    const be = Buffer.alloc(le.length);
    for (let i = 0; i < le.length; i += 2) {
      be[i] = le[i + 1] as number;
      be[i + 1] = le[i] as number;
    }
    writeFileSync(file, Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    expect((await loadRules(file)).costMax[0]).toBe(0.85);
  });

  it('still reads a rules JSON without a byte-order mark', async () => {
    const file = tmp.path('plain.json');
    writeFileSync(file, JSON_RULES);
    expect((await loadRules(file)).costMax[0]).toBe(0.85);
  });

  it('accepts a rules CSV that Excel saved as "CSV UTF-8" (with a byte-order mark)', async () => {
    const file = tmp.path('excel-utf8.csv');
    writeFileSync(file, '\uFEFFkey,value\r\ncost.deepBlue.max,85%\r\n');
    expect((await loadRules(file)).costMax[0]).toBe(0.85);
  });

  it('refuses a broken JSON with a BOM naming the file, not the BOM', async () => {
    const file = tmp.path('broken-bom.json');
    writeFileSync(file, '\uFEFF{"parameters": ');
    const error = await loadRules(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRulesError);
    expect((error as InvalidRulesError).message).toContain('broken-bom.json: (json)');
  });
});

describe('loadRules: the channel-type lists travel with the rules (RULES.md §14: the list of types per channel is data in the rule set)', () => {
  const lists = DEFAULT_CHANNEL_TYPES.map((l) =>
    l.channel === 'teleOnline' ? { channel: l.channel, words: [...l.words, '微信小程序'] } : l,
  );

  it('keeps a rules JSON\u2019s own channel-type lists', async () => {
    const file = tmp.path('types.json');
    writeFileSync(file, JSON.stringify({ channelTypes: lists }));
    const words = (await loadRules(file)).rules.channelTypes?.find((l) => l.channel === 'teleOnline')?.words;
    expect(words).toContain('微信小程序');
  });

  it('refuses a rules JSON whose lists put one word under two channels, naming channelTypes', async () => {
    const file = tmp.path('types-twice.json');
    const twice = lists.map((l) =>
      l.channel === 'direct' ? { channel: l.channel, words: [...l.words, '微信小程序'] } : l,
    );
    writeFileSync(file, JSON.stringify({ channelTypes: twice }));
    await expect(loadRules(file)).rejects.toThrow(/channelTypes/);
  });
});
