import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Select,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { COLOURS, COLOUR_LABELS, isoDate, parseDateText, type CivilDate } from '../../core';
import { PREPARE_KIND_LABELS, type PrepareKind } from '../../core/prepareKinds';
import { GradingCancelledError } from '../../grading';
import type { PrepareSheetReport } from '../../grading/prepareSheet';
import type { PaneRecorded } from '../workflow/historyWorkflow.types';
import { bi, said, showCount } from '../labels';
import type { PrepareSources, PrepareTableName } from '../workflow/prepareWorkflow.types';
import { ErrorBar } from './ErrorBar';
import { PrepareMapping } from './PrepareMapping';
import { PrepareProspectiveForm } from './PrepareProspectiveForm';
import type { PrepareTabProps } from './PrepareTab.types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  select: { width: '100%', minWidth: 0 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, maxHeight: '200px', overflowY: 'auto' },
});

const KINDS: readonly Exclude<PrepareKind, 'prospective'>[] = ['annual', 'recheck', 'quarter', 'threemonths', 'month'];

/** Listed channels not prepared at most; the 准备说明 sheet has them all. */
const NOT_PREPARED_SHOWN = 50;

function localDay(d: Date): CivilDate {
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

/**
 * 数据准备 Prepare (RULES.md §5, CONTRACT.md §6): pick the extract, master and non-market sheets, the
 * judging date (today by default) and the kind; see the window it will use and what 第十一条 has due
 * this month; prepare, then grade — with progress and Cancel while the extract is read. Below, the
 * 经代渠道合作信息表 form for prospective channels.
 */
export function PrepareTab({ workflow, today, onGraded }: PrepareTabProps) {
  const { lang } = workflow;
  const styles = useStyles();
  const [sources, setSources] = useState<PrepareSources | null>(null);
  const [extract, setExtract] = useState('');
  const [master, setMaster] = useState('');
  const [nonMarket, setNonMarket] = useState('');
  const [dateText, setDateText] = useState(() => isoDate(localDay(today ?? new Date())));
  const [kind, setKind] = useState<Exclude<PrepareKind, 'prospective'>>('quarter');
  const [progress, setProgress] = useState<{ value: number; phase: 'prepare' | 'grade' } | null>(null);
  const [report, setReport] = useState<(PrepareSheetReport & { recorded?: PaneRecorded | null }) | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [cancelled, setCancelled] = useState(false);
  const running = useRef<AbortController | null>(null);
  // The user's column corrections per table; a different sheet starts afresh.
  const [mappings, setMappings] = useState<Partial<Record<PrepareTableName, Readonly<Record<string, number>>>>>({});
  const pickSheet = (table: PrepareTableName, set: (s: string) => void) => (s: string) => {
    set(s);
    setMappings((m) => ({ ...m, [table]: {} }));
  };

  useEffect(() => {
    let live = true;
    workflow.sources().then(
      (s) => {
        if (!live) return;
        setSources(s);
        setExtract(s.extract ?? s.sheets[0] ?? '');
        setMaster(s.master ?? s.sheets[0] ?? '');
        setNonMarket(s.nonMarket ?? s.sheets[0] ?? '');
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [workflow]);

  const judging = parseDateText(dateText);
  const answer = judging ? workflow.windowOf(kind, judging) : null;
  const due = judging ? workflow.dueThisMonth(judging) : [];

  const prepare = async () => {
    if (!judging) return;
    const controller = new AbortController();
    running.current = controller;
    setError(null);
    setCancelled(false);
    setReport(null);
    setProgress({ value: 0, phase: 'prepare' });
    try {
      const r = await workflow.prepare(
        {
          extractSheet: extract,
          masterSheet: master,
          nonMarketSheet: nonMarket,
          kind,
          judging,
          mappings: {
            extract: mappings.extract ?? {},
            master: mappings.master ?? {},
            nonMarket: mappings.nonMarket ?? {},
          },
        },
        (done, total, phase) =>
          setProgress({ value: (phase === 'prepare' ? 0 : 0.5) + (total > 0 ? done / total : 1) / 2, phase }),
        controller.signal,
      );
      setReport(r);
      onGraded?.(r);
    } catch (e) {
      if (e instanceof GradingCancelledError) setCancelled(true);
      else setError(e);
    } finally {
      running.current = null;
      setProgress(null);
    }
  };

  const sheetPicker = (table: PrepareTableName, label: [string, string], value: string, set: (s: string) => void) => (
    <>
      <Field label={bi(lang, label[0], label[1])}>
        <Select
          className={styles.select}
          value={value}
          onChange={(_, d) => pickSheet(table, set)(d.value)}
          aria-label={label[lang === 'zh' ? 0 : 1]}
        >
          {(sources?.sheets ?? []).map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
      </Field>
      {value !== '' && (
        <PrepareMapping
          workflow={workflow}
          sheet={value}
          table={table}
          value={mappings[table] ?? {}}
          onChange={(m) => setMappings((x) => ({ ...x, [table]: m }))}
        />
      )}
    </>
  );

  const result = report?.preparation;
  return (
    <div className={styles.root}>
      <Subtitle2>{bi(lang, '从系统提取数据到分级', 'From the system extract to the grade')}</Subtitle2>
      {sheetPicker('extract', ['保单明细', 'Policy extract'], extract, setExtract)}
      {sheetPicker('master', ['渠道清单', 'Channel master'], master, setMaster)}
      {sheetPicker('nonMarket', ['非市场费用率表', 'Non-market table'], nonMarket, setNonMarket)}
      <Field
        label={bi(lang, '评判日期', 'Judging date')}
        validationState={judging ? 'none' : 'error'}
        {...(judging
          ? {}
          : {
              validationMessage: said(lang, '请输入有效日期，如 2026-04-10', 'enter a valid date such as 2026-04-10'),
            })}
      >
        <Input
          value={dateText}
          onChange={(_, d) => setDateText(d.value)}
          aria-label={lang === 'zh' ? '评判日期' : 'Judging date'}
        />
      </Field>
      <Field label={bi(lang, '评判类型', 'Kind of grading')}>
        <Select
          className={styles.select}
          value={kind}
          onChange={(_, d) => setKind(d.value as Exclude<PrepareKind, 'prospective'>)}
          aria-label={lang === 'zh' ? '评判类型' : 'Kind of grading'}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {PREPARE_KIND_LABELS[k][lang]}
            </option>
          ))}
        </Select>
      </Field>
      {answer && (
        <Text role="status" aria-label={lang === 'zh' ? '数据窗口' : 'Data window'}>
          {answer.ok && answer.window
            ? said(
                lang,
                `数据窗口 ${isoDate(answer.window.start)} 至 ${isoDate(answer.window.end)}（${answer.window.days} 天）`,
                `window ${isoDate(answer.window.start)} to ${isoDate(answer.window.end)} (${answer.window.days} days)`,
              )
            : !answer.ok
              ? said(lang, answer.reason.zh, answer.reason.en)
              : ''}
        </Text>
      )}
      {judging && (
        <section aria-label={bi(lang, '本月应办（第十一条）', 'Due this month (Art. 11)')}>
          <Caption1 block>{bi(lang, '本月应办（第十一条）', 'Due this month (Art. 11)')}</Caption1>
          <ul className={styles.list}>
            {due.map((e) => (
              <li key={`${isoDate(e.due)}-${e.window}`}>
                {isoDate(e.due)} {said(lang, e.task.zh, e.task.en)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className={styles.row}>
        <Button
          appearance="primary"
          disabled={progress !== null || !judging || !answer?.ok || !extract || !master || !nonMarket}
          onClick={() => void prepare()}
        >
          {bi(lang, '准备并分级', 'Prepare and grade')}
        </Button>
        {progress !== null && (
          <Button disabled={progress.phase !== 'prepare'} onClick={() => running.current?.abort()}>
            {progress.phase === 'prepare' ? bi(lang, '取消', 'Cancel') : bi(lang, '写入中', 'Writing')}
          </Button>
        )}
      </div>
      {progress !== null && (
        <Field
          label={
            progress.phase === 'prepare' ? bi(lang, '读取明细', 'Reading the extract') : bi(lang, '分级', 'Grading')
          }
        >
          <ProgressBar value={progress.value} max={1} />
        </Field>
      )}
      {cancelled && (
        <MessageBar intent="info">
          <MessageBarBody>
            {said(lang, '已取消，工作簿未作改动', 'cancelled; the workbook was not changed')}
          </MessageBarBody>
        </MessageBar>
      )}
      <ErrorBar error={error} lang={lang} />
      {result && report && (
        <section aria-label={bi(lang, '准备结果', 'Preparation result')}>
          <MessageBar intent={result.notPrepared.length > 0 ? 'warning' : 'success'} layout="multiline">
            <MessageBarBody>
              <div>
                {said(
                  lang,
                  `已准备 ${showCount(result.channels.length, lang)} 个渠道，未准备 ${showCount(result.notPrepared.length, lang)} 个；明细 ${showCount(result.counts.read, lang)} 行，计入 ${showCount(result.counts.used, lang)} 行`,
                  `${showCount(result.channels.length, lang)} channels prepared, ${showCount(result.notPrepared.length, lang)} not; ${showCount(result.counts.read, lang)} extract rows, ${showCount(result.counts.used, lang)} used`,
                )}
              </div>
              {report.grade && (
                <div>
                  {said(
                    lang,
                    `已分级 ${report.grade.graded} 个（工作表 ${report.sheet}）`,
                    `${report.grade.graded} graded (sheet ${report.sheet})`,
                  )}
                </div>
              )}
              {report.recorded && (
                <div>
                  {said(
                    lang,
                    `已记入分级历史：${report.recorded.snapshot.id}${report.recorded.movement ? `，较上次 ↑ ${showCount(report.recorded.movement.up, lang)} ↓ ${showCount(report.recorded.movement.down, lang)}，需关注 ${showCount(report.recorded.movement.flagged, lang)}` : ''}`,
                    `recorded in the history: ${report.recorded.snapshot.id}${report.recorded.movement ? `; since the last ↑ ${showCount(report.recorded.movement.up, lang)} ↓ ${showCount(report.recorded.movement.down, lang)}, flagged ${showCount(report.recorded.movement.flagged, lang)}` : ''}`,
                  )}
                </div>
              )}
              {report.grade && (
                <div>
                  {COLOURS.map((c) => `${COLOUR_LABELS[c][lang]} ${report.grade?.perColour[c] ?? 0}`).join(' · ')}
                </div>
              )}
            </MessageBarBody>
          </MessageBar>
          {result.notPrepared.length > 0 && (
            <ul className={styles.list} aria-label={bi(lang, '未准备的渠道', 'Channels not prepared')}>
              {result.notPrepared.slice(0, NOT_PREPARED_SHOWN).map((n) => (
                <li key={n.channelId}>
                  {n.channelName ? `${n.channelId} ${n.channelName}` : n.channelId}：
                  {n.issues.map((i) => said(lang, i.message.zh, i.message.en)).join('；')}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <Accordion collapsible>
        <AccordionItem value="prospective">
          <AccordionHeader>{bi(lang, '拟合作渠道', 'Prospective channels')}</AccordionHeader>
          <AccordionPanel>
            {judging && (
              <PrepareProspectiveForm
                workflow={workflow}
                nonMarketSheet={nonMarket || undefined}
                judging={judging}
                {...(onGraded ? { onGraded } : {})}
              />
            )}
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </div>
  );
}
