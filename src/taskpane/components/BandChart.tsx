import { makeStyles, tokens, Text } from '@fluentui/react-components';
import { COLOURS } from '../../core';
import { BAND_FILLS } from '../../grading';
import { bi, colourWord, showCount } from '../labels';
import type { BandChartProps } from './BandChart.types';

const useStyles = makeStyles({
  chart: { display: 'grid', gridTemplateColumns: 'auto 1fr auto', gap: tokens.spacingVerticalXS, alignItems: 'center' },
  label: { whiteSpace: 'nowrap' },
  track: { height: '14px', backgroundColor: tokens.colorNeutralBackground3, minWidth: 0 },
  // The light bands (蓝, 黄, 浅红) are pale against the track: an outline in an accessible stroke
  // colour gives every bar at least 3:1 against its surroundings (WCAG 1.4.11).
  bar: {
    height: '14px',
    boxSizing: 'border-box',
    border: `1px solid ${tokens.colorNeutralStrokeAccessible}`,
  },
});

/** Channels per colour band as horizontal bars in the bands' own colours (the sheet's chart, small). */
export function BandChart({ perColour, lang }: BandChartProps) {
  const styles = useStyles();
  const most = Math.max(1, ...COLOURS.map((c) => perColour[c]));
  return (
    <figure aria-label={bi(lang, '各色带渠道数', 'Channels per band')} style={{ margin: 0 }}>
      <div className={styles.chart}>
        {COLOURS.map((c) => (
          <div key={c} style={{ display: 'contents' }} data-band={c}>
            <Text size={200} className={styles.label}>
              {colourWord(c, lang)}
            </Text>
            <div className={styles.track}>
              <div
                className={styles.bar}
                data-testid={`bar-${c}`}
                style={{
                  width: `${(100 * perColour[c]) / most}%`,
                  backgroundColor: `#${BAND_FILLS[c].fill}`,
                  display: perColour[c] > 0 ? 'block' : 'none',
                }}
              />
            </div>
            <Text size={200} aria-label={`${colourWord(c, lang)} ${showCount(perColour[c], lang)}`}>
              {showCount(perColour[c], lang)}
            </Text>
          </div>
        ))}
      </div>
    </figure>
  );
}
