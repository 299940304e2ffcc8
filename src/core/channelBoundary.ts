/**
 * Channel boundaries (RULES.md §14, 财产保险公司渠道管理和考核办法2016): business belongs to the channel it
 * truly comes from. A channel type that names a car maker or dealer (车商, 第二条), a bank, post,
 * securities, guarantee or finance company (银保, 第三条), a life insurer's sales force (综拓, 第四条) or
 * the intermediary's own insurance (直销, 第七条) is not brokerage/agency business.
 *
 * @packageDocumentation
 */
import { foldLabel, type Bilingual } from './lang';

/** The channels other than 经代 that §14 names (five intermediary channels and three others). */
export const OTHER_CHANNELS = {
  carDealer: { zh: '车商', en: 'car dealer' },
  bancassurance: { zh: '银保', en: 'bancassurance' },
  crossSelling: { zh: '综拓', en: 'life-insurer cross-selling' },
  direct: { zh: '直销', en: 'direct sales' },
  teleOnline: { zh: '电网销', en: 'telephone and online sales' },
  keyAccount: { zh: '重客', en: 'key accounts' },
} as const satisfies Record<string, Bilingual>;

/** A channel other than 经代. */
export type OtherChannel = keyof typeof OTHER_CHANNELS;

/** The words of channel types that belong to one other channel: data in the rule set (RULES.md §14). */
export interface ChannelTypeList {
  readonly channel: OtherChannel;
  /** Words a channel-type text contains (case, spaces, full-width ignored): `4S店`, `电话销售`. */
  readonly words: readonly string[];
}

/**
 * The shipped type lists (RULES.md §14, 财产保险公司渠道管理和考核办法2016) [default]: 车商 (第二条: car makers,
 * 4S shops, car dealers, 汽贸公司 and brand dealers of new cars), 银保 (第三条), 综拓 (第四条), 直销 (第七条),
 * 电网销 (第六条: telephone in and out, online, self-service or assisted) and 重客 (第五条). A used-car
 * trading centre (二手车交易中心) is 经代 (第一条) and names none of them.
 */
export const DEFAULT_CHANNEL_TYPES: readonly ChannelTypeList[] = [
  {
    channel: 'carDealer',
    words: [
      '汽车经销商',
      '汽车厂商',
      '主机厂',
      '车企',
      '汽贸',
      '特定品牌销售商',
      '品牌销售商',
      '4S店',
      '4S',
      '车商',
      '经销商',
      'car dealer',
      'carmaker',
      'dealer',
    ],
  },
  {
    channel: 'bancassurance',
    words: [
      '银行',
      '邮政',
      '邮储',
      '信用社',
      '证券',
      '担保',
      '财务公司',
      '银保',
      'bancassurance',
      'bank',
      'post',
      'securities',
      'guarantee',
      'finance company',
    ],
  },
  { channel: 'crossSelling', words: ['综合拓展', '综拓', '寿险', '人寿', 'cross selling', 'lifeinsur'] },
  { channel: 'direct', words: ['直销', '自身保险', 'direct sales', 'direct'] },
  {
    channel: 'teleOnline',
    words: [
      '电话销售',
      '电销',
      '电网销',
      '网销平台',
      '网销',
      '网络销售',
      '互联网',
      '呼入',
      '呼出',
      '自助投保',
      'telesales',
      'telephone',
      'online',
    ],
  },
  { channel: 'keyAccount', words: ['重点客户', '重要客户', '大客户', '重客', 'key account'] },
];

/** Type lists ready to match: each folded word with its channel, longer words first. */
export type CompiledChannelTypes = readonly (readonly [string, Bilingual])[];

/** Compiles type lists: words folded, longer (surer) words first, so `网销平台` wins over `网销`. */
export function compileChannelTypes(lists: readonly ChannelTypeList[]): CompiledChannelTypes {
  return lists
    .flatMap((l) => l.words.map((w) => [foldLabel(w), OTHER_CHANNELS[l.channel]] as const))
    .filter(([w]) => w !== '')
    .sort((a, b) => b[0].length - a[0].length);
}

const DEFAULT_COMPILED_TYPES = compileChannelTypes(DEFAULT_CHANNEL_TYPES);

/**
 * The channel a channel-type text belongs to when it is not 经代 (RULES.md §14): `4S店` → 车商,
 * `邮政` → 银保, `寿险` → 综拓, `直销` → 直销, `电话销售` → 电网销; null for brokerage/agency types
 * (经纪公司, 专业代理, 兼业代理, 车友会, 修理厂, 个人代理, 二手车交易中心 …) and for a blank type.
 * `types`: the rule set's compiled lists (the shipped ones when omitted).
 */
export function otherChannelOf(type: string, types: CompiledChannelTypes = DEFAULT_COMPILED_TYPES): Bilingual | null {
  const t = foldLabel(type);
  if (t === '') return null;
  for (const [word, channel] of types) if (t.includes(word)) return channel;
  return null;
}

/**
 * Problems with type lists from a rule set (RULES.md §10, §14), each naming the field: not a list, an
 * unknown channel, a channel listed twice, a blank word, one word under two channels. Empty when valid.
 */
export function channelTypeProblems(input: unknown): Bilingual[] {
  const problems: Bilingual[] = [];
  if (!Array.isArray(input)) return [{ zh: 'channelTypes 应为列表', en: 'channelTypes must be a list' }];
  const seenChannels = new Set<string>();
  const owner = new Map<string, string>();
  input.forEach((l: unknown, i) => {
    const at = `channelTypes[${i}]`;
    const o = typeof l === 'object' && l !== null ? (l as Record<string, unknown>) : {};
    const channel = o['channel'];
    if (typeof channel !== 'string' || !Object.hasOwn(OTHER_CHANNELS, channel)) {
      problems.push({
        zh: `${at}.channel “${String(channel)}”不是渠道（${Object.keys(OTHER_CHANNELS).join('/')}）`,
        en: `${at}.channel "${String(channel)}" is not one of ${Object.keys(OTHER_CHANNELS).join('/')}`,
      });
      return;
    }
    if (seenChannels.has(channel))
      problems.push({ zh: `${at}：渠道 ${channel} 列了两次`, en: `${at}: channel ${channel} is listed twice` });
    seenChannels.add(channel);
    const words = o['words'];
    if (!Array.isArray(words) || words.length === 0) {
      problems.push({ zh: `${at}.words 应为非空的词语列表`, en: `${at}.words must be a non-empty list of words` });
      return;
    }
    words.forEach((w: unknown, j) => {
      const folded = typeof w === 'string' ? foldLabel(w) : '';
      if (folded === '') {
        problems.push({ zh: `${at}.words[${j}] 为空`, en: `${at}.words[${j}] is blank` });
        return;
      }
      const before = owner.get(folded);
      if (before !== undefined && before !== channel)
        problems.push({
          zh: `${at}.words[${j}] “${String(w)}”同时属于 ${before} 与 ${channel}`,
          en: `${at}.words[${j}] "${String(w)}" is under both ${before} and ${channel}`,
        });
      owner.set(folded, channel);
    });
  });
  return problems;
}
