import {
  Badge,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Subtitle2,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { REVIEW_STATUSES, type ReviewState, type ReviewStatus } from '../../grading';
import { bi } from '../labels';
import { ErrorBar } from './ErrorBar';
import type { ReviewTabProps } from './ReviewTab.types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
});

const STATUS_EN: Readonly<Record<ReviewStatus, string>> = { 待复核: 'pending', 通过: 'approved', 退回: 'returned' };

/** 复核 Review: status column with a drop-down, comments on returned rows, changed-row warning, sign-off. */
export function ReviewTab({ workflow, sheet }: ReviewTabProps) {
  const { lang } = workflow;
  const styles = useStyles();
  const [state, setState] = useState<ReviewState | null>(null);
  const [row, setRow] = useState('');
  const [status, setStatus] = useState<ReviewStatus>('退回');
  const [comment, setComment] = useState('');
  const [by, setBy] = useState(workflow.userName());
  const [signed, setSigned] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const act = async (step: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await step();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const start = (): Promise<void> =>
    act(async () => {
      const target = sheet ?? (await workflow.detect()).sheet;
      setState(await workflow.prepareReview(target));
      setSigned(false);
    });

  const rowNumber = Number(row);
  const rowValid = Number.isInteger(rowNumber) && rowNumber > 1;
  const needsComment = status === '退回' && comment.trim() === '';

  return (
    <section className={styles.root} aria-label={bi(lang, '复核', 'Review')}>
      <ErrorBar error={error} lang={lang} />
      <Button appearance="primary" onClick={() => void start()} disabled={busy}>
        {state ? bi(lang, '刷新复核状态', 'Refresh review') : bi(lang, '开始复核', 'Start review')}
      </Button>
      {state && (
        <>
          <div className={styles.row} aria-label={bi(lang, '复核统计', 'Review counts')}>
            {REVIEW_STATUSES.map((s) => (
              <Badge key={s} appearance="tint" color={s === '通过' ? 'success' : s === '退回' ? 'danger' : 'warning'}>
                {lang === 'zh' ? `${s} ${STATUS_EN[s]}` : `${STATUS_EN[s]} ${s}`}: {state.counts[s]}
              </Badge>
            ))}
          </div>
          {!state.fingerprinted && (
            <MessageBar intent="info">
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
            <MessageBar intent="warning">
              <MessageBarBody>
                <MessageBarTitle>{bi(lang, '分级后输入已改动', 'Inputs changed after grading')}</MessageBarTitle>
                {bi(
                  lang,
                  `第 ${state.changedRows.slice(0, 20).join('、')} 行`,
                  `rows ${state.changedRows.slice(0, 20).join(', ')}`,
                )}
                {state.changedRows.length > 20 ? ` (+${state.changedRows.length - 20})` : ''}
              </MessageBarBody>
            </MessageBar>
          )}
          <Subtitle2 as="h2">{bi(lang, '标记一行', 'Mark a row')}</Subtitle2>
          <div className={styles.row}>
            <Field label={bi(lang, '行号', 'Row')} validationState={row !== '' && !rowValid ? 'error' : 'none'}>
              <Input type="number" value={row} onChange={(_, d) => setRow(d.value)} />
            </Field>
            <Field label={bi(lang, '复核状态', 'Status')}>
              <Select value={status} onChange={(_, d) => setStatus(d.value as ReviewStatus)}>
                {REVIEW_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {s} {STATUS_EN[s]}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <Field
            label={bi(lang, '退回意见（写入批注）', 'Reason for return (written as a comment)')}
            validationState={needsComment ? 'warning' : 'none'}
            validationMessage={needsComment ? bi(lang, '退回须写明意见', 'a returned row needs a reason') : null}
          >
            <Textarea value={comment} onChange={(_, d) => setComment(d.value)} />
          </Field>
          <Button
            disabled={busy || !rowValid || needsComment}
            onClick={() =>
              void act(async () => {
                setState(await workflow.markRow(state, rowNumber, status, comment));
                setComment('');
              })
            }
          >
            {bi(lang, '标记', 'Mark')}
          </Button>
          {state.returned.length > 0 && (
            <Text block>
              {bi(lang, '已退回：', 'Returned: ')}
              {state.returned.map((r) => (
                <Button
                  key={r}
                  size="small"
                  appearance="subtle"
                  onClick={() => void workflow.selectRow(state.sheet, r).catch(setError)}
                >
                  {bi(lang, `第 ${r} 行`, `row ${r}`)}
                </Button>
              ))}
            </Text>
          )}
          <Subtitle2 as="h2">{bi(lang, '签字', 'Sign-off')}</Subtitle2>
          <div className={styles.row}>
            <Field label={bi(lang, '复核人', 'Reviewer')}>
              <Input value={by} onChange={(_, d) => setBy(d.value)} />
            </Field>
            <Button
              disabled={busy || by.trim() === ''}
              onClick={() =>
                void act(async () => {
                  await workflow.stamp(state, by.trim());
                  setSigned(true);
                })
              }
            >
              {bi(lang, '签字确认', 'Sign off')}
            </Button>
          </div>
          {signed && (
            <MessageBar intent="success">
              <MessageBarBody>
                {bi(
                  lang,
                  `已在“分级规则”工作表签字，规则指纹 ${workflow.rules().fingerprint}`,
                  `signed on the 分级规则 sheet, rules fingerprint ${workflow.rules().fingerprint}`,
                )}
              </MessageBarBody>
            </MessageBar>
          )}
        </>
      )}
    </section>
  );
}
