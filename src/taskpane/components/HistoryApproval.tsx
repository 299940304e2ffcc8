import {
  Badge,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState, type ReactNode } from 'react';
import { ROLE_LABELS } from '../../core';
import { GRADING_STATE_LABELS, allowedSteps, type AllowedStep, type StepAction } from '../../core/gradingState';
import { bi, showCount } from '../labels';
import { ErrorBar } from './ErrorBar';
import type { HistoryApprovalProps } from './HistoryApproval.types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
  half: { flexBasis: '130px', flexGrow: 1, minWidth: 0 },
  input: { width: '100%', minWidth: 0 },
  why: { color: tokens.colorNeutralForeground3 },
});

/** Where a failure or a success is shown: under the action. */
type Step = 'decide' | 'notice';

/** The state's badge colour: approved and after green, returned red, pending amber. */
function stateColour(state: string): 'success' | 'danger' | 'warning' {
  return state === 'returned' ? 'danger' : state === 'pending' ? 'warning' : 'success';
}

/**
 * 审批 and 通知 on the History tab (RULES.md §12, 第十条): the grading's state, approve or return as the
 * 个人客户运营部 (never by the person who graded it), then notify the branches — each button disabled
 * with the reason the core gives (what comes first) until the step may be taken.
 */
export function HistoryApproval({
  workflow,
  history,
  target,
  onTarget,
  options,
  userName,
  onChanged,
}: HistoryApprovalProps) {
  const { lang } = workflow;
  const styles = useStyles();
  const [who, setWho] = useState(userName);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [by, setBy] = useState<'company' | 'branch'>('company');
  const [notices, setNotices] = useState<{
    snapshotId: string;
    sheets: readonly string[];
    keys: readonly string[];
    unassigned: number;
  } | null>(null);
  const [done, setDone] = useState<{ at: Step; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [errorAt, setErrorAt] = useState<Step>('decide');

  const snapshot = history.snapshots.find((s) => s.id === target) ?? null;
  const steps = useMemo(
    () =>
      snapshot === null
        ? new Map<StepAction, AllowedStep>()
        : new Map(
            allowedSteps(history.history.trail, { id: snapshot.id, gradedBy: snapshot.gradedBy }, who.trim()).map(
              (s) => [s.action, s],
            ),
          ),
    [history, snapshot, who],
  );
  const approve = steps.get('approved');
  const notify = steps.get('notified');
  const needsNote = note.trim() === '';

  const act = async (at: Step, step: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await step();
    } catch (e) {
      setErrorAt(at);
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const errorBar = (at: Step): ReactNode => (errorAt === at ? <ErrorBar error={error} lang={lang} /> : null);
  const doneBar = (at: Step): ReactNode =>
    done?.at === at ? (
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>{done.text}</MessageBarBody>
      </MessageBar>
    ) : null;
  const why = (step: AllowedStep | undefined): ReactNode =>
    step && !step.allowed && step.reason && who.trim() !== '' ? (
      <Caption1 className={styles.why} role="note">
        {step.label[lang]}
        {lang === 'zh' ? '：' : ': '}
        {bi(lang, step.reason.zh, step.reason.en)}
      </Caption1>
    ) : null;

  return (
    <div className={styles.root}>
      <Subtitle2 as="h2">{bi(lang, '审批', 'Approval')}</Subtitle2>
      <Caption1 block>
        {bi(
          lang,
          `由${ROLE_LABELS.approver.zh}审批（第十条）；分级人不能审批自己的分级；每次审批都留在记录中`,
          `by the ${ROLE_LABELS.approver.en} (Art. 10); whoever graded cannot decide on his own grading; every decision stays on the trail`,
        )}
      </Caption1>
      <Field label={bi(lang, '审批的分级', 'Grading')}>
        <Select className={styles.input} value={target} onChange={(_, d) => onTarget(d.value)}>
          {options}
        </Select>
      </Field>
      {snapshot && (
        <div className={styles.row} aria-label={bi(lang, '分级状态', 'State of the grading')}>
          <Badge appearance="tint" color={stateColour(snapshot.status.state)}>
            {bi(lang, GRADING_STATE_LABELS[snapshot.status.state].zh, GRADING_STATE_LABELS[snapshot.status.state].en)}
          </Badge>
          <Badge appearance="outline" color={snapshot.status.review ? 'informative' : 'subtle'}>
            {snapshot.status.review
              ? bi(
                  lang,
                  `复核完成（${snapshot.status.review.who}，待复核 ${showCount(snapshot.status.review.pendingRows, 'zh')} 行）`,
                  `review signed off (${snapshot.status.review.who}, ${showCount(snapshot.status.review.pendingRows, 'en')} rows pending)`,
                )
              : bi(lang, '尚未复核完成', 'review not signed off')}
          </Badge>
        </div>
      )}
      <Field className={styles.half} label={bi(lang, '审批人', 'Approver')}>
        <Input className={styles.input} value={who} onChange={(_, d) => setWho(d.value)} />
      </Field>
      <Field
        label={
          approve?.needsNote
            ? bi(
                lang,
                '意见（复核尚有待复核行，批准须写明理由）',
                'Note (the review left rows pending: approving needs a reason)',
              )
            : bi(lang, '意见', 'Note')
        }
        validationState={tried && needsNote ? 'error' : 'none'}
        validationMessage={tried && needsNote ? bi(lang, '须写明意见', 'a reason is needed') : null}
      >
        <Textarea value={note} onChange={(_, d) => setNote(d.value)} />
      </Field>
      <div className={styles.row}>
        {(['approved', 'returned'] as const).map((decision) => {
          const step = steps.get(decision);
          return (
            <Button
              key={decision}
              appearance={decision === 'approved' ? 'primary' : 'secondary'}
              disabled={busy || who.trim() === '' || snapshot === null || step?.allowed !== true}
              onClick={() => {
                const noteNeeded = decision === 'returned' || step?.needsNote === true;
                setTried(noteNeeded);
                if (noteNeeded && needsNote) return;
                void act('decide', async () => {
                  onChanged(await workflow.decide(target, decision, who.trim(), note));
                  setNote('');
                  setTried(false);
                  setDone({
                    at: 'decide',
                    text:
                      decision === 'approved'
                        ? bi(lang, `已批准 ${target}`, `approved ${target}`)
                        : bi(lang, `已退回 ${target}`, `returned ${target}`),
                  });
                });
              }}
            >
              {decision === 'approved' ? bi(lang, '批准', 'Approve') : bi(lang, '退回', 'Return')}
            </Button>
          );
        })}
      </div>
      {why(approve)}
      {errorBar('decide')}
      {doneBar('decide')}
      <Subtitle2 as="h2">{bi(lang, '通知机构', 'Notify the branches')}</Subtitle2>
      <div className={styles.row}>
        <Field className={styles.half} label={bi(lang, '按', 'Per')}>
          <Select
            className={styles.input}
            value={by}
            onChange={(_, d) => setBy(d.value === 'branch' ? 'branch' : 'company')}
          >
            <option value="company">{bi(lang, '分公司', 'branch company')}</option>
            <option value="branch">{bi(lang, '三级机构', 'branch')}</option>
          </Select>
        </Field>
        <Button
          disabled={busy || target === ''}
          onClick={() =>
            void act('notice', async () => {
              const written = await workflow.notices(target, by);
              setNotices({ snapshotId: target, ...written });
            })
          }
        >
          {snapshot && snapshot.status.draft
            ? bi(lang, '生成通知（草稿）', 'Notices (draft)')
            : bi(lang, '生成通知', 'Notices')}
        </Button>
      </div>
      {notices && (
        <MessageBar intent={notices.sheets.length > 0 ? 'success' : 'warning'} layout="multiline">
          <MessageBarBody>
            {notices.sheets.length > 0
              ? bi(
                  lang,
                  `已写出 ${showCount(notices.sheets.length, 'zh')} 张通知：${notices.sheets.join('、')}`,
                  `${showCount(notices.sheets.length, 'en')} notice sheets written: ${notices.sheets.join(', ')}`,
                )
              : bi(lang, '没有可通知的机构：渠道都未填机构', 'no branch to notify: no channel has one')}
            {notices.unassigned > 0 &&
              ` · ${bi(lang, `${showCount(notices.unassigned, 'zh')} 个渠道未填机构，不在任何通知中`, `${showCount(notices.unassigned, 'en')} channels have no branch and are on no notice`)}`}
          </MessageBarBody>
        </MessageBar>
      )}
      {notices && notices.keys.length > 0 && (
        <Button
          disabled={busy || who.trim() === '' || notify?.allowed !== true}
          onClick={() =>
            void act('notice', async () => {
              onChanged(await workflow.notified(notices.snapshotId, notices.keys, who.trim()));
              setDone({
                at: 'notice',
                text: bi(
                  lang,
                  `已记录由${ROLE_LABELS.grader.zh}通知 ${showCount(notices.keys.length, 'zh')} 个机构`,
                  `recorded: the ${ROLE_LABELS.grader.en} notified ${showCount(notices.keys.length, 'en')} branches`,
                ),
              });
              setNotices(null);
            })
          }
        >
          {bi(lang, `标记已通知（${ROLE_LABELS.grader.zh}）`, `Mark notified (${ROLE_LABELS.grader.en})`)}
        </Button>
      )}
      {notices && notices.keys.length > 0 && why(notify)}
      {errorBar('notice')}
      {doneBar('notice')}
    </div>
  );
}
