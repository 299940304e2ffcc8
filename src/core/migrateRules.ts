/**
 * Reading rule sets saved with the first resource item numbering (2 结算方式, 3 结算周期, 4–6
 * operations, 7–10 non-market, 11 合作检视) and moving them to RULES.md §6 as it now stands, so a
 * workbook graded before the renumbering still opens and re-grades and no item is mislabelled.
 *
 * @packageDocumentation
 */
import type { Basis } from './ruleSet';
import { ALL_CLASSES, type ChannelClass } from './channelClass';
import type { Bilingual } from './lang';
import { outcomeOf, type ResourceItemNo } from './resourceItems';
import { DEFAULT_RESOURCES, type AnyOf, type MatchRule, type ResourceRule } from './ruleSet';

/** The warning a migrated rule set carries (RULES.md §6; issue 13 point 2). */
export const MIGRATION_WARNING: Bilingual = {
  zh:
    '规则的资源矩阵按旧编号保存（2 结算方式、3 结算周期……11 合作检视），已按 RULES.md §6 现行编号迁移：' +
    '结算方式与结算周期合并为 2 费用结算，承保政策至人力配置顺移为 3–6，合作检视改为检视措施，' +
    '7 职场驻点与 11 单证出单取默认值。请核对后保存规则。',
  en:
    'The rules’ resource matrix was saved with the old item numbering (2 settlement method, 3 settlement ' +
    'cycle … 11 cooperation review) and has been migrated to RULES.md §6: method and cycle are now item 2 ' +
    'expense settlement, underwriting policy to staffing are items 3–6, cooperation review is now the review ' +
    'action, and 7 premises and 11 documents take the defaults. Check them and save the rules.',
};

const REVIEW_WORDS = new Set(['清理评估', '整改', '常规', 'exit review', 'improvement plan', 'regular']);
const OLD_ITEM2_WORDS = new Set(['灵活', '严格', 'flexible', 'strict']);

function outcomeText(raw: unknown): string | null {
  const o =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as { outcome?: unknown }).outcome : undefined;
  if (typeof o === 'string') return o.trim();
  if (typeof o === 'object' && o !== null && typeof (o as { zh?: unknown }).zh === 'string') {
    return (o as { zh: string }).zh.trim();
  }
  return null;
}

function itemOf(raw: unknown): number | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const item = (raw as { item?: unknown }).item;
  const n = typeof item === 'string' ? Number(item) : item;
  return typeof n === 'number' && Number.isInteger(n) ? n : null;
}

/**
 * Which numbering a resource matrix without an explicit `numbering` uses, from its outcomes: old (1)
 * when item 11 gives only review actions (清理评估 / 整改 / 常规) or item 2 only 灵活 / 严格; current
 * (2) when item 2 gives a joined outcome such as `灵活·加快`, or otherwise.
 */
export function resourceNumberingOf(rows: readonly unknown[]): 1 | 2 {
  const texts = (item: number): string[] => rows.filter((r) => itemOf(r) === item).flatMap((r) => outcomeText(r) ?? []);
  const item2 = texts(2);
  if (item2.some((t) => t.includes('·'))) return 2;
  const item11 = texts(11);
  if (item11.length > 0 && item11.every((t) => REVIEW_WORDS.has(t.toLowerCase()))) return 1;
  if (item2.length > 0 && item2.every((t) => OLD_ITEM2_WORDS.has(t.toLowerCase()))) return 1;
  return 2;
}

function intersect<T>(a: AnyOf<T>, b: AnyOf<T>): AnyOf<T> | null {
  if (a === '*') return b;
  if (b === '*') return a;
  const both = a.filter((x) => b.includes(x));
  return both.length > 0 ? both : null;
}

function holds<T>(set: AnyOf<T>, value: T): boolean {
  return set === '*' || set.includes(value);
}

function matchesClass(r: MatchRule, c: ChannelClass): boolean {
  return holds(r.colours, c.colour) && holds(r.scales, c.scale) && holds(r.depths, c.depth);
}

function joinBasis(a: Basis, b: Basis): Basis {
  return a === 'custom' || b === 'custom' ? 'custom' : a === 'doc' && b === 'doc' ? 'doc' : 'default';
}

function joinOutcome(a: Bilingual, b: Bilingual): Bilingual {
  const known = outcomeOf(`${a.zh}·${b.zh}`);
  return known.zh === known.en ? { zh: `${a.zh}·${b.zh}`, en: `${a.en}·${b.en}` } : known;
}

/**
 * The old items 2 (method) and 3 (cycle) as one first-match list for item 2: every pair of rows in
 * order, on the intersection of their conditions, with the outcomes joined by `·`. The first pair
 * that matches a class is its first method row with its first cycle row, so every class keeps both
 * of its old outcomes. Pairs no class reaches first are dropped; the final catch-all is kept.
 */
function joinSettlement(method: readonly ResourceRule[], cycle: readonly ResourceRule[]): ResourceRule[] {
  const pairs: ResourceRule[] = [];
  for (const m of method) {
    for (const c of cycle) {
      const colours = intersect(m.colours, c.colours);
      const scales = intersect(m.scales, c.scales);
      const depths = intersect(m.depths, c.depths);
      if (!colours || !scales || !depths) continue;
      pairs.push({
        item: 2,
        colours,
        scales,
        depths,
        outcome: joinOutcome(m.outcome, c.outcome),
        basis: joinBasis(m.basis, c.basis),
      });
    }
  }
  const reached = new Set<number>();
  for (const cls of ALL_CLASSES) {
    const at = pairs.findIndex((p) => matchesClass(p, cls));
    if (at >= 0) reached.add(at);
  }
  return pairs.filter((_, i) => reached.has(i) || i === pairs.length - 1);
}

/** Where each old item went: old number → new number (2 and 3 join as 2; 11 is the review action). */
const OLD_TO_NEW: Readonly<Record<number, ResourceItemNo>> = { 1: 1, 4: 3, 5: 4, 6: 5, 7: 6, 8: 8, 9: 9, 10: 10 };

function withDefaultAction(rule: ResourceRule): ResourceRule {
  if (rule.action) return rule;
  const shipped = DEFAULT_RESOURCES.find((d) => d.item === rule.item && d.action && d.outcome.zh === rule.outcome.zh);
  return shipped?.action ? { ...rule, action: shipped.action } : rule;
}

/**
 * A validated resource matrix in the old numbering, renumbered as RULES.md §6 now lists the items;
 * the old item 11 (合作检视) rows become the review action's rules, and the new items 7 (职场驻点) and
 * 11 (单证出单) take the shipped defaults. Outcomes that match a shipped row get its action text.
 */
export function migrateOldResources(old: readonly ResourceRule[]): {
  readonly resources: readonly ResourceRule[];
  readonly review: readonly MatchRule[];
} {
  const of = (n: number): ResourceRule[] => old.filter((r) => (r.item as number) === n);
  const moved = (n: number): ResourceRule[] =>
    of(n).map((r) => withDefaultAction({ ...r, item: OLD_TO_NEW[n] as ResourceItemNo }));
  const shipped = (n: ResourceItemNo): ResourceRule[] => DEFAULT_RESOURCES.filter((r) => r.item === n);
  const resources = [
    ...moved(1),
    ...joinSettlement(of(2), of(3)).map(withDefaultAction),
    ...moved(4),
    ...moved(5),
    ...moved(6),
    ...moved(7),
    ...shipped(7),
    ...moved(8),
    ...moved(9),
    ...moved(10),
    ...shipped(11),
  ];
  const review = of(11).map(({ colours, scales, depths, outcome, basis }) => ({
    colours,
    scales,
    depths,
    outcome,
    basis,
  }));
  return { resources, review };
}
