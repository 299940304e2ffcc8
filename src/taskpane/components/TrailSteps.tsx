import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import { ROLE_LABELS, type Lang, type TrailEntry } from '../../core';
import type { GradingStatus } from '../../core/gradingState';
import { bi, colon } from '../labels';

const useStyles = makeStyles({
  steps: { listStyleType: 'none', margin: 0, padding: 0, fontSize: tokens.fontSizeBase200 },
  // Who and when make a badge longer than a word: it wraps inside the pane instead of running out of it.
  badge: { whiteSpace: 'normal', height: 'auto', minHeight: '20px', maxWidth: '100%', textAlign: 'left' },
});

const ACTION_WORDS: Readonly<Record<TrailEntry['action'], { zh: string; en: string }>> = {
  graded: { zh: '已分级', en: 'graded' },
  approved: { zh: '已批准', en: 'approved' },
  returned: { zh: '已退回', en: 'returned' },
  notified: { zh: '已通知', en: 'notified' },
  acknowledged: { zh: '已确认', en: 'acknowledged' },
};

/** A trail moment as people read it: 2026-11-30 18:20. */
function when(at: string): string {
  return at.slice(0, 16).replace('T', ' ');
}

/** 待审批 / 已批准 / 已退回 with who and when (RULES.md §12, 第十条). */
export function DecisionBadge({ decision, lang }: { decision: TrailEntry | null; lang: Lang }) {
  const styles = useStyles();
  if (decision === null)
    return (
      <Badge className={styles.badge} appearance="tint" color="warning">
        {bi(lang, '待审批', 'pending')}
      </Badge>
    );
  const words = ACTION_WORDS[decision.action];
  return (
    <Badge className={styles.badge} appearance="tint" color={decision.action === 'approved' ? 'success' : 'danger'}>
      {bi(lang, words.zh, words.en)} · {decision.who} · {when(decision.at)}
    </Badge>
  );
}

/** A grading's state (待审批 / 已审批 / 已退回 / 已通知 / 已确认), with 复核完成 when its rows were signed off. */
export function StateBadge({ status, lang }: { status: GradingStatus; lang: Lang }) {
  const styles = useStyles();
  const colour = status.state === 'returned' ? 'danger' : status.state === 'pending' ? 'warning' : 'success';
  return (
    <Badge className={styles.badge} appearance="filled" color={colour}>
      {bi(lang, status.label.zh, status.label.en)}
      {status.review
        ? ` · ${bi(lang, `复核完成，待复核 ${status.review.pendingRows} 行`, `review signed off, ${status.review.pendingRows} rows pending`)}`
        : ''}
    </Badge>
  );
}

/** Every step on a grading after it was graded, oldest first: no approval is ever dropped. */
export function TrailSteps({ steps, lang }: { steps: readonly TrailEntry[]; lang: Lang }) {
  const styles = useStyles();
  if (steps.length === 0) return null;
  return (
    <ul className={styles.steps} aria-label={bi(lang, '审批记录', 'Approval trail')}>
      {steps.map((e, i) => (
        <li key={`${e.at}-${i}`}>
          {when(e.at)} · {ROLE_LABELS[e.role][lang]} {e.who} · {ACTION_WORDS[e.action][lang]}
          {e.note ? `${colon(lang)}${e.note}` : ''}
        </li>
      ))}
    </ul>
  );
}
