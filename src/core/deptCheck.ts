/**
 * Business department establishment standards (经代业务部设立标准, table 1, RULES.md §9): annual
 * premium, premium per head, the account manager minimum, and a headcount range (a, b]. Adjustments
 * [doc]: units under a central sub-branch use the central sub-branch standard −20% (annual premium and
 * per-head premium, as the source says); units of a municipality directly under the central
 * government (直辖市) use the city-branch standard +30%; a unit's first year −20% of the standards.
 * Headcount ranges are not adjusted. Amounts are in yuan.
 *
 * @packageDocumentation
 */
import type { Arithmetic } from './arithmetic.types';
import { fastArithmetic } from './fastArithmetic';
import type { Bilingual } from './lang';
import { problems, type Problem } from './problem';
import { readAmount, readNumber, type CellInput } from './readNumber';

/** The unit types of table 1 (RULES.md §9), plus units under a central sub-branch. */
export const UNIT_TYPES = [
  'provincialHeadOffice',
  'centralSubBranch',
  'underCentral',
  'cityHeadOffice',
  'cityLower',
] as const;
/** A unit type. */
export type UnitType = (typeof UNIT_TYPES)[number];

/** One row of table 1. */
export interface DeptStandard {
  readonly label: Bilingual;
  readonly annualPremium: number;
  readonly perHead: number;
  readonly accountManager: number;
  /** Headcount must be > min and ≤ max. */
  readonly headcount: { readonly min: number; readonly max: number };
  readonly city: boolean;
}

const TEN_THOUSAND = 10_000;

/** Table 1 [doc]; `underCentral` is the central sub-branch row before its −20%. */
export const DEPT_STANDARDS: Readonly<Record<UnitType, DeptStandard>> = {
  provincialHeadOffice: {
    label: { zh: '省分公司营业总部（省会中心支）', en: 'provincial branch business head office' },
    annualPremium: 600 * TEN_THOUSAND,
    perHead: 100 * TEN_THOUSAND,
    accountManager: 80 * TEN_THOUSAND,
    headcount: { min: 3, max: 6 },
    city: false,
  },
  centralSubBranch: {
    label: { zh: '中心支公司', en: 'central sub-branch' },
    annualPremium: 600 * TEN_THOUSAND,
    perHead: 100 * TEN_THOUSAND,
    accountManager: 70 * TEN_THOUSAND,
    headcount: { min: 3, max: 6 },
    city: false,
  },
  underCentral: {
    label: { zh: '中心支公司下属机构', en: 'unit under a central sub-branch' },
    annualPremium: 600 * TEN_THOUSAND,
    perHead: 100 * TEN_THOUSAND,
    accountManager: 70 * TEN_THOUSAND,
    headcount: { min: 3, max: 6 },
    city: false,
  },
  cityHeadOffice: {
    label: { zh: '城市型分公司本部', en: 'city branch head office' },
    annualPremium: 1200 * TEN_THOUSAND,
    perHead: 180 * TEN_THOUSAND,
    accountManager: 130 * TEN_THOUSAND,
    headcount: { min: 4, max: 8 },
    city: true,
  },
  cityLower: {
    label: { zh: '城市型分公司下级机构', en: 'city branch lower unit' },
    annualPremium: 800 * TEN_THOUSAND,
    perHead: 120 * TEN_THOUSAND,
    accountManager: 100 * TEN_THOUSAND,
    headcount: { min: 3, max: 6 },
    city: true,
  },
};

/** Reads a unit type by its key or its Chinese name (营业总部, 中心支公司, 下属机构, 本部, 下级机构). */
export function readUnitType(value: CellInput): UnitType | Problem {
  const text = String(value ?? '').trim();
  const aliases: Record<string, UnitType> = {
    营业总部: 'provincialHeadOffice',
    省会中心支: 'provincialHeadOffice',
    中心支公司: 'centralSubBranch',
    下属机构: 'underCentral',
    中心支公司下属机构: 'underCentral',
    本部: 'cityHeadOffice',
    城市型分公司本部: 'cityHeadOffice',
    下级机构: 'cityLower',
    城市型分公司下级机构: 'cityLower',
  };
  const found = UNIT_TYPES.find((u) => u.toLowerCase() === text.toLowerCase()) ?? aliases[text];
  return (
    found ??
    problems.unknownLabel('unitType', text, {
      zh: '营业总部、中心支公司、下属机构、本部或下级机构',
      en: 'provincialHeadOffice, centralSubBranch, underCentral, cityHeadOffice or cityLower',
    })
  );
}

/** One standard checked. */
export interface StandardCheck {
  readonly standard: 'annualPremium' | 'perHead' | 'accountManager' | 'headcount';
  readonly label: Bilingual;
  /** The required minimum (amounts) or the range (headcount) after adjustments. */
  readonly required: number | { readonly min: number; readonly max: number };
  readonly actual: number;
  readonly met: boolean;
}

/** What a unit is measured against, after the adjustments. */
export function adjustedStandard(
  unit: UnitType,
  options: { readonly municipality?: boolean; readonly firstYear?: boolean },
  arith: Arithmetic = fastArithmetic,
): DeptStandard | Problem {
  const base = DEPT_STANDARDS[unit];
  if (options.municipality && !base.city)
    return problems.outOfRange('unitType', base.label.zh, {
      zh: '直辖市上浮 30% 只适用于城市型分公司（本部、下级机构）',
      en: 'the municipality +30% applies to city branches only (cityHeadOffice, cityLower)',
    });
  let premium = base.annualPremium;
  let perHead = base.perHead;
  let manager = base.accountManager;
  const scale = (x: number, factor: number): number => arith.product(x, factor);
  if (unit === 'underCentral') {
    premium = scale(premium, 0.8);
    perHead = scale(perHead, 0.8);
  }
  if (options.municipality) {
    premium = scale(premium, 1.3);
    perHead = scale(perHead, 1.3);
    manager = scale(manager, 1.3);
  }
  if (options.firstYear) {
    premium = scale(premium, 0.8);
    perHead = scale(perHead, 0.8);
    manager = scale(manager, 0.8);
  }
  return { ...base, annualPremium: premium, perHead, accountManager: manager };
}

/** The unit's figures against each standard: which it meets and which it misses. */
export function deptCheck(
  unitType: CellInput,
  figures: {
    readonly annualPremium: CellInput;
    readonly perHead: CellInput;
    readonly accountManager: CellInput;
    readonly headcount: CellInput;
  },
  options: { readonly municipality?: boolean; readonly firstYear?: boolean } = {},
  arith: Arithmetic = fastArithmetic,
): StandardCheck[] | Problem {
  const unit = readUnitType(unitType);
  if (typeof unit !== 'string') return unit;
  const std = adjustedStandard(unit, options, arith);
  if ('code' in std) return std;
  const premium = readAmount(figures.annualPremium, 'annualPremium');
  if (typeof premium !== 'number') return premium;
  const perHead = readAmount(figures.perHead, 'perHead');
  if (typeof perHead !== 'number') return perHead;
  const manager = readAmount(figures.accountManager, 'accountManager');
  if (typeof manager !== 'number') return manager;
  const heads = readNumber(figures.headcount, 'headcount');
  if (typeof heads !== 'number') return heads;
  if (heads < 0 || !Number.isInteger(heads))
    return problems.outOfRange('headcount', heads, { zh: '非负整数', en: 'a whole number ≥ 0' });
  return [
    {
      standard: 'annualPremium',
      label: { zh: '业务部年保费', en: 'Annual premium' },
      required: std.annualPremium,
      actual: premium,
      met: premium >= std.annualPremium,
    },
    {
      standard: 'perHead',
      label: { zh: '人均年保费', en: 'Premium per head' },
      required: std.perHead,
      actual: perHead,
      met: perHead >= std.perHead,
    },
    {
      standard: 'accountManager',
      label: { zh: '客户经理最低产能', en: 'Account manager minimum' },
      required: std.accountManager,
      actual: manager,
      met: manager >= std.accountManager,
    },
    {
      standard: 'headcount',
      label: { zh: '业务部岗位编制', en: 'Headcount' },
      required: std.headcount,
      actual: heads,
      met: heads > std.headcount.min && heads <= std.headcount.max,
    },
  ];
}
