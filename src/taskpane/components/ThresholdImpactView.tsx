import { Badge, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import {
  COLOURS,
  DEPTHS,
  DEPTH_LABELS,
  MOVE_FLAG_LABELS,
  SCALES,
  labelOfIndex,
  type ClassMove,
  type Lang,
} from '../../core';
import { BAND_FILLS } from '../../grading';
import { bi, showCount, colourWord } from '../labels';
import { showChannels, showPremium } from './MeasureFormats';
import type { ThresholdImpactViewProps } from './ThresholdImpactView.types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  table: { borderCollapse: 'collapse', width: '100%', fontSize: tokens.fontSizeBase200 },
  head: { textAlign: 'left', fontWeight: tokens.fontWeightRegular, padding: `0 ${tokens.spacingHorizontalXS}` },
  num: { textAlign: 'right', padding: `0 ${tokens.spacingHorizontalXS}`, fontVariantNumeric: 'tabular-nums' },
  swatch: {
    display: 'inline-block',
    width: '10px',
    height: '10px',
    marginRight: tokens.spacingHorizontalXS,
    border: `1px solid ${tokens.colorNeutralStrokeAccessible}`,
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: '2px' },
  mover: { overflowWrap: 'anywhere', fontSize: tokens.fontSizeBase200 },
});

const ARROWS: Readonly<Record<ClassMove['direction'], string>> = { up: '↑', down: '↓', new: '新', gone: '—' };

/** Whether any count differs between the two rule sets. */
function changes(before: readonly number[], after: readonly number[]): boolean {
  return before.some((n, i) => n !== after[i]);
}

interface CountRow {
  readonly key: string;
  readonly label: string;
  readonly fill?: string;
  readonly before: number;
  readonly after: number;
}

/** Channels per band or class under the rules in force and the edited ones, with the difference. */
function CountsTable({
  lang,
  label,
  head,
  rows,
}: {
  readonly lang: Lang;
  readonly label: string;
  readonly head: string;
  readonly rows: readonly CountRow[];
}) {
  const styles = useStyles();
  return (
    <table className={styles.table} aria-label={label}>
      <thead>
        <tr>
          <th className={styles.head} scope="col">
            {head}
          </th>
          <th className={styles.num} scope="col">
            {bi(lang, '现行', 'In force')}
          </th>
          <th className={styles.num} scope="col">
            {bi(lang, '编辑后', 'Edited')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const delta = r.after - r.before;
          return (
            <tr key={r.key} data-band={r.key}>
              <th className={styles.head} scope="row">
                {r.fill && <span className={styles.swatch} style={{ backgroundColor: r.fill }} />}
                {r.label}
              </th>
              <td className={styles.num}>{showCount(r.before, lang)}</td>
              <td className={styles.num}>
                {showCount(r.after, lang)}
                {delta !== 0 && ` (${delta > 0 ? '+' : '−'}${showCount(Math.abs(delta), lang)})`}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * What the thresholds being edited would change before they are saved (RULES.md §13): channels and
 * annualized premium changing class, channels per colour band now and then (per scale and depth
 * class too when those change), and the channels that move, those RULES.md §12 flags first.
 */
export function ThresholdImpactView({
  impact,
  names,
  premiums,
  premiumUnit,
  lang,
  limit = 30,
}: ThresholdImpactViewProps) {
  const styles = useStyles();
  const premium = (l: typeof lang): string => showPremium(impact.changedPremium * premiumUnit, l);
  const headline =
    impact.changed === 0
      ? bi(lang, '按正在编辑的阈值，没有渠道改变分类。', 'With the thresholds being edited, no channel changes class.')
      : bi(
          lang,
          `按正在编辑的阈值，${showChannels(impact.changed, 'zh')}、${premium('zh')}年化保费将改变分类。`,
          `With the thresholds being edited, ${showChannels(impact.changed, 'en')} and ${premium('en')} of annualized premium would change class.`,
        );
  const flagged = impact.movement.moves.filter((m) => m.flags.length > 0);
  const premiumOf = (m: ClassMove): number => premiums.get(m.channelId) ?? 0;
  const ordered = [...impact.movement.moves].sort(
    (a, b) => Number(b.flags.length > 0) - Number(a.flags.length > 0) || premiumOf(b) - premiumOf(a),
  );
  const shown = ordered.slice(0, limit);
  return (
    <div className={styles.root} data-testid="threshold-impact">
      <Text weight="semibold" role="status">
        {headline}
      </Text>
      <CountsTable
        lang={lang}
        label={bi(lang, '各色带渠道数：现行与编辑后', 'Channels per band: in force and edited')}
        head={bi(lang, '色带', 'Band')}
        rows={COLOURS.map((c, i) => ({
          key: c,
          label: colourWord(c, lang),
          fill: `#${BAND_FILLS[c].fill}`,
          before: impact.coloursBefore[i] ?? 0,
          after: impact.coloursAfter[i] ?? 0,
        }))}
      />
      {changes(impact.scalesBefore, impact.scalesAfter) && (
        <CountsTable
          lang={lang}
          label={bi(lang, '各规模类别渠道数：现行与编辑后', 'Channels per scale class: in force and edited')}
          head={bi(lang, '规模', 'Scale')}
          rows={SCALES.map((k, i) => ({
            key: k,
            label: k,
            before: impact.scalesBefore[i] ?? 0,
            after: impact.scalesAfter[i] ?? 0,
          }))}
        />
      )}
      {changes(impact.depthsBefore, impact.depthsAfter) && (
        <CountsTable
          lang={lang}
          label={bi(lang, '各深度类别渠道数：现行与编辑后', 'Channels per depth class: in force and edited')}
          head={bi(lang, '深度', 'Depth')}
          rows={DEPTHS.map((k, i) => ({
            key: k,
            label: DEPTH_LABELS[k][lang],
            before: impact.depthsBefore[i] ?? 0,
            after: impact.depthsAfter[i] ?? 0,
          }))}
        />
      )}
      {impact.changed > 0 && (
        <>
          <Caption1>
            {bi(
              lang,
              `改变分类的渠道${flagged.length > 0 ? `（${flagged.length} 个需关注：跨两个及以上色带、进入或退出红色，列在前面）` : ''}`,
              `Channels that change class${flagged.length > 0 ? ` (${flagged.length} to look at: two or more bands, into or out of red, listed first)` : ''}`,
            )}
          </Caption1>
          <ul className={styles.list} aria-label={bi(lang, '改变分类的渠道', 'Channels that change class')}>
            {shown.map((m) => {
              const name = names.get(m.channelId);
              const from = m.from === null ? '—' : labelOfIndex(m.from, lang);
              const to = m.to === null ? '—' : labelOfIndex(m.to, lang);
              return (
                <li key={m.channelId} className={styles.mover}>
                  {m.channelId}
                  {name ? ` ${name}` : ''}：{from} → {to} {ARROWS[m.direction]} ·{' '}
                  {showPremium(premiumOf(m) * premiumUnit, lang)}{' '}
                  {m.flags.map((f) => (
                    <Badge key={f} color={f === 'outOfRed' ? 'success' : 'danger'} size="small">
                      {bi(lang, MOVE_FLAG_LABELS[f].zh, MOVE_FLAG_LABELS[f].en)}
                    </Badge>
                  ))}
                </li>
              );
            })}
          </ul>
          {ordered.length > shown.length && (
            <Caption1>
              {bi(
                lang,
                `另有 ${showCount(ordered.length - shown.length, lang)} 个渠道未列出`,
                `${showCount(ordered.length - shown.length, lang)} more not listed`,
              )}
            </Caption1>
          )}
        </>
      )}
    </div>
  );
}
