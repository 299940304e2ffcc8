import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { COLOURS } from '../../core';
import { bi, colourWord, showCount } from '../labels';
import type { ImpactSummaryProps } from './ImpactSummary.types';

const useStyles = makeStyles({
  // Stays at the top of the pane while the thresholds under it are typed: the impact beside the edit.
  root: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    minWidth: 0,
  },
  bands: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, fontSize: tokens.fontSizeBase200 },
  band: { whiteSpace: 'nowrap' },
  line: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/**
 * What the thresholds being edited would change, in two lines that stay in sight at the top of the
 * Rules tab (issue 25 item 6): channels changing class and each band's count in force → edited.
 */
export function ImpactSummary({ impact, pending, lang, onDetails }: ImpactSummaryProps) {
  const styles = useStyles();
  return (
    <div
      className={styles.root}
      role="status"
      aria-label={bi(lang, '编辑的影响', 'Impact of the edit')}
      aria-busy={pending}
    >
      <div className={styles.line}>
        <Text size={200} weight="semibold">
          {impact === null
            ? bi(lang, '影响：等待读取本表渠道…', "Impact: waiting for the sheet's channels…")
            : impact.changed === 0
              ? bi(lang, '影响：没有渠道改变分类', 'Impact: no channel changes class')
              : bi(
                  lang,
                  `影响：${showCount(impact.changed, 'zh')} 个渠道改变分类`,
                  `Impact: ${showCount(impact.changed, 'en')} channels change class`,
                )}
          {pending ? ' …' : ''}
        </Text>
        {onDetails && impact !== null && (
          <Button size="small" appearance="transparent" onClick={onDetails}>
            {bi(lang, '详情 ↓', 'Details ↓')}
          </Button>
        )}
      </div>
      {impact !== null && (
        <div
          className={styles.bands}
          aria-label={bi(lang, '各色带渠道数：现行 → 编辑后', 'Channels per band: in force → edited')}
        >
          {COLOURS.map((c, i) => {
            const before = impact.coloursBefore[i] ?? 0;
            const after = impact.coloursAfter[i] ?? 0;
            return (
              <span key={c} className={styles.band} data-band={c}>
                {colourWord(c, lang)} {showCount(before, lang)}
                {after !== before ? ` → ${showCount(after, lang)}` : ''}
              </span>
            );
          })}
        </div>
      )}
    </div>
  );
}
