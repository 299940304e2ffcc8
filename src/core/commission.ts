/**
 * Channel commission paid on collection (RULES.md §8): commission = contract total × rate, paid in
 * proportion to what the customer has paid in; payable to date = contract total × rate × collected ÷
 * contract total − already paid. An individual's rate may not exceed 1% and an institution's 3% of
 * the contract total [doc]: a higher rate is computed at the rate given and flagged 需特批 (needs
 * special approval by group management), never capped. Nothing is payable before the contract is
 * signed and the deposit and first payment are in; a cancelled contract earns nothing, and what was
 * paid is deducted from the next payable amount (a negative amount due).
 *
 * @packageDocumentation
 */
import type { Arithmetic } from './arithmetic.types';
import { fastArithmetic } from './fastArithmetic';
import type { Bilingual } from './lang';
import { problems, showNumber, type Problem } from './problem';
import { readAmount, readNumber, type CellInput } from './readNumber';

/** The payee types of RULES.md §8: an individual channel or an institution. */
export const PAYEE_TYPES = ['individual', 'institution'] as const;
/** A payee type. */
export type PayeeType = (typeof PAYEE_TYPES)[number];

/** The highest rate each payee may have without special approval [doc]. */
export const COMMISSION_CAPS: Readonly<Record<PayeeType, number>> = { individual: 0.01, institution: 0.03 };

/** Where a contract stands: signed with deposit and first payment in, not yet, or cancelled. */
export type ContractStatus = 'signed' | 'pending' | 'cancelled';

/** The flag for a rate above the cap. */
export const NEEDS_APPROVAL: Bilingual = { zh: '需特批', en: 'needs special approval' };

/** A commission amount and whether its rate needs special approval. */
export interface CommissionDue {
  /** Payable now; negative when what was paid is to be deducted from the next payment. */
  readonly due: number;
  /** Commission earned on what was collected. */
  readonly earned: number;
  readonly needsApproval: boolean;
}

/** Reads a payee type in either language; blank means not given. */
export function readPayeeType(value: CellInput): PayeeType | null | Problem {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
  const text = String(value).trim().toLowerCase();
  if (text === 'individual' || text === '个人') return 'individual';
  if (text === 'institution' || text === '机构') return 'institution';
  return problems.unknownLabel('payeeType', String(value), {
    zh: '个人 / individual 或 机构 / institution',
    en: 'individual (个人) or institution (机构)',
  });
}

/** Shows a problem with a cell that is not one of a list of words, naming the argument. */
function notOneOf(argument: Bilingual, value: CellInput, expected: Bilingual): Problem {
  return {
    code: 'unknownLabel',
    field: 'value',
    error: '#VALUE!',
    message: {
      zh: `${argument.zh}“${String(value)}”无法识别，应为${expected.zh}`,
      en: `${argument.en} "${String(value)}" is not recognized; expected ${expected.en}`,
    },
  };
}

/** What each contract status means, in both languages, for messages and help. */
export const CONTRACT_STATUS_LABELS: Readonly<Record<ContractStatus, Bilingual>> = {
  signed: { zh: '已签约且定金、首付已到账', en: 'signed, deposit and first payment in' },
  pending: { zh: '未签约或定金、首付未到账', en: 'not signed, or deposit or first payment not in' },
  cancelled: { zh: '合同已取消', en: 'cancelled' },
};

/**
 * Reads where a contract stands (RULES.md §8: payable only once signed with deposit and first payment
 * in; a cancelled contract earns nothing), in either language; blank means not given (null).
 */
export function readContractStatus(value: CellInput): ContractStatus | null | Problem {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
  const text = String(value).trim().toLowerCase();
  if (['signed', '已签约', '签约', '已到账', '首付已到账'].includes(text)) return 'signed';
  if (['pending', '未签约', '待签约', '未到账', '首付未到账', '定金未到账'].includes(text)) return 'pending';
  if (['cancelled', 'canceled', '已取消', '取消', '解约', '已解约'].includes(text)) return 'cancelled';
  return notOneOf({ zh: '合同状态', en: 'Contract status' }, value, {
    zh: '已签约 / signed、未签约 / pending 或 已取消 / cancelled',
    en: 'signed (已签约), pending (未签约) or cancelled (已取消)',
  });
}

/**
 * Reads whether group management gave special approval for a rate above the payee's cap: TRUE, 1,
 * 是 or yes; blank, FALSE, 0, 否 or no when it did not.
 */
export function readSpecialApproval(value: CellInput): boolean | Problem {
  if (value === null || value === undefined || value === false || value === 0) return false;
  if (value === true || value === 1) return true;
  const text = String(value).trim().toLowerCase();
  if (['是', 'yes', 'true', 'y', '已特批', 'approved'].includes(text)) return true;
  if (['否', 'no', 'false', 'n', ''].includes(text)) return false;
  return notOneOf({ zh: '特批', en: 'Special approval' }, value, { zh: '是 / 否', en: 'yes / no (TRUE / FALSE)' });
}

/** The problem of a rate above the payee's cap that group management has not approved. */
export function needsApprovalProblem(rate: number, payee: PayeeType): Problem {
  const cap = COMMISSION_CAPS[payee];
  const who =
    payee === 'individual' ? { zh: '个人渠道', en: "an individual's" } : { zh: '机构渠道', en: "an institution's" };
  return {
    code: 'outOfRange',
    field: 'commissionRate',
    error: '#VALUE!',
    message: {
      zh: `${NEEDS_APPROVAL.zh}：佣金比例 ${showNumber(rate * 100)}% 超过${who.zh}上限 ${showNumber(cap * 100)}%，须经集团管理层特批；特批后在“特批”参数填 是 / TRUE`,
      en: `${NEEDS_APPROVAL.en}: a rate of ${showNumber(rate * 100)}% is above ${who.en} cap of ${showNumber(cap * 100)}%, which needs group management's special approval; once approved, give TRUE as the special-approval argument`,
    },
  };
}

/** Whether a rate needs special approval for a payee (never when the payee type is not given). */
export function needsApproval(rate: number, payee: PayeeType | null): boolean {
  return payee !== null && rate > COMMISSION_CAPS[payee];
}

/** A commission rate: a number from 0 to 100%. */
export function readCommissionRate(value: CellInput): number | Problem {
  const r = readNumber(value, 'commissionRate');
  if (typeof r !== 'number') return r;
  if (r < 0 || r > 1) return problems.outOfRange('commissionRate', r, { zh: '0 至 100%', en: '0 to 100%' });
  return r;
}

/** The figures of one commission calculation, as cells hold them. */
export interface CommissionInput {
  readonly contractTotal: CellInput;
  readonly rate: CellInput;
  readonly collected: CellInput;
  readonly alreadyPaid: CellInput;
  readonly payeeType?: CellInput;
  readonly status?: ContractStatus;
}

/** The commission payable now, or the first problem with the figures. */
export function commissionDue(input: CommissionInput, arith: Arithmetic = fastArithmetic): CommissionDue | Problem {
  const total = readAmount(input.contractTotal, 'contractTotal');
  if (typeof total !== 'number') return total;
  if (total === 0) return problems.outOfRange('contractTotal', 0, { zh: '大于 0', en: 'greater than 0' });
  const rate = readCommissionRate(input.rate);
  if (typeof rate !== 'number') return rate;
  const collected = readAmount(input.collected, 'collected');
  if (typeof collected !== 'number') return collected;
  if (collected > total)
    return problems.outOfRange('collected', collected, {
      zh: `不超过合同总额 ${total}`,
      en: `at most the contract total ${total}`,
    });
  const paid = readAmount(input.alreadyPaid, 'alreadyPaid');
  if (typeof paid !== 'number') return paid;
  const payee = readPayeeType(input.payeeType ?? null);
  if (payee !== null && typeof payee !== 'string') return payee;
  const flag = needsApproval(rate, payee);
  const status = input.status ?? 'signed';
  if (status === 'pending') return { due: 0, earned: 0, needsApproval: flag };
  if (status === 'cancelled') return { due: arith.add(0, -paid), earned: 0, needsApproval: flag };
  // total × rate × collected ÷ total, as the rule says it; exact, so it equals rate × collected.
  const earned = arith.quotient(arith.product(arith.product(total, rate), collected), total);
  return { due: arith.add(earned, -paid), earned, needsApproval: flag };
}

/** One payment of a commission schedule. */
export interface CommissionPayment {
  readonly period: number;
  readonly collected: number;
  readonly cumulative: number;
  readonly earned: number;
  readonly due: number;
  readonly needsApproval: boolean;
}

/**
 * The payment schedule for a run of collections: for each, what has been collected so far, the
 * commission earned on it, and what is payable for that collection (earned to date − paid before).
 */
export function commissionPlan(
  contractTotal: CellInput,
  rate: CellInput,
  collections: readonly CellInput[],
  payeeType: CellInput = null,
  arith: Arithmetic = fastArithmetic,
): CommissionPayment[] | Problem {
  const out: CommissionPayment[] = [];
  let cumulative = 0;
  let paid = 0;
  for (const [i, c] of collections.entries()) {
    const amount = readAmount(c, 'collected');
    if (typeof amount !== 'number') return amount;
    cumulative = arith.add(cumulative, amount);
    const r = commissionDue({ contractTotal, rate, collected: cumulative, alreadyPaid: paid, payeeType }, arith);
    if ('code' in r) return r;
    out.push({
      period: i + 1,
      collected: amount,
      cumulative,
      earned: r.earned,
      due: r.due,
      needsApproval: r.needsApproval,
    });
    paid = arith.add(paid, r.due);
  }
  return out;
}
