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
  MessageBarActions,
  MessageBarBody,
  ProgressBar,
  Select,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { compareDates, isoDate, parseDateText, type CivilDate } from '../../core';
import { PREPARE_KIND_LABELS, type PrepareKind } from '../../core/prepareKinds';
import { GradingCancelledError } from '../../grading';
import type { PrepareSheetReport } from '../../grading/prepareSheet';
import type { PaneRecorded } from '../workflow/historyWorkflow.types';
import { bi, said, showCount } from '../labels';
import type { ExtractDates, PrepareSources, PrepareTableName, WindowAnswer } from '../workflow/prepareWorkflow.types';
import { ErrorBar } from './ErrorBar';
import { PrepareMapping } from './PrepareMapping';
import { PrepareProspectiveForm } from './PrepareProspectiveForm';
import { PrepareResult } from './PrepareResult';
import type { PrepareTabProps } from './PrepareTab.types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  select: { width: '100%', minWidth: 0 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, maxHeight: '200px', overflowY: 'auto' },
});

const KINDS: readonly Exclude<PrepareKind, 'prospective'>[] = ['annual', 'recheck', 'quarter', 'threemonths', 'month'];

/**
 * A judging date whose windows end with the extract's last month: the 10th of the month after its
 * last date (the annual window is then the year it ends in, the quarter window its last quarter).
 */
function judgingFor(dates: ExtractDates): CivilDate {
  const { year, month } = dates.last;
  return month === 12 ? { year: year + 1, month: 1, day: 10 } : { year, month: month + 1, day: 10 };
}

/** How a window meets the extract's dates: `none` when it holds none of them, `part` when some. */
function coverageOf(answer: WindowAnswer | null, dates: ExtractDates | null): 'all' | 'part' | 'none' | null {
  if (!answer?.ok || !answer.window || !dates) return null;
  const { start, end } = answer.window;
  if (compareDates(dates.last, start) < 0 || compareDates(dates.first, end) > 0) return 'none';
  return compareDates(dates.first, start) >= 0 && compareDates(dates.last, end) <= 0 ? 'all' : 'part';
}

function localDay(d: Date): CivilDate {
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

/**
 * 数据准备 Prepare (RULES.md §5, CONTRACT.md §6): pick the extract, master and non-market sheets, the
 * judging date (today by default) and the kind; see the window it will use and what 第十一条 has due
 * this month; prepare, then grade — with progress and Cancel while the extract is read. Below, the
 * 经代渠道合作信息表 form for prospective channels.
 */
export function PrepareTab({ workflow, today, onGraded, onNext }: PrepareTabProps) {
  const { lang } = workflow;
  const styles = useStyles();
  const [sources, setSources] = useState<PrepareSources | null>(null);
  const [extract, setExtract] = useState('');
  const [master, setMaster] = useState('');
  const [nonMarket, setNonMarket] = useState('');
  const [dateText, setDateTyped] = useState(() => isoDate(localDay(today ?? new Date())));
  // The extract's own dates: the judging date follows them until the user types one.
  const [dates, setDates] = useState<ExtractDates | null>(null);
  const typed = useRef(false);
  const setDateText = (text: string): void => {
    typed.current = true;
    setDateTyped(text);
  };
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

  const dateColumn = mappings.extract?.date;
  useEffect(() => {
    if (extract === '') return undefined;
    let live = true;
    workflow.extractDates(extract, dateColumn).then(
      (d) => {
        if (!live) return;
        setDates(d);
        if (d && !typed.current) setDateTyped(isoDate(judgingFor(d)));
      },
      // Without dates the step still works: the window is said, the preparation reports what it read.
      () => live && setDates(null),
    );
    return () => {
      live = false;
    };
  }, [workflow, extract, dateColumn]);

  const judging = parseDateText(dateText);
  const proposal = dates ? judgingFor(dates) : null;
  const answer = judging ? workflow.windowOf(kind, judging) : null;
  const coverage = coverageOf(answer, dates);
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
      {dates && (
        <Text size={200} aria-label={bi(lang, '明细日期', "The extract's dates")}>
          {said(
            lang,
            `明细日期 ${isoDate(dates.first)} 至 ${isoDate(dates.last)}（${showCount(dates.rows, lang)} 行）`,
            `the extract runs from ${isoDate(dates.first)} to ${isoDate(dates.last)} (${showCount(dates.rows, lang)} rows)`,
          )}
        </Text>
      )}
      {coverage === 'none' && proposal && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {said(
              lang,
              `此数据窗口不含明细中的任何日期，准备将得到 0 个渠道；评判日用 ${isoDate(proposal)} 可覆盖明细的最近月份`,
              `this window holds none of the extract's dates: preparing would give 0 channels; judging on ${isoDate(proposal)} covers its latest months`,
            )}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => setDateText(isoDate(proposal))}>
              {bi(lang, `改用 ${isoDate(proposal)}`, `Use ${isoDate(proposal)}`)}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {coverage === 'part' && (
        <Caption1 block>
          {said(
            lang,
            '明细有部分日期在窗口之外，这些行不计入（准备说明中列明）',
            'some of the extract falls outside the window; those rows are not used (the 准备说明 sheet says which)',
          )}
        </Caption1>
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
      {report && (
        <PrepareResult
          report={report}
          lang={lang}
          window={answer?.ok ? answer.window : null}
          dates={dates}
          proposal={proposal}
          onUseDate={(d) => {
            setDateText(isoDate(d));
            setReport(null);
          }}
          onGrade={
            onNext
              ? () => onNext('grade', { sheet: report.sheet, judgingDate: dateText.trim(), kind, nonce: Date.now() })
              : undefined
          }
          onReview={onNext ? () => onNext('review') : undefined}
        />
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
