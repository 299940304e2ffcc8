import { Caption1, ToggleButton, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { COLOURS, COLOUR_LABELS, SCALES } from '../../core';
import { BAND_FILLS } from '../../grading';
import { bi, showCount, colourWord } from '../labels';
import type { RollUpTableProps } from './RollUpTable.types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  // Seven narrow columns fit 320 px: the name takes what the numbers leave, and wraps.
  table: {
    width: '100%',
    tableLayout: 'fixed',
    borderCollapse: 'collapse',
    fontSize: tokens.fontSizeBase200,
    fontVariantNumeric: 'tabular-nums',
  },
  name: { textAlign: 'left', width: '30%', overflowWrap: 'anywhere', fontWeight: 'normal', paddingRight: '2px' },
  cell: {
    textAlign: 'right',
    paddingLeft: '2px',
    paddingRight: '2px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  // A band's name breaks only between words ("Deep / blue"), never inside one; its swatch sits above it.
  band: {
    textAlign: 'right',
    fontWeight: 'normal',
    paddingLeft: '2px',
    paddingRight: '2px',
    wordBreak: 'normal',
    overflowWrap: 'normal',
    verticalAlign: 'bottom',
  },
  bandEn: { fontSize: tokens.fontSizeBase100, lineHeight: tokens.lineHeightBase100 },
  nameEn: { width: '22%' },
  swatch: {
    display: 'inline-block',
    width: '8px',
    height: '8px',
    marginRight: '2px',
    border: `1px solid ${tokens.colorNeutralStrokeAccessible}`,
  },
  scroll: { maxHeight: '260px', overflowY: 'auto' },
});

/** Roll-ups shown; the summary sheet has them all. */
const SHOWN = 50;

/** Channels (or annualized premium in 万元, thousand yuan under English) per colour band or scale class for each 分公司 or 三级机构 (RULES.md §12). */
export function RollUpTable({ rollUps, by, lang }: RollUpTableProps) {
  const styles = useStyles();
  const [premium, setPremium] = useState(false);
  const [byScale, setByScale] = useState(false);
  const title = by === 'company' ? bi(lang, '按分公司', 'By branch company') : bi(lang, '按三级机构', 'By branch');
  const shown = rollUps.slice(0, SHOWN);
  const value = (r: (typeof rollUps)[number], i: number): string => {
    const n =
      (byScale ? (premium ? r.premiumByScale : r.channelsByScale) : premium ? r.premiumByColour : r.channelsByColour)[
        i
      ] ?? 0;
    // Premium in 万元 under Chinese, in thousand yuan under English (the unit is in the toggle's label).
    return premium
      ? (n / (lang === 'zh' ? 10_000 : 1_000)).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', {
          maximumFractionDigits: 0,
        })
      : showCount(n, lang);
  };
  const columns = byScale
    ? SCALES.map((sc) => ({ key: sc, head: <>{sc}</>, title: bi(lang, `规模 ${sc}`, `scale ${sc}`) }))
    : COLOURS.map((c) => ({
        key: c,
        head: (
          <>
            <span className={styles.swatch} style={{ backgroundColor: `#${BAND_FILLS[c].fill}` }} />
            {lang === 'en' && <br />}
            {colourWord(c, lang)}
          </>
        ),
        title: COLOUR_LABELS[c].name,
      }));
  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <Caption1 as="h3" style={{ margin: 0, fontWeight: 600 }}>
          {title}
        </Caption1>
        <ToggleButton size="small" appearance="subtle" checked={premium} onClick={() => setPremium((p) => !p)}>
          {premium ? bi(lang, '年化保费（万元）', 'Premium (thousand yuan)') : bi(lang, '渠道数', 'Channels')}
        </ToggleButton>
        <ToggleButton size="small" appearance="subtle" checked={byScale} onClick={() => setByScale((b) => !b)}>
          {byScale ? bi(lang, '按规模', 'By scale') : bi(lang, '按色带', 'By band')}
        </ToggleButton>
      </div>
      <div className={styles.scroll}>
        <table className={styles.table} aria-label={title}>
          <thead>
            <tr>
              <th className={mergeClasses(styles.name, lang === 'en' && styles.nameEn)} scope="col">
                {by === 'company' ? bi(lang, '分公司', 'Company') : bi(lang, '三级机构', 'Branch')}
              </th>
              {columns.map((c) => (
                <th
                  key={c.key}
                  className={mergeClasses(styles.band, lang === 'en' && styles.bandEn)}
                  scope="col"
                  title={c.title}
                >
                  {c.head}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.key}>
                <th className={styles.name} scope="row">
                  {r.key}
                </th>
                {columns.map((c, i) => (
                  <td key={c.key} className={styles.cell}>
                    {value(r, i)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rollUps.length > SHOWN && (
        <Caption1>
          {bi(
            lang,
            `另有 ${showCount(rollUps.length - SHOWN, 'zh')} 个见“分级汇总”工作表`,
            `${showCount(rollUps.length - SHOWN, 'en')} more on the 分级汇总 sheet`,
          )}
        </Caption1>
      )}
    </div>
  );
}
