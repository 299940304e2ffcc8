import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { bi, colon, showCount } from '../labels';
import type { HistogramThreshold, MeasureHistogramProps } from './MeasureHistogram.types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  svg: { display: 'block', width: '100%', height: 'auto', maxWidth: '100%', overflow: 'visible' },
  table: { borderCollapse: 'collapse', width: '100%', fontSize: tokens.fontSizeBase200 },
  cell: { padding: `0 ${tokens.spacingHorizontalXS}`, textAlign: 'right' },
  head: { padding: `0 ${tokens.spacingHorizontalXS}`, textAlign: 'left', fontWeight: tokens.fontWeightRegular },
});

/** The drawing's own units: it scales to the pane's width with its text. */
const W = 320;
const LEFT = 6;
const RIGHT = W - 6;
/** Height of the plot itself; the label rows above it and the axis below are added to it. */
const PLOT = 94;
const ROW = 11;
const FONT = 10;

/** The width a label takes at 10 units a character for Chinese, about 6 for the rest. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? FONT : FONT * 0.58;
  return w;
}

interface PlacedLabel {
  readonly t: HistogramThreshold;
  readonly x: number;
  readonly row: number;
  readonly anchor: 'start' | 'middle' | 'end';
}

/** Puts each label in the first row where it clears its neighbours, so that no two overlap. */
function placeLabels(thresholds: readonly HistogramThreshold[], x: (v: number) => number): PlacedLabel[] {
  const drawn = thresholds.filter((t) => !t.inForce).sort((a, b) => a.value - b.value);
  const ends: number[] = [];
  return drawn.map((t) => {
    const at = x(t.value);
    const w = textWidth(t.label);
    const anchor = at - w / 2 < LEFT ? 'start' : at + w / 2 > RIGHT ? 'end' : 'middle';
    const left = anchor === 'start' ? at : anchor === 'end' ? at - w : at - w / 2;
    let row = ends.findIndex((end) => end + 4 <= left);
    if (row < 0) row = ends.length;
    ends[row] = left + w;
    return { t, x: at, row, anchor };
  });
}

/**
 * A measure's histogram as inline SVG (RULES.md §13): bars of channels per interval, the thresholds
 * as labelled lines, the axis's ends; an image to a screen reader with the counts in its label, and
 * the counts as a table under it for anyone who wants the figures.
 */
export function MeasureHistogram({ title, id, distribution, thresholds, show, lang }: MeasureHistogramProps) {
  const styles = useStyles();
  const bars = distribution.histogram;
  const first = bars[0];
  const last = bars[bars.length - 1];
  let low = first?.from ?? 0;
  let high = last?.to ?? 1;
  if (high === low) {
    // Every channel has the same value: give the single bar some width around it.
    const pad = Math.abs(low) > 0 ? Math.abs(low) * 0.05 : 1;
    low -= pad;
    high += pad;
  }
  const x = (v: number): number => LEFT + ((v - low) / (high - low)) * (RIGHT - LEFT);
  const labels = placeLabels(thresholds, x);
  const rows = Math.max(1, ...labels.map((l) => l.row + 1));
  const TOP = rows * ROW + 8;
  const BOTTOM = TOP + PLOT;
  const H = BOTTOM + 26;
  const most = Math.max(1, ...bars.map((b) => b.count));
  const y = (count: number): number => BOTTOM - (count / most) * (BOTTOM - TOP);
  const barWidth = bars.length > 0 ? (RIGHT - LEFT) / bars.length : 0;
  const range = (from: number, to: number): string => `${show(from)}–${show(to)}`;
  const counted = bars.filter((b) => b.count > 0);
  const description = bi(
    lang,
    `${title}直方图：共 ${showCount(distribution.count, lang)} 个渠道；${counted.map((b) => `${range(b.from, b.to)} ${showCount(b.count, lang)} 个`).join('；')}；阈值 ${thresholds
      .filter((t) => !t.inForce)
      .map((t) => t.title)
      .join('、')}`,
    `histogram of ${title}: ${showCount(distribution.count, lang)} channels; ${counted.map((b) => `${range(b.from, b.to)}: ${showCount(b.count, lang)}`).join('; ')}; thresholds ${thresholds
      .filter((t) => !t.inForce)
      .map((t) => t.title)
      .join(', ')}`,
  );
  return (
    <div className={styles.root}>
      <svg
        className={styles.svg}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={description}
        data-testid={`histogram-${id}`}
      >
        <line x1={LEFT} x2={RIGHT} y1={BOTTOM} y2={BOTTOM} stroke={tokens.colorNeutralStroke1} />
        {bars.map((b, i) =>
          b.count === 0 ? null : (
            <rect
              key={i}
              x={LEFT + i * barWidth + 0.5}
              width={Math.max(0.5, barWidth - 1)}
              y={y(b.count)}
              height={BOTTOM - y(b.count)}
              fill={tokens.colorBrandBackground}
            >
              <title>{`${range(b.from, b.to)}${colon(lang)}${showCount(b.count, lang)}`}</title>
            </rect>
          ),
        )}
        {thresholds
          .filter((t) => t.inForce)
          .map((t) => (
            <line
              key={`was-${t.title}`}
              data-threshold={t.value}
              data-in-force="true"
              x1={x(t.value)}
              x2={x(t.value)}
              y1={TOP - 4}
              y2={BOTTOM}
              stroke={tokens.colorNeutralForeground3}
              strokeDasharray="3 3"
            >
              <title>{t.title}</title>
            </line>
          ))}
        {labels.map(({ t, x: at, row }) => (
          <line
            key={t.title}
            data-threshold={t.value}
            data-testid={`threshold-${id}-${t.value}`}
            x1={at}
            x2={at}
            y1={(row + 1) * ROW + 2}
            y2={BOTTOM}
            stroke={tokens.colorPaletteRedForeground1}
          >
            <title>{t.title}</title>
          </line>
        ))}
        {/* Labels after every line, on a halo of the background, so that a line never crosses a label. */}
        {labels.map(({ t, x: at, row, anchor }) => (
          <text
            key={t.title}
            data-testid={`label-${id}-${t.value}`}
            x={at}
            y={(row + 1) * ROW}
            fontSize={FONT}
            textAnchor={anchor}
            fill={tokens.colorNeutralForeground1}
            stroke={tokens.colorNeutralBackground1}
            strokeWidth={3}
            paintOrder="stroke"
          >
            {t.label}
          </text>
        ))}
        <text x={LEFT} y={H - 6} fontSize={FONT} textAnchor="start" fill={tokens.colorNeutralForeground2}>
          {show(low)}
        </text>
        <text x={RIGHT} y={H - 6} fontSize={FONT} textAnchor="end" fill={tokens.colorNeutralForeground2}>
          {show(high)}
        </text>
      </svg>
      <details>
        <summary>
          <Caption1>{bi(lang, '各区间渠道数', 'Channels per interval')}</Caption1>
        </summary>
        <table
          className={styles.table}
          aria-label={bi(lang, `${title}各区间渠道数`, `${title}: channels per interval`)}
        >
          <thead>
            <tr>
              <th className={styles.head} scope="col">
                {bi(lang, '区间', 'Interval')}
              </th>
              <th className={styles.cell} scope="col">
                {bi(lang, '渠道数', 'Channels')}
              </th>
            </tr>
          </thead>
          <tbody>
            {bars.map((b, i) => (
              <tr key={i}>
                <th className={styles.head} scope="row">
                  {range(b.from, b.to)}
                </th>
                <td className={styles.cell}>{showCount(b.count, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
