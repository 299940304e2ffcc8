/**
 * Channel boundaries (RULES.md §14, 财产保险公司渠道管理和考核办法2016): business belongs to the channel it
 * truly comes from. A channel type that names a car maker or dealer (车商, 第二条), a bank, post,
 * securities, guarantee or finance company (银保, 第三条), a life insurer's sales force (综拓, 第四条) or
 * the intermediary's own insurance (直销, 第七条) is not brokerage/agency business.
 *
 * @packageDocumentation
 */
import { foldLabel, type Bilingual } from './lang';

/** The channels other than 经代 that §14 names. */
export const OTHER_CHANNELS = {
  carDealer: { zh: '车商', en: 'car dealer' },
  bancassurance: { zh: '银保', en: 'bancassurance' },
  crossSelling: { zh: '综拓', en: 'life-insurer cross-selling' },
  direct: { zh: '直销', en: 'direct sales' },
} as const satisfies Record<string, Bilingual>;

/** Words of a channel type, folded, and the channel they belong to; longer and surer words first. */
const TYPE_WORDS: readonly (readonly [string, Bilingual])[] = [
  // 车商 (第二条): car makers, 4S shops, car dealers
  ['汽车经销商', OTHER_CHANNELS.carDealer],
  ['汽车厂商', OTHER_CHANNELS.carDealer],
  ['主机厂', OTHER_CHANNELS.carDealer],
  ['车企', OTHER_CHANNELS.carDealer],
  ['4s店', OTHER_CHANNELS.carDealer],
  ['4s', OTHER_CHANNELS.carDealer],
  ['车商', OTHER_CHANNELS.carDealer],
  ['经销商', OTHER_CHANNELS.carDealer],
  ['cardealer', OTHER_CHANNELS.carDealer],
  ['carmaker', OTHER_CHANNELS.carDealer],
  ['dealer', OTHER_CHANNELS.carDealer],
  // 银保 (第三条): banks, post, securities, guarantee and finance companies
  ['银行', OTHER_CHANNELS.bancassurance],
  ['邮政', OTHER_CHANNELS.bancassurance],
  ['邮储', OTHER_CHANNELS.bancassurance],
  ['信用社', OTHER_CHANNELS.bancassurance],
  ['证券', OTHER_CHANNELS.bancassurance],
  ['担保', OTHER_CHANNELS.bancassurance],
  ['财务公司', OTHER_CHANNELS.bancassurance],
  ['银保', OTHER_CHANNELS.bancassurance],
  ['bancassurance', OTHER_CHANNELS.bancassurance],
  ['bank', OTHER_CHANNELS.bancassurance],
  ['post', OTHER_CHANNELS.bancassurance],
  ['securities', OTHER_CHANNELS.bancassurance],
  ['guarantee', OTHER_CHANNELS.bancassurance],
  ['financecompany', OTHER_CHANNELS.bancassurance],
  // 综拓 (第四条): a life insurer's sales force
  ['综合拓展', OTHER_CHANNELS.crossSelling],
  ['综拓', OTHER_CHANNELS.crossSelling],
  ['寿险', OTHER_CHANNELS.crossSelling],
  ['人寿', OTHER_CHANNELS.crossSelling],
  ['crossselling', OTHER_CHANNELS.crossSelling],
  ['lifeinsur', OTHER_CHANNELS.crossSelling],
  // 直销 (第七条): the intermediary's own insurance
  ['直销', OTHER_CHANNELS.direct],
  ['自身保险', OTHER_CHANNELS.direct],
  ['directsales', OTHER_CHANNELS.direct],
  ['direct', OTHER_CHANNELS.direct],
];

/**
 * The channel a channel-type text belongs to when it is not 经代 (RULES.md §14): `4S店` → 车商,
 * `邮政` → 银保, `寿险` → 综拓, `直销` → 直销; null for brokerage/agency types (经纪公司, 专业代理,
 * 兼业代理, 车友会, 修理厂, 个人代理 …) and for a blank type.
 */
export function otherChannelOf(type: string): Bilingual | null {
  const t = foldLabel(type);
  if (t === '') return null;
  for (const [word, channel] of TYPE_WORDS) if (t.includes(word)) return channel;
  return null;
}
