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
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { MOVE_FLAG_LABELS, ROLE_LABELS, labelOfIndex, type Lang } from '../../core';
import { KIND_WORDS, bi, colon, showCount } from '../labels';
import type { PaneHistory, SnapshotSummary } from '../workflow/historyWorkflow.types';
import { ErrorBar } from './ErrorBar';
import type { HistoryTabProps } from './HistoryTab.types';
import { MigrationMatrix } from './MigrationMatrix';
import { DecisionBadge, TrailSteps } from './TrailSteps';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
  half: { flexBasis: '130px', flexGrow: 1, minWidth: 0 },
  input: { width: '100%', minWidth: 0 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '6px' },
  item: {
    borderLeft: `3px solid ${tokens.colorNeutralStroke1}`,
    paddingLeft: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  steps: { listStyleType: 'none', margin: 0, padding: 0, fontSize: tokens.fontSizeBase200 },
  movers: { listStyleType: 'none', margin: 0, padding: 0, maxHeight: '320px', overflowY: 'auto' },
  mover: { padding: '3px 0', borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, minWidth: 0 },
  flag: { marginLeft: '4px' },
  // A class code (深红-C-Ⅲ) is one word: it never breaks at its hyphens.
  code: { whiteSpace: 'nowrap' },
  // The two gradings compared each take the pane's width: their labels (#12 2026-12-01 季度) are never cut.
  full: { width: '100%', minWidth: 0 },
});

/** Where a failure is shown: under the action that failed. */
type Step = 'read' | 'decide' | 'notice';

/** Movers listed at most; 分级变动 has them all. */
const MOVERS_SHOWN = 100;

/** Who graded: a person's name as recorded; the department (经代部) in the pane's language. */
function graderName(by: string, lang: Lang): string {
  return by === ROLE_LABELS.grader.zh ? ROLE_LABELS.grader[lang] : by;
}

function snapshotLabel(s: SnapshotSummary, lang: Lang): string {
  return `${s.judgingDate} ${KIND_WORDS[s.kind][lang]}`;
}

/**
 * 历史 History: the gradings the workbook keeps with their approval state, the movement between two
 * of them (matrix and flagged movers), a channel's trail of classes and its two classes, approval
 * and return as the 个人客户运营部, and notices to the branches (RULES.md §12, 第四条, 第十条).
 */
export function HistoryTab({ workflow, userName, revision }: HistoryTabProps) {
  const { lang } = workflow;
  const styles = useStyles();
  const [history, setHistory] = useState<PaneHistory | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [query, setQuery] = useState('');
  const [target, setTarget] = useState('');
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
  const [errorAt, setErrorAt] = useState<Step>('read');

  const seen = useRef(0);
  const show = useCallback((next: PaneHistory) => {
    setHistory(next);
    const ids = next.snapshots.map((s) => s.id);
    // A new grading: back to the last two gradings and the latest one to approve. Otherwise a
    // choice the user made is kept (approving an earlier grading does not jump elsewhere).
    const grown = ids.length !== seen.current;
    seen.current = ids.length;
    setFrom((f) => (!grown && ids.includes(f) ? f : (ids.at(-2) ?? '')));
    setTo((t) => (!grown && ids.includes(t) ? t : (ids.at(-1) ?? '')));
    setTarget((t) => (!grown && ids.includes(t) ? t : (ids.at(-1) ?? '')));
  }, []);

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

  const read = useCallback(
    () =>
      act('read', async () => {
        show(await workflow.read());
      }),
    [workflow, show],
  );
  useEffect(() => {
    void read();
  }, [read, revision]);

  // A history a person edited may hold a class index out of range: said under the matrix, as a value.
  const [movement, movementError] = useMemo(() => {
    if (!history || from === '' || to === '' || from === to) return [null, null] as const;
    try {
      return [workflow.movement(history, from, to), null] as const;
    } catch (e) {
      return [null, e] as const;
    }
  }, [history, from, to, workflow]);
  const found = useMemo(() => (history ? workflow.search(history, query) : []), [history, query, workflow]);

  const errorBar = (at: Step): ReactNode => (errorAt === at ? <ErrorBar error={error} lang={lang} /> : null);
  const doneBar = (at: Step): ReactNode =>
    done?.at === at ? (
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>{done.text}</MessageBarBody>
      </MessageBar>
    ) : null;
  const snapshots = history?.snapshots ?? [];
  // Numbered as recorded: two gradings of one day and kind differ by their number.
  const options = [...snapshots].reverse().map((s) => (
    <option key={s.id} value={s.id}>
      #{snapshots.indexOf(s) + 1} {snapshotLabel(s, lang)}
    </option>
  ));
  const needsNote = note.trim() === '';

  return (
    <section className={styles.root} aria-label={bi(lang, '历史', 'History')}>
      <Button onClick={() => void read()} disabled={busy}>
        {bi(lang, '刷新历史', 'Refresh history')}
      </Button>
      {errorBar('read')}
      {history && snapshots.length === 0 && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            {bi(
              lang,
              '本工作簿尚无分级记录：在“分级”页分级（“记入分级历史”打开）后，每次分级都记在这里',
              'No gradings recorded in this workbook yet: grade on the 分级 tab with “Record in history” on, and each grading is kept here',
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {snapshots.length > 0 && (
        <>
          <Subtitle2 as="h2">{bi(lang, '分级记录', 'Gradings')}</Subtitle2>
          <ol className={styles.list} aria-label={bi(lang, '分级记录', 'Gradings')} reversed>
            {[...snapshots].reverse().map((s) => (
              <li key={s.id} className={styles.item} aria-label={s.id}>
                <Text block weight="semibold">
                  {snapshotLabel(s, lang)}
                </Text>
                <Caption1 block>
                  {bi(lang, '分级人', 'by')} {graderName(s.gradedBy, lang)} · {showCount(s.channels, lang)}{' '}
                  {bi(lang, '个渠道', 'channels')} · {bi(lang, '规则', 'rules')} {s.rulesFingerprint.slice(0, 8)}
                </Caption1>
                <DecisionBadge decision={s.decision} lang={lang} />
                <TrailSteps steps={s.steps} lang={lang} />
              </li>
            ))}
          </ol>
        </>
      )}
      {snapshots.length > 1 && (
        <>
          <Subtitle2 as="h2">{bi(lang, '分级变动', 'Movement')}</Subtitle2>
          <div className={styles.row}>
            <Field className={styles.full} label={bi(lang, '上期', 'Before')}>
              <Select className={styles.input} value={from} onChange={(_, d) => setFrom(d.value)}>
                {options}
              </Select>
            </Field>
            <Field className={styles.full} label={bi(lang, '本期', 'After')}>
              <Select className={styles.input} value={to} onChange={(_, d) => setTo(d.value)}>
                {options}
              </Select>
            </Field>
          </div>
          <ErrorBar error={movementError} lang={lang} />
          {movement && (
            <>
              <Text block>
                {bi(
                  lang,
                  `变动 ${showCount(movement.moves.length, 'zh')} 个，不变 ${showCount(movement.movement.unchanged, 'zh')} 个，需关注 ${showCount(movement.flagged, 'zh')} 个`,
                  `${showCount(movement.moves.length, 'en')} moved, ${showCount(movement.movement.unchanged, 'en')} unchanged, ${showCount(movement.flagged, 'en')} flagged`,
                )}
              </Text>
              <MigrationMatrix colours={movement.movement.colours} lang={lang} />
              {movement.moves.length > 0 && (
                <ul className={styles.movers} aria-label={bi(lang, '变动渠道', 'Channels that moved')}>
                  {movement.moves.slice(0, MOVERS_SHOWN).map((m) => (
                    <li key={m.channelId} className={styles.mover}>
                      <Text size={200}>
                        {m.channelId}
                        {m.channelName ? ` ${m.channelName}` : ''}
                        {colon(lang)}
                        <span className={styles.code}>{m.from === null ? '—' : labelOfIndex(m.from, lang)}</span> →{' '}
                        <span className={styles.code}>{m.to === null ? '—' : labelOfIndex(m.to, lang)}</span>
                      </Text>
                      {m.flags.map((f) => (
                        <Badge key={f} className={styles.flag} size="small" appearance="filled" color="danger">
                          {MOVE_FLAG_LABELS[f][lang]}
                        </Badge>
                      ))}
                    </li>
                  ))}
                </ul>
              )}
              {movement.moves.length > MOVERS_SHOWN && (
                <Caption1>
                  {bi(
                    lang,
                    `另有 ${showCount(movement.moves.length - MOVERS_SHOWN, 'zh')} 个见“分级变动”工作表`,
                    `${showCount(movement.moves.length - MOVERS_SHOWN, 'en')} more on the 分级变动 sheet`,
                  )}
                </Caption1>
              )}
            </>
          )}
        </>
      )}
      {snapshots.length > 0 && (
        <>
          <Subtitle2 as="h2">{bi(lang, '渠道轨迹', 'A channel’s classes')}</Subtitle2>
          <Field label={bi(lang, '渠道代码或名称', 'Channel ID or name')}>
            <Input className={styles.input} type="search" value={query} onChange={(_, d) => setQuery(d.value)} />
          </Field>
          {query.trim() !== '' && found.length === 0 && (
            <Caption1>{bi(lang, '历史中没有此渠道', 'no such channel in the history')}</Caption1>
          )}
          {found.map((c) => (
            <div key={c.channelId} className={styles.item} aria-label={c.channelId}>
              <Text block weight="semibold">
                {c.channelId}
                {c.channelName ? ` ${c.channelName}` : ''}
              </Text>
              <ul className={styles.steps}>
                {c.classes.map((k) => (
                  <li key={k.snapshot.id}>
                    {snapshotLabel(k.snapshot, lang)}
                    {colon(lang)}
                    {k.classIndex === null ? (
                      bi(lang, '未分级', 'not graded')
                    ) : (
                      <span className={styles.code}>{labelOfIndex(k.classIndex, lang)}</span>
                    )}
                  </li>
                ))}
              </ul>
              {c.inForce && (
                <Caption1 block>
                  {bi(lang, '年度评价', 'Annual')}{' '}
                  <span className={styles.code}>
                    {c.inForce.annual ? labelOfIndex(c.inForce.annual.classIndex, lang) : '—'}
                  </span>{' '}
                  ·{' '}
                  {bi(lang, '年度内运用', 'In-year')}{' '}
                  <span className={styles.code}>
                    {c.inForce.inYear ? labelOfIndex(c.inForce.inYear.classIndex, lang) : '—'}
                  </span>
                  {' · '}
                  {bi(lang, '资源匹配用', 'matching uses')}
                  {colon(lang)}
                  {c.inForce.used === 'inYear'
                    ? bi(lang, '年度内运用分类', 'the in-year class')
                    : c.inForce.used === 'annual'
                      ? bi(lang, '年度评价分类', 'the annual class')
                      : bi(lang, '拟合作分类', 'the prospective class')}
                </Caption1>
              )}
            </div>
          ))}
          <Subtitle2 as="h2">{bi(lang, '审批', 'Approval')}</Subtitle2>
          <Caption1 block>
            {bi(
              lang,
              `由${ROLE_LABELS.approver.zh}审批（第十条）；每次审批都留在记录中`,
              `by the ${ROLE_LABELS.approver.en} (第十条); every decision stays on the trail`,
            )}
          </Caption1>
          <Field label={bi(lang, '审批的分级', 'Grading')}>
            <Select className={styles.input} value={target} onChange={(_, d) => setTarget(d.value)}>
              {options}
            </Select>
          </Field>
          <div className={styles.row}>
            <Field className={styles.half} label={bi(lang, '审批人', 'Approver')}>
              <Input className={styles.input} value={who} onChange={(_, d) => setWho(d.value)} />
            </Field>
          </div>
          <Field
            label={bi(lang, '意见', 'Note')}
            validationState={tried && needsNote ? 'error' : 'none'}
            validationMessage={tried && needsNote ? bi(lang, '退回须写明意见', 'a return needs a reason') : null}
          >
            <Textarea value={note} onChange={(_, d) => setNote(d.value)} />
          </Field>
          <div className={styles.row}>
            {(['approved', 'returned'] as const).map((decision) => (
              <Button
                key={decision}
                appearance={decision === 'approved' ? 'primary' : 'secondary'}
                disabled={busy || who.trim() === '' || target === ''}
                onClick={() => {
                  setTried(decision === 'returned');
                  if (decision === 'returned' && needsNote) return;
                  void act('decide', async () => {
                    show(await workflow.decide(target, decision, who.trim(), note));
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
            ))}
          </div>
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
              {bi(lang, '生成通知', 'Notices')}
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
              disabled={busy || who.trim() === ''}
              onClick={() =>
                void act('notice', async () => {
                  show(await workflow.notified(notices.snapshotId, notices.keys, who.trim()));
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
          {errorBar('notice')}
          {doneBar('notice')}
        </>
      )}
    </section>
  );
}
