/* Movement between gradings (RULES.md §12, 第四条, 第十二条: 能上能下). */
import { classMovement, classTrail, moveFlags } from '../../src/core/classMovement';
import { UsageError, classIndex, parseClassLabel } from '../../src/core';

const idx = (label: string): number => {
  const c = parseClassLabel(label);
  if (c === null) throw new Error(label);
  return classIndex(c);
};

describe('movement between two gradings (RULES.md §12)', () => {
  const earlier = [
    { channelId: 'Q1', classIndex: idx('深蓝-A-Ⅰ') },
    { channelId: 'Q2', classIndex: idx('黄-B-Ⅱ') },
    { channelId: 'Q3', classIndex: idx('浅红-C-Ⅲ') },
    { channelId: 'Q4', classIndex: idx('蓝-B-Ⅱ') },
    { channelId: 'Q5', classIndex: idx('蓝-C-Ⅲ') },
  ];
  const later = [
    { channelId: 'Q1', classIndex: idx('黄-A-Ⅰ') },
    { channelId: 'Q2', classIndex: idx('浅红-B-Ⅱ') },
    { channelId: 'Q3', classIndex: idx('黄-C-Ⅲ') },
    { channelId: 'Q4', classIndex: idx('蓝-B-Ⅱ') },
    { channelId: 'Q6', classIndex: idx('深红-C-Ⅲ') },
  ];
  const m = classMovement(earlier, later);

  it('counts channels graded both times in a 5 × 5 colour matrix', () => {
    expect(m.colours[0]?.[2]).toBe(1); // 深蓝 → 黄
    expect(m.colours[2]?.[3]).toBe(1); // 黄 → 浅红
    expect(m.colours[3]?.[2]).toBe(1); // 浅红 → 黄
    expect(m.colours[1]?.[1]).toBe(1); // 蓝 stays
    expect(m.colours.flat().reduce((a, b) => a + b, 0)).toBe(4);
    expect(m.unchanged).toBe(1);
  });

  it('flags a channel that fell two colour bands', () => {
    expect(m.moves.find((x) => x.channelId === 'Q1')).toMatchObject({
      direction: 'down',
      colourSteps: 2,
      flags: ['twoOrMoreBands'],
    });
  });

  it('flags a channel that moved into red and one that moved out of red', () => {
    expect(m.moves.find((x) => x.channelId === 'Q2')?.flags).toEqual(['intoRed']);
    expect(m.moves.find((x) => x.channelId === 'Q3')).toMatchObject({
      direction: 'up',
      colourSteps: -1,
      flags: ['outOfRed'],
    });
  });

  it('lists a new channel and one that is no longer graded', () => {
    expect(m.moves.find((x) => x.channelId === 'Q6')).toMatchObject({ from: null, direction: 'new' });
    expect(m.moves.find((x) => x.channelId === 'Q5')).toMatchObject({ to: null, direction: 'gone' });
  });

  it('does not flag a move from deep red to light red (still red, one band)', () => {
    expect(moveFlags(4, 3)).toEqual([]);
  });

  it('refuses a grading that lists a channel twice, naming it', () => {
    expect(() => classMovement([], [earlier[0]!, earlier[0]!])).toThrow(UsageError);
    expect(() => classMovement([], [earlier[0]!, earlier[0]!])).toThrow(/Q1/);
  });

  it('traces one channel over three gradings, blank where it was not graded', () => {
    expect(classTrail([earlier, later, later], 'Q5')).toEqual([idx('蓝-C-Ⅲ'), null, null]);
  });
});
