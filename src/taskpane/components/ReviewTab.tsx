import {
  Badge,
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Subtitle2,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ROLE_LABELS } from '../../core';
import { allowedSteps } from '../../core/gradingState';
import { REVIEW_STATUSES, type ReviewState, type ReviewStatus } from '../../grading';
import { bi, showCount, showTime } from '../labels';
import { useIntoView } from '../useIntoView';
import type { PaneHistory } from '../workflow/historyWorkflow.types';
import type { ChannelRow } from '../workflow/PaneWorkflow.types';
import { ReviewRowPicker } from './ReviewRowPicker';
import { ErrorBar } from './ErrorBar';
import { StateBadge, TrailSteps } from './TrailSteps';
import type { ReviewTabProps } from './ReviewTab.types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
  narrow: { flexBasis: '88px', flexGrow: 0, minWidth: 0 },
  grow: { flexBasis: '140px', flexGrow: 1, minWidth: 0 },
  input: { width: '100%', minWidth: 0 },
});

/** Where a failure is shown: under the action that failed. */
type Step = 'start' | 'mark' | 'sign';

const STATUS_EN: Readonly<Record<ReviewStatus, string>> = { 待复核: 'pending', 通过: 'approved', 退回: 'returned' };

/** 复核 Review: status column with a drop-down, comments on returned rows, changed-row warning, sign-off. */
export function ReviewTab({ workflow, sheet, revision, onSigned, onNext }: ReviewTabProps) {
  const { lang } = workflow;
  const styles = useStyles();
  const [state, setState] = useState<ReviewState | null>(null);
  const [row, setRow] = useState('');
  const [status, setStatus] = useState<ReviewStatus>('通过');
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  // A reason this Excel could not write as a comment (no ExcelApi 1.10): shown so it is not lost.
  const [skipped, setSkipped] = useState<string | null>(null);
  const [by, setBy] = useState(workflow.userName());
  const [confirmPending, setConfirmPending] = useState(false);
  const [signed, setSigned] = useState<Date | null>(null);
  const signedRef = useIntoView<HTMLDivElement>(signed);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [errorAt, setErrorAt] = useState<Step>('start');
  const [history, setHistory] = useState<PaneHistory | null>(null);
  const [channels, setChannels] = useState<readonly ChannelRow[] | null>(null);

  // The approvals on record (RULES.md §12): read with the review, and again after a grading or sign-off.
  const readTrail = useCallback(async (): Promise<void> => {
    setHistory(await workflow.history.read());
  }, [workflow]);
  useEffect(() => {
    if (state !== null) readTrail().catch((e: unknown) => fail('sign', e));
    // Only a recorded grading or approval elsewhere changes the trail; the review state does not.
  }, [revision, readTrail]);

  const fail = (at: Step, e: unknown): void => {
    setErrorAt(at);
    setError(e);
  };

  const act = async (at: Step, step: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await step();
    } catch (e) {
      fail(at, e);
    } finally {
      setBusy(false);
    }
  };

  const start = (): Promise<void> =>
    act('start', async () => {
      const target = sheet ?? (await workflow.detect()).sheet;
      setState(await workflow.prepareReview(target));
      setChannels(null);
      workflow.channelRows(target).then(setChannels, (e: unknown) => fail('mark', e));
      await readTrail();
      setSigned(null);
      setConfirmPending(false);
    });

  const channelAt = (r: number): string => {
    const c = channels?.find((x) => x.row === r);
    return c ? ` ${c.channelId} ${c.channelName}`.trimEnd() : '';
  };
  const rowNumber = Number(row);
  const rowValid = Number.isInteger(rowNumber) && rowNumber > 1;
  const needsComment = status === '退回' && comment.trim() === '';
  const pending = state?.counts.待复核 ?? 0;

  const latest = history?.snapshots.at(-1);
  const earlier = (history?.snapshots.slice(0, -1) ?? []).filter((s) => s.steps.length > 0).reverse();

  // The core says whether the review may be signed off now (before the decision; RULES.md §12).
  const reviewStep =
    latest && history
      ? (allowedSteps(history.history.trail, latest, by.trim()).find((a) => a.action === 'reviewed') ?? null)
      : null;
  const errorBar = (at: Step): ReactNode => (errorAt === at ? <ErrorBar error={error} lang={lang} /> : null);

  return (
    <section className={styles.root} aria-label={bi(lang, '复核', 'Review')}>
      <Button appearance="primary" onClick={() => void start()} disabled={busy}>
        {state ? bi(lang, '刷新复核状态', 'Refresh review') : bi(lang, '开始复核', 'Start review')}
      </Button>
      {errorBar('start')}
      {state && (
        <>
          <div className={styles.row} aria-label={bi(lang, '复核统计', 'Review counts')}>
            {REVIEW_STATUSES.map((s) => (
              <Badge key={s} appearance="tint" color={s === '通过' ? 'success' : s === '退回' ? 'danger' : 'warning'}>
                {lang === 'zh' ? `${s} ${STATUS_EN[s]}` : `${STATUS_EN[s]} ${s}`}: {showCount(state.counts[s], lang)}
              </Badge>
            ))}
          </div>
          {!state.fingerprinted && (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>
                {bi(
                  lang,
                  '本表未留存行指纹，无法检查分级后的改动；请先在本窗格分级',
                  'No row fingerprints: grade in this pane first to check for later changes',
                )}
              </MessageBarBody>
            </MessageBar>
          )}
          {state.changedRows.length > 0 && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>
                  {bi(
                    lang,
                    '分级后输入已改动或成为问题行，请重新分级',
                    'Inputs changed after grading, or rows became problem rows: grade again',
                  )}
                </MessageBarTitle>
                {bi(
                  lang,
                  `第 ${state.changedRows.slice(0, 20).join('、')} 行`,
                  `rows ${state.changedRows.slice(0, 20).join(', ')}`,
                )}
                {state.changedRows.length > 20 ? ` (+${showCount(state.changedRows.length - 20, lang)})` : ''}
              </MessageBarBody>
            </MessageBar>
          )}
          <Subtitle2 as="h2">{bi(lang, '标记一行', 'Mark a row')}</Subtitle2>
          <ReviewRowPicker
            lang={lang}
            sheet={state.sheet}
            row={row}
            onRow={setRow}
            channels={channels}
            readSelection={workflow.readsSelection ? () => workflow.selectedRow() : undefined}
            onError={(e) => fail('mark', e)}
          />
          <div className={styles.row}>
            <Field className={styles.grow} label={bi(lang, '复核状态', 'Status')}>
              <Select
                className={styles.input}
                value={status}
                onChange={(_, d) => {
                  setStatus(d.value as ReviewStatus);
                  setTried(false);
                }}
              >
                {REVIEW_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {lang === 'zh' ? `${s} ${STATUS_EN[s]}` : `${STATUS_EN[s]} ${s}`}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          {status === '退回' && (
            <Field
              label={bi(lang, '退回意见（写入批注）', 'Reason for return (written as a comment)')}
              required
              validationState={tried && needsComment ? 'error' : 'none'}
              validationMessage={
                tried && needsComment ? bi(lang, '退回须写明意见', 'a returned row needs a reason') : null
              }
            >
              <Textarea value={comment} onChange={(_, d) => setComment(d.value)} />
            </Field>
          )}
          <Button
            disabled={busy || !rowValid}
            onClick={() => {
              setTried(true);
              if (needsComment) return;
              void act('mark', async () => {
                const next = await workflow.markRow(state, rowNumber, status, comment);
                setState(next);
                setSkipped(next.commentSkipped ? comment.trim() : null);
                setComment('');
                setTried(false);
              });
            }}
          >
            {bi(lang, '标记', 'Mark')}
          </Button>
          {errorBar('mark')}
          {skipped !== null && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                {bi(
                  lang,
                  `已标记退回，但此版本 Excel 不支持批注（需 ExcelApi 1.10），退回意见未写入：“${skipped}”，请另行记录`,
                  `marked returned, but this Excel has no comments (needs ExcelApi 1.10), so the reason was not written: "${skipped}"; note it elsewhere`,
                )}
              </MessageBarBody>
            </MessageBar>
          )}
          {state.returned.length > 0 && (
            <Text block>
              {bi(lang, '已退回：', 'Returned: ')}
              {state.returned.map((r) => (
                <Button
                  key={r}
                  size="small"
                  appearance="subtle"
                  onClick={() => void workflow.selectRow(state.sheet, r).catch((e: unknown) => fail('mark', e))}
                >
                  {bi(lang, `第 ${r} 行`, `row ${r}`)}
                  {channelAt(r)}
                </Button>
              ))}
            </Text>
          )}
          <Subtitle2 as="h2">{bi(lang, '复核完成（签字）', 'Review sign-off')}</Subtitle2>
          <Caption1 block>
            {bi(
              lang,
              `复核完成只是行的复核签字，不是分级的审批：审批（批准或退回）在“历史”页由${ROLE_LABELS.approver.zh}另行作出`,
              `signing off the rows' review is not the approval of the grading: the ${ROLE_LABELS.approver.en} approves or returns it on the History tab`,
            )}
          </Caption1>
          {state.signOffs && (state.signOffs.current > 0 || state.signOffs.earlier > 0) && (
            <MessageBar intent={state.signOffs.current > 0 ? 'success' : 'warning'} layout="multiline">
              <MessageBarBody>
                {state.signOffs.current > 0
                  ? bi(
                      lang,
                      `本次分级已有 ${showCount(state.signOffs.current, 'zh')} 个复核签字`,
                      `this grading has ${showCount(state.signOffs.current, 'en')} review sign-off(s)`,
                    )
                  : bi(
                      lang,
                      `已有的 ${showCount(state.signOffs.earlier, 'zh')} 个复核签字适用于此前的分级（已保留）；本次分级需要重新复核签字`,
                      `the ${showCount(state.signOffs.earlier, 'en')} review sign-off(s) on record apply to an earlier grading (kept); this grading needs a new sign-off`,
                    )}
              </MessageBarBody>
            </MessageBar>
          )}
          <Field label={bi(lang, '复核人', 'Reviewer')}>
            <Input className={styles.input} value={by} onChange={(_, d) => setBy(d.value)} />
          </Field>
          {pending > 0 && (
            <Checkbox
              checked={confirmPending}
              onChange={(_, d) => setConfirmPending(d.checked === true)}
              label={bi(
                lang,
                `确认在仍有 ${showCount(pending, 'zh')} 行待复核时签字（将记录在签字中）`,
                `sign off with ${showCount(pending, 'en')} rows still pending (recorded with the sign-off)`,
              )}
            />
          )}
          <Button
            disabled={busy || by.trim() === '' || (pending > 0 && !confirmPending) || reviewStep?.allowed === false}
            onClick={() =>
              void act('sign', async () => {
                setSigned(await workflow.stamp(state, by.trim(), pending > 0 && confirmPending));
                await readTrail();
                onSigned?.();
              })
            }
          >
            {pending > 0
              ? bi(
                  lang,
                  `复核完成（${showCount(pending, 'zh')} 行待复核）`,
                  `Sign off the review (${showCount(pending, 'en')} pending)`,
                )
              : bi(lang, '复核完成', 'Sign off the review')}
          </Button>
          {reviewStep?.reason && (
            <Caption1 block role="note">
              {bi(lang, reviewStep.reason.zh, reviewStep.reason.en)}
            </Caption1>
          )}
          {errorBar('sign')}
          {latest && (
            <section aria-label={bi(lang, '本次分级的审批', 'Approvals of this grading')}>
              <Text block weight="semibold">
                {bi(lang, `本次分级 ${latest.id}`, `This grading ${latest.id}`)}
              </Text>
              <StateBadge status={latest.status} lang={lang} />
              <TrailSteps steps={latest.steps} lang={lang} />
              {earlier.map((s) => (
                <div key={s.id}>
                  <Text block size={200}>
                    {bi(lang, `此前分级 ${s.id}（保留）`, `Earlier grading ${s.id} (kept)`)}
                  </Text>
                  <TrailSteps steps={s.steps} lang={lang} />
                </div>
              ))}
            </section>
          )}
          {signed && (
            <div ref={signedRef}>
              <MessageBar intent="success" layout="multiline">
                <MessageBarBody>
                  {bi(
                    lang,
                    `已于 ${showTime(signed, 'zh')}复核完成${latest ? `（分级 ${latest.id}）` : ''}：记入“审批记录”，并在“分级规则”工作表签字，规则指纹 ${workflow.rules().fingerprint}。分级尚待${ROLE_LABELS.approver.zh}审批`,
                    `review signed off at ${showTime(signed, 'en')}${latest ? ` (grading ${latest.id})` : ''}: on the 审批记录 trail, signed on the 分级规则 sheet, rules fingerprint ${workflow.rules().fingerprint}. The grading still awaits the ${ROLE_LABELS.approver.en}'s approval`,
                  )}
                </MessageBarBody>
                {onNext && (
                  <MessageBarActions>
                    <Button size="small" appearance="primary" onClick={onNext}>
                      {bi(lang, '历史与审批 →', 'History and approval →')}
                    </Button>
                  </MessageBarActions>
                )}
              </MessageBar>
            </div>
          )}
        </>
      )}
    </section>
  );
}
