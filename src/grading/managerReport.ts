/**
 * The manager's report (RULES.md §12): one self-contained HTML page that opens offline and prints to
 * A4 — the distribution of classes, the red channels and their premium, the movement since the
 * previous grading, the resource actions and review actions per class, the fee headroom to the yellow
 * band, and the approval trail. Charts are inline SVG; nothing is fetched.
 *
 * @packageDocumentation
 */
import {
  COLOURS,
  COLOUR_LABELS,
  RESOURCE_ITEMS,
  SCALES,
  classOfIndex,
  fastArithmetic,
  labelOfIndex,
  managementLevel,
  resourceOutcomes,
  reviewAction,
  type Bilingual,
  type CompiledRules,
  type Lang,
} from '../core';
import { DIRECTION_LABELS, MOVE_FLAG_LABELS } from '../core/classMovement';
import { PREPARE_KIND_LABELS } from '../core/prepareKinds';
import { ROLE_LABELS, decisionOf, type Snapshot, type SnapshotChannel, type TrailStep } from '../core/snapshot';
import { DRAFT_MARK, STEP_LABELS, gradingStatus } from '../core/gradingState';
import {
  DEFAULT_MARK_NOTE,
  isDefaultManagementLevel,
  isDefaultOutcome,
  isDefaultParameter,
  isDefaultReviewAction,
  withDefaultMark,
} from '../core/defaultMarks';
import { BAND_FILLS } from './gradeSheet';
import {
  HEADROOM_LISTED,
  REPORT_COLUMNS,
  REPORT_SENTENCES,
  movementPart,
  redChannelsPart,
  type Sentence,
} from './reportSheet';

/** What the report is made from. */
export interface ManagerReportInput {
  readonly snapshot: Snapshot;
  /** The previous grading to compare with; null for the first one. */
  readonly previous: Snapshot | null;
  readonly rules: CompiledRules;
  readonly trail: readonly TrailStep[];
  readonly lang: Lang;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function pick(text: Bilingual, lang: Lang): string {
  return lang === 'en' ? `${text.en}` : text.zh;
}

function both(lang: Lang, zh: string, en: string): string {
  return lang === 'en' ? `${en} · ${zh}` : `${zh} · ${en}`;
}

/** A column header: the user's language, the other language on a line under it (HTML). */
function head(lang: Lang, zh: string, en: string): string {
  const [first, second] = lang === 'en' ? [en, zh] : [zh, en];
  return `${esc(first)}<br><span class="alt">${esc(second)}</span>`;
}

/** A sentence as a paragraph: the user's language, the other language on a line under it. */
function para(lang: Lang, x: Sentence): string {
  const [first, second] = lang === 'en' ? [x.en, x.zh] : [x.zh, x.en];
  return `<p>${esc(first)}<br><span class="alt">${esc(second)}</span></p>`;
}

function amount(x: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 2 }).format(x);
}

function percent(x: number): string {
  // Display only: the class was decided exactly when the grading was made.
  return `${(x * 100).toFixed(2)}%`;
}

function colourOf(c: SnapshotChannel): number {
  const cls = classOfIndex(c.classIndex);
  return cls === null ? 4 : COLOURS.indexOf(cls.colour);
}

function channelName(c: SnapshotChannel): string {
  return c.channelName ? `${c.channelId} ${c.channelName}` : c.channelId;
}

/** A horizontal bar chart as inline SVG: one bar per colour band, the value at its end. */
function bandBars(values: readonly number[], show: (v: number) => string, title: string, lang: Lang): string {
  const max = Math.max(1, ...values);
  const rowH = 22;
  const bars = COLOURS.map((colour, i) => {
    const v = values[i] ?? 0;
    // Room after the longest bar for an amount of up to 100 亿 with decimals.
    const w = Math.round((v / max) * 260);
    const y = 24 + i * rowH;
    return (
      `<text x="0" y="${y + 15}" font-size="12">${esc(COLOUR_LABELS[colour][lang])}</text>` +
      `<rect x="80" y="${y + 3}" width="${w}" height="16" fill="#${BAND_FILLS[colour].fill}" stroke="#444" stroke-width="0.5"/>` +
      `<text x="${86 + w}" y="${y + 15}" font-size="12">${esc(show(v))}</text>`
    );
  }).join('');
  return `<svg role="img" aria-label="${esc(title)}" width="480" height="${30 + COLOURS.length * rowH}" viewBox="0 0 480 ${30 + COLOURS.length * rowH}" xmlns="http://www.w3.org/2000/svg"><text x="0" y="14" font-size="13" font-weight="bold">${esc(title)}</text>${bars}</svg>`;
}

/** A table; `heads` are HTML (see `head`), cells are text. */
function table(
  heads: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: ReadonlySet<number> = new Set(),
  flagColumn = -1,
): string {
  const th = heads.map((h) => `<th>${h}</th>`).join('');
  const cls = (c: string, i: number): string =>
    numeric.has(i) ? ' class="n"' : i === flagColumn && c !== '' ? ' class="flag"' : '';
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(c, i)}>${esc(c)}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

const STYLE = `
@page { size: A4; margin: 15mm 12mm; }
body { font-family: "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", sans-serif; font-size: 11pt; color: #111; max-width: 186mm; margin: 0 auto; }
h1 { font-size: 18pt; margin: 0 0 4pt; } h2 { font-size: 13pt; margin: 14pt 0 4pt; border-bottom: 1px solid #888; break-after: avoid; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 4pt 0; } thead { display: table-header-group; }
th, td { border: 1px solid #999; padding: 2pt 4pt; text-align: left; vertical-align: top; } th { background: #eee; }
td.n { text-align: right; white-space: nowrap; } tr { break-inside: avoid; }
.alt { color: #555; font-weight: normal; } .meta td { border: none; padding: 1pt 6pt 1pt 0; } .flag { color: #c00000; font-weight: bold; }
table.grid { table-layout: fixed; } table.grid td.n { white-space: normal; overflow-wrap: anywhere; }
table.wide td:first-child { white-space: nowrap; }
.draft { color: #c00000; font-weight: bold; border: 2px solid #c00000; padding: 2pt 6pt; margin: 0 0 6pt; }
@media print { .draft { position: fixed; top: 0; right: 0; margin: 0; background: #fff; } }
section { break-inside: auto; } .page { break-before: page; } svg { display: block; margin: 4pt 0; }
`;

/**
 * The report as one HTML document (UTF-8, no external resources). Numbers are shown for people
 * (thousands separators, percentages with two decimals); labels follow `lang`, with the other
 * language beside headings.
 */
export function managerReport(input: ManagerReportInput): string {
  const { snapshot: s, previous, rules, trail, lang } = input;
  const arith = fastArithmetic;
  const channels = s.channels;
  const byColour = COLOURS.map((_, i) => channels.filter((c) => colourOf(c) === i));
  const count = byColour.map((l) => l.length);
  const premium = byColour.map((l) => arith.sum(l.map((c) => c.annualScale)));
  const decision = decisionOf(trail, s.id);
  const status = gradingStatus(trail, s.id);
  const kind = PREPARE_KIND_LABELS[s.kind];
  const def = (text: string, isDefault: boolean): string => withDefaultMark(text, isDefault, lang);
  const pct = (x: number): string => `${fastArithmetic.product(x, 100)}%`;
  const bounds = [
    [both(lang, '深蓝上限', 'Deep blue ≤'), pct(rules.costMax[0]), 'cost.deepBlue.max'],
    [both(lang, '蓝上限', 'Blue ≤'), pct(rules.costMax[1]), 'cost.blue.max'],
    [both(lang, '黄上限', 'Yellow ≤'), pct(rules.costMax[2]), 'cost.yellow.max'],
    [both(lang, '浅红上限', 'Light red ≤'), pct(rules.costMax[3]), 'cost.lightRed.max'],
    [both(lang, 'A 类规模下限', 'Scale A ≥'), amount(rules.scaleMin[0], lang), 'scale.A.min'],
    [both(lang, 'B 类规模下限', 'Scale B ≥'), amount(rules.scaleMin[1], lang), 'scale.B.min'],
    [both(lang, 'Ⅰ 类深度下限', 'Depth Ⅰ ≥'), pct(rules.depthMin[0]), 'depth.I.min'],
    [both(lang, 'Ⅱ 类深度下限', 'Depth Ⅱ ≥'), pct(rules.depthMin[1]), 'depth.II.min'],
  ] as const;
  const thresholds = bounds.map(([label, value, key]) => `${label} ${def(value, isDefaultParameter(rules, key))}`);

  const meta = table(
    [head(lang, '项目', 'Item'), head(lang, '内容', 'Value')],
    [
      [both(lang, '评判日', 'Judging date'), s.judgingDate],
      [both(lang, '分级类型', 'Kind of grading'), pick(kind, lang)],
      [both(lang, '数据窗口', 'Data window'), s.window ? `${s.window.start} – ${s.window.end}` : '—'],
      [both(lang, '规则指纹', 'Rules fingerprint'), s.rulesFingerprint],
      [both(lang, '分级人', 'Graded by'), `${s.gradedBy} · ${s.gradedAt}`],
      [
        both(lang, '审批', 'Approval'),
        (decision === null
          ? both(lang, DRAFT_MARK.zh, DRAFT_MARK.en)
          : `${decision.action === 'approved' ? both(lang, '已批准', 'approved') : both(lang, '已退回 · 草稿', 'returned · draft')} · ${decision.who} (${pick(ROLE_LABELS[decision.role], lang)}) · ${decision.at}`) +
          (status.review === null
            ? ''
            : ` · ${both(lang, '复核完成', 'review signed off')} ${status.review.who} ${status.review.at}${status.review.pendingRows > 0 ? ` (${both(lang, `待复核 ${status.review.pendingRows} 行`, `${status.review.pendingRows} rows pending`)})` : ''}`),
      ],
      [both(lang, '分级阈值', 'Thresholds'), thresholds.join(' · ')],
      [both(lang, '渠道数', 'Channels'), amount(channels.length, lang)],
    ],
  );

  const grid = SCALES.map((scale) => [
    scale,
    ...COLOURS.map((_, ci) => {
      const list = channels.filter((c) => colourOf(c) === ci && classOfIndex(c.classIndex)?.scale === scale);
      return list.length === 0 ? '' : `${list.length} / ${amount(arith.sum(list.map((c) => c.annualScale)), lang)}`;
    }),
  ]);
  const distribution =
    bandBars(count, (v) => amount(v, lang), both(lang, '各色带渠道数', 'Channels per colour band'), lang) +
    bandBars(
      premium,
      (v) => amount(v, lang),
      both(lang, '各色带年化保费（元）', 'Annualized premium per band (yuan)'),
      lang,
    ) +
    // Six columns of "channels / premium" are wider than A4: this table's cells wrap (class grid).
    table(
      [head(lang, '规模', 'Scale'), ...COLOURS.map((c) => esc(COLOUR_LABELS[c][lang]))],
      grid,
      new Set([1, 2, 3, 4, 5]),
    ).replace('<table>', '<table class="grid">') +
    `<p>${esc(both(lang, '格内为“渠道数 / 年化保费（元）”', 'each cell: channels / annualized premium (yuan)'))}</p>`;

  // The largest red channels, as many as the sheet lists; the total is over all of them.
  const red = redChannelsPart(channels);
  const redTable =
    red.all.length === 0
      ? `<p>${esc(both(lang, '没有红色渠道。', 'No red channels.'))}</p>`
      : para(lang, REPORT_SENTENCES.red(red)) +
        table(
          [
            head(lang, '渠道', 'Channel'),
            head(lang, '分类', 'Class'),
            head(lang, '经营成本率', 'Cost ratio'),
            head(lang, '年化保费（元）', 'Premium (yuan)'),
            head(lang, '检视措施', 'Review action'),
          ],
          red.listed.map((c) => [
            channelName(c),
            labelOfIndex(c.classIndex, lang),
            percent(c.costRate),
            amount(c.annualScale, lang),
            def(pick(reviewAction(c.classIndex, rules), lang), isDefaultReviewAction(rules, c.classIndex)),
          ]),
          new Set([2, 3]),
        ) +
        (red.restCount > 0 ? para(lang, REPORT_SENTENCES.redRest(red)) : '');

  let movement = para(lang, REPORT_SENTENCES.firstGrading);
  if (previous !== null) {
    const m = movementPart(previous, s);
    movement =
      para(lang, REPORT_SENTENCES.movement(previous, m)) +
      table(
        [head(lang, '上期 \\ 本期', 'Before \\ after'), ...COLOURS.map((c) => esc(COLOUR_LABELS[c][lang]))],
        COLOURS.map((c, i) => [COLOUR_LABELS[c][lang], ...(m.matrix[i] ?? []).map((n) => (n === 0 ? '' : String(n)))]),
        new Set([1, 2, 3, 4, 5]),
      ) +
      (m.all.length === 0
        ? ''
        : table(
            [
              head(lang, '渠道', 'Channel'),
              head(lang, '上期', 'Before'),
              head(lang, '本期', 'After'),
              head(lang, '变动', 'Move'),
              head(lang, '关注', 'Flag'),
              head(lang, '年化保费（元）', 'Premium (yuan)'),
            ],
            m.listed.map((x) => [
              x.channelName ? `${x.channelId} ${x.channelName}` : x.channelId,
              x.from === null ? '—' : labelOfIndex(x.from, lang),
              x.to === null ? '—' : labelOfIndex(x.to, lang),
              DIRECTION_LABELS[x.direction][lang],
              x.flags.map((f) => pick(MOVE_FLAG_LABELS[f], lang)).join(lang === 'en' ? ', ' : '、'),
              amount(x.annualScale, lang),
            ]),
            new Set([5]),
            4,
          ) + (m.restCount > 0 ? para(lang, REPORT_SENTENCES.movesRest(m)) : ''));
  }

  const present = [...new Set(channels.map((c) => c.classIndex))].sort((a, b) => a - b);
  const items = RESOURCE_ITEMS.map((i) => head(lang, i.name.zh, i.name.en));
  // Two tables as on the sheet (four resource items beside the review action, then the other
  // seven), so that each fits the width of a portrait page with its headers whole.
  const split = REPORT_COLUMNS - 5;
  const actions =
    table(
      [
        head(lang, '分类', 'Class'),
        head(lang, '渠道数', 'Channels'),
        head(lang, '年化保费（元）', 'Premium (yuan)'),
        head(lang, '检视措施', 'Review action'),
        head(lang, '管理层级', 'Management level'),
        ...items.slice(0, split),
      ],
      present.map((k) => {
        const inClass = channels.filter((c) => c.classIndex === k);
        return [
          labelOfIndex(k, lang),
          String(inClass.length),
          amount(arith.sum(inClass.map((c) => c.annualScale)), lang),
          def(pick(reviewAction(k, rules), lang), isDefaultReviewAction(rules, k)),
          def(pick(managementLevel(k, rules), lang), isDefaultManagementLevel(rules, k)),
          ...resourceOutcomes(k, rules)
            .slice(0, split)
            .map((o, i) => def(pick(o, lang), isDefaultOutcome(rules, k, i + 1))),
        ];
      }),
      new Set([1, 2]),
    ).replace('<table>', '<table class="wide">') +
    table(
      [head(lang, '分类', 'Class'), ...items.slice(split)],
      present.map((k) => [
        labelOfIndex(k, lang),
        ...resourceOutcomes(k, rules)
          .slice(split)
          .map((o, i) => def(pick(o, lang), isDefaultOutcome(rules, k, split + i + 1))),
      ]),
    ).replace('<table>', '<table class="wide">') +
    `<p>${esc(both(lang, DEFAULT_MARK_NOTE.zh, DEFAULT_MARK_NOTE.en))}</p>`;

  const yellowMax = rules.costMax[2];
  const headroom = channels
    .map((c) => ({ c, room: arith.subtract2(yellowMax, c.costRate, 0) }))
    .sort((a, b) => a.room - b.room);
  const none = headroom.filter((h) => h.room < 0).length;
  const headroomTable =
    para(lang, REPORT_SENTENCES.headroom(yellowMax, headroom.length - none, none)) +
    table(
      [
        head(lang, '渠道', 'Channel'),
        head(lang, '经营成本率', 'Cost ratio'),
        head(lang, '至黄色上限空间', 'Room to yellow'),
        head(lang, '年化保费（元）', 'Premium (yuan)'),
      ],
      headroom
        .slice(0, HEADROOM_LISTED)
        .map((h) => [channelName(h.c), percent(h.c.costRate), percent(h.room), amount(h.c.annualScale, lang)]),
      new Set([1, 2, 3]),
    );

  const trailRows = trail
    .filter((e) => e.snapshotId === s.id)
    .map((e) => [
      e.at,
      e.who,
      pick(ROLE_LABELS[e.role], lang),
      both(lang, STEP_LABELS[e.action].zh, STEP_LABELS[e.action].en),
      e.note ?? '',
    ]);
  const trailTable =
    trailRows.length === 0
      ? `<p>${esc(both(lang, '尚无审批记录。', 'No approval steps recorded yet.'))}</p>`
      : table(
          [
            head(lang, '时间', 'When'),
            head(lang, '人员', 'Who'),
            head(lang, '角色', 'Role'),
            head(lang, '操作', 'Action'),
            head(lang, '备注', 'Note'),
          ],
          trailRows,
        );

  const title = both(lang, '经代渠道分级报告', 'Channel grading report');
  return `<!DOCTYPE html>
<html lang="${lang === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8"><title>${esc(title)} ${esc(s.judgingDate)}</title><style>${STYLE}</style></head>
<body>
${status.draft ? `<div class="draft" role="note">${esc(both(lang, `${status.label.zh} · 草稿`, `${status.label.en} · Draft`))}</div>` : ''}<h1>${esc(title)}</h1>${meta.replace('<table>', '<table class="meta">')}
<section><h2>${esc(both(lang, '一、分类分布', '1. Distribution'))}</h2>${distribution}</section>
<section><h2>${esc(both(lang, '二、红色渠道', '2. Red channels'))}</h2>${redTable}</section>
<section><h2>${esc(both(lang, '三、与上期相比的变动', '3. Movement since the last grading'))}</h2>${movement}</section>
<section class="page"><h2>${esc(both(lang, '四、资源匹配与检视措施', '4. Resource matching and review actions'))}</h2>${actions}</section>
<section><h2>${esc(both(lang, '五、费用空间', '5. Fee headroom'))}</h2>${headroomTable}</section>
<section><h2>${esc(both(lang, '六、审批记录', '6. Approval trail'))}</h2>${trailTable}</section>
</body></html>
`;
}
