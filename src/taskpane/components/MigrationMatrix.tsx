import { makeStyles, tokens } from '@fluentui/react-components';
import { COLOURS, COLOUR_LABELS } from '../../core';
import { BAND_FILLS } from '../../grading';
import { bi, showCount, colourWord } from '../labels';
import type { MigrationMatrixProps } from './MigrationMatrix.types';

const useStyles = makeStyles({
  table: {
    width: '100%',
    tableLayout: 'fixed',
    borderCollapse: 'collapse',
    fontSize: tokens.fontSizeBase200,
    fontVariantNumeric: 'tabular-nums',
  },
  corner: { width: '22%', textAlign: 'left', fontWeight: 'normal', fontSize: tokens.fontSizeBase100 },
  head: { fontWeight: 'normal', textAlign: 'center', padding: '2px', overflowWrap: 'anywhere' },
  cell: { textAlign: 'center', padding: '3px 2px', border: `1px solid ${tokens.colorNeutralStroke2}` },
  // Staying in the band is the expected case: muted, so the moves stand out.
  same: { color: tokens.colorNeutralForeground4, backgroundColor: tokens.colorNeutralBackground2 },
  better: { backgroundColor: tokens.colorPaletteGreenBackground1 },
  worse: { backgroundColor: tokens.colorPaletteRedBackground1, fontWeight: 600 },
  swatch: {
    display: 'inline-block',
    width: '8px',
    height: '8px',
    marginRight: '2px',
    border: `1px solid ${tokens.colorNeutralStrokeAccessible}`,
  },
});

/**
 * The colour migration matrix between two gradings (RULES.md §12): rows the band before, columns the
 * band after, channels graded in both; the diagonal (no move) muted, worse moves (above it) marked.
 */
export function MigrationMatrix({ colours, lang }: MigrationMatrixProps) {
  const styles = useStyles();
  const band = (i: number) => {
    const c = COLOURS[i] ?? 'deepBlue';
    return (
      <>
        <span className={styles.swatch} style={{ backgroundColor: `#${BAND_FILLS[c].fill}` }} />
        {colourWord(c, lang)}
      </>
    );
  };
  return (
    <table className={styles.table} aria-label={bi(lang, '色带迁移矩阵', 'Colour migration matrix')}>
      <thead>
        <tr>
          <th className={styles.corner} scope="col">
            {bi(lang, '上期＼本期', 'before＼after')}
          </th>
          {COLOURS.map((c, j) => (
            <th key={c} className={styles.head} scope="col">
              {band(j)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {COLOURS.map((c, i) => (
          <tr key={c}>
            <th className={styles.head} scope="row" style={{ textAlign: 'left' }}>
              {band(i)}
            </th>
            {COLOURS.map((d, j) => {
              const n = colours[i]?.[j] ?? 0;
              const tone = i === j ? styles.same : n === 0 ? '' : j > i ? styles.worse : styles.better;
              return (
                <td
                  key={d}
                  className={`${styles.cell} ${tone}`}
                  aria-label={bi(
                    lang,
                    `${COLOUR_LABELS[c].zh}→${COLOUR_LABELS[d].zh} ${n}`,
                    `${COLOUR_LABELS[c].name}→${COLOUR_LABELS[d].name} ${n}`,
                  )}
                >
                  {n === 0 ? '·' : showCount(n, lang)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
