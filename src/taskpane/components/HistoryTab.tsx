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
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { MOVE_FLAG_LABELS, ROLE_LABELS, labelOfIndex, type ClassesInForce, type Lang } from '../../core';
import { KIND_WORDS, bi, colon, showCount } from '../labels';
import type { PaneHistory, SnapshotSummary } from '../workflow/historyWorkflow.types';
import { ErrorBar } from './ErrorBar';
import type { HistoryTabProps } from './HistoryTab.types';
import { HistoryApproval } from './HistoryApproval';
import { MigrationMatrix } from './MigrationMatrix';
import { DecisionBadge, StateBadge, TrailSteps } from './TrailSteps';

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

/** Classes of gradings awaiting approval, beside the classes in force (never in force until approved). */
function pendingText(f: ClassesInForce, lang: Lang): string {
  const held = [
    f.pending.annual &&
      bi(
        lang,
        `年度评价待审批 ${labelOfIndex(f.pending.annual.classIndex, lang)}`,
        `annual awaiting approval ${labelOfIndex(f.pending.annual.classIndex, lang)}`,
      ),
    f.pending.inYear &&
      bi(
        lang,
        `年度内运用待审批 ${labelOfIndex(f.pending.inYear.classIndex, lang)}`,
        `in-year awaiting approval ${labelOfIndex(f.pending.inYear.classIndex, lang)}`,
      ),
  ].filter((x): x is string => typeof x === 'string');
  return held.length > 0 ? ` · ${held.join(' · ')}` : '';
}

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
export function HistoryTab({ workflow, userName, revision, rulesFingerprint }: HistoryTabProps) {
  const rulesNow = rulesFingerprint ?? null;
  const { lang } = workflow;
  const styles = useStyles();
  const [history, setHistory] = useState<PaneHistory | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [query, setQuery] = useState('');
  const [target, setTarget] = useState('');
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
  const snapshots = history?.snapshots ?? [];
  // Numbered as recorded: two gradings of one day and kind differ by their number.
  const options = [...snapshots].reverse().map((s) => (
    <option key={s.id} value={s.id}>
      #{snapshots.indexOf(s) + 1} {snapshotLabel(s, lang)}
    </option>
  ));

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
                  {bi(lang, '个渠道', 'channels')} · {bi(lang, '规则', 'rules')} {s.rulesFingerprint.slice(0, 8)}{' '}
                  {rulesNow !== null &&
                    (s.rulesFingerprint === rulesNow
                      ? bi(lang, '✓ 与本工作簿现行规则一致', "✓ the workbook's rules in force")
                      : bi(lang, '≠ 不是本工作簿现行规则', "≠ not the workbook's rules in force"))}
                </Caption1>
                <StateBadge status={s.status} lang={lang} />{' '}
                {s.decision && <DecisionBadge decision={s.decision} lang={lang} />}
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
                  · {bi(lang, '年度内运用', 'In-year')}{' '}
                  <span className={styles.code}>
                    {c.inForce.inYear ? labelOfIndex(c.inForce.inYear.classIndex, lang) : '—'}
                  </span>
                  {pendingText(c.inForce, lang)}
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
          <HistoryApproval
            workflow={workflow}
            history={history ?? { history: { snapshots: [], trail: [] }, snapshots: [] }}
            target={target}
            onTarget={setTarget}
            options={options}
            userName={userName}
            onChanged={show}
          />
        </>
      )}
    </section>
  );
}
