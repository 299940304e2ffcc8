import { otherChannelOf } from '../../src/core/channelBoundary';

describe('channel boundaries (RULES.md §14, 财产保险公司渠道管理和考核办法2016)', () => {
  it.each([
    ['4S店', '车商'],
    ['汽车经销商', '车商'],
    ['车商', '车商'],
    ['主机厂', '车商'],
  ])('a type of car maker or dealer (第二条): %s belongs to %s', (type, channel) => {
    expect(otherChannelOf(type)?.zh).toBe(channel);
  });

  it.each([['银行'], ['邮政'], ['证券公司'], ['担保公司'], ['财务公司'], ['银保'], ['Bank']])(
    'a type of bank, post, securities, guarantee or finance company (第三条): %s belongs to 银保',
    (type) => {
      expect(otherChannelOf(type)?.zh).toBe('银保');
    },
  );

  it('business through a life insurer (第四条) is 综拓 and the intermediary’s own insurance (第七条) is 直销', () => {
    expect(otherChannelOf('寿险公司')?.zh).toBe('综拓');
    expect(otherChannelOf('综拓')?.zh).toBe('综拓');
    expect(otherChannelOf('直销')?.zh).toBe('直销');
  });

  it.each([
    ['专业代理'],
    ['经纪公司'],
    ['兼业代理'],
    ['车友会'],
    ['检测线'],
    ['二手车市场'],
    ['修理厂'],
    ['个人代理'],
    [''],
    ['  '],
  ])('a brokerage or agency type (第一条) is not flagged: "%s"', (type) => {
    expect(otherChannelOf(type)).toBeNull();
  });

  it('a bank acting as a part-time agent still belongs to 银保 (第一条 excepts banks, post and car dealers)', () => {
    expect(otherChannelOf('银行兼业代理')?.zh).toBe('银保');
  });
});
