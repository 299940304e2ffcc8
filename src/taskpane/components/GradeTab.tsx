import {
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  ProgressBar,
  Select,
  Switch,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  PREPARE_KINDS,
  gradingModeOf,
  parseDateText,
  type GradingMode,
  type PrepareKind as GradingKind,
} from '../../core';
import { GradingCancelledError, INPUT_COLUMNS, type ColumnMapping } from '../../grading';
import { KIND_WORDS, bi, colon, showCount, showMode } from '../labels';
import { useIntoView } from '../useIntoView';
import type { DetectedTable, LoadedRules, PaneGradeReport } from '../workflow/PaneWorkflow.types';
import { ErrorBar } from './ErrorBar';
import { GradeMapping } from './GradeMapping';
import { GradeResult } from './GradeResult';
import type { GradeTabProps } from './GradeTab.types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  // Selects take the pane's width, never the width of their longest option.
  select: { width: '100%', minWidth: 0 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  half: { flexBasis: '130px', flexGrow: 1, minWidth: 0 },
  // Cancel keeps its place and width whether a run is going or not: nothing moves under the pointer.
  cancel: { minWidth: '96px' },
  // The progress bar's room is kept too, so the result does not jump when it goes.
  progress: { minHeight: '24px' },
});

/** Today in the user's own calendar, as a date field shows it. */
function today(): string {
  const d = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * 分级 Grade: the detected table and its mapping, the kind and judging date, Grade with progress and
 * Cancel, the result and the next step. A raw policy extract is sent to 数据准备; a sheet handed over by
 * 数据准备 arrives selected with its judging date and kind.
 */
export function GradeTab({ workflow, onGraded, handoff, revision = 0, onNext }: GradeTabProps) {
  const { lang } = workflow;
  const styles = useStyles();
  const [table, setTable] = useState<DetectedTable | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [mode, setMode] = useState<GradingMode>('annual');
  const [kind, setKind] = useState<GradingKind>('annual');
  const [judgingDate, setJudgingDate] = useState(today);
  const [record, setRecord] = useState(true);
  const [group, setGroup] = useState(false);
  const [keepOther, setKeepOther] = useState(false);
  const [loaded, setLoaded] = useState<LoadedRules | null>(null);
  const [gradedAt, setGradedAt] = useState<{ at: Date; mode: GradingMode; keepOther: boolean } | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<PaneGradeReport | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [mappingOpen, setMappingOpen] = useState(false);
  const running = useRef<AbortController | null>(null);
  const cancelRef = useIntoView<HTMLDivElement>(cancelled);
  const current = useRef<string | undefined>(undefined);
  const applied = useRef<number | null>(null);

  const detect = useCallback(
    async (sheet?: string) => {
      setError(null);
      try {
        const found = await workflow.detect(sheet);
        current.current = found.sheet;
        setTable(found);
        setMapping(found.mapping);
        // A mapping that needs nothing stays folded, so Grade is in sight; one that asks is open
        // (unless the sheet is a raw extract: then the way on is 数据准备, not mapping).
        setMappingOpen(found.missing.length > 0 && found.dataRows > 0 && !found.looksLikeExtract);
      } catch (e) {
        setError(e);
      }
    },
    [workflow],
  );
  useEffect(() => {
    // The workbook's own rules, read on open (RULES.md §10); an invalid set is said, never replaced.
    workflow.loadRules().then(setLoaded, setError);
  }, [workflow]);
  // A sheet handed over (数据准备's 渠道分级数据) is selected with its date and kind; otherwise the
  // sheets are listed again whenever the workbook changed elsewhere in the pane.
  useEffect(() => {
    if (handoff && handoff.nonce !== applied.current) {
      applied.current = handoff.nonce;
      if (handoff.judgingDate) setJudgingDate(handoff.judgingDate);
      if (handoff.kind) {
        setKind(handoff.kind);
        setMode(gradingModeOf(handoff.kind));
      }
      void detect(handoff.sheet);
    } else void detect(current.current);
  }, [detect, handoff, revision]);

  const grade = async (): Promise<void> => {
    if (!table) return;
    const controller = new AbortController();
    running.current = controller;
    setError(null);
    setCancelled(false);
    setReport(null);
    setProgress(0);
    try {
      const done = await workflow.grade(
        {
          sheet: table.sheet,
          mode,
          group,
          mapping,
          headerRow: table.headerRow,
          keepOtherChannels: keepOther,
          kind,
          judgingDate,
          record,
        },
        (n, total) => setProgress(total > 0 ? n / total : 1),
        controller.signal,
      );
      setReport(done);
      setGradedAt({ at: new Date(), mode, keepOther });
      setLoaded(await workflow.loadRules());
      onGraded?.(done, mode);
    } catch (e) {
      if (e instanceof GradingCancelledError) setCancelled(true);
      else setError(e);
    } finally {
      running.current = null;
      setProgress(null);
    }
  };

  // Required inputs still without a column (days may come from the two dates, or not be needed).
  const unmapped = INPUT_COLUMNS.filter(
    (c) =>
      c.required &&
      mapping[c.key] === undefined &&
      !(
        c.key === 'days' &&
        (mode === 'prospective' || (mapping.startDate !== undefined && mapping.endDate !== undefined))
      ),
  );
  const mappedCount = INPUT_COLUMNS.filter((c) => mapping[c.key] !== undefined).length;
  const empty = table !== null && table.columns.every((c) => c.header.trim() === '') && table.dataRows === 0;
  const headersOnly = table !== null && !empty && table.dataRows === 0;
  const extract = table !== null && table.looksLikeExtract && unmapped.length > 0;
  // A blank or unreadable judging date is refused here, before anything is written (issue 25 item 9).
  const dateOk = parseDateText(judgingDate.trim()) !== null;
  const canGrade = table !== null && !empty && !headersOnly && !extract && dateOk && progress === null;

  return (
    <section className={styles.root} aria-label={bi(lang, '分级', 'Grade')}>
      {loaded && loaded.source !== 'defaults' && (
        <MessageBar intent={loaded.differsFromDefaults ? 'warning' : 'info'} layout="multiline">
          <MessageBarBody>
            {bi(
              lang,
              `按本工作簿保存的规则“${loaded.rules.rules.name}”分级（指纹 ${loaded.rules.fingerprint}）${loaded.differsFromDefaults ? '，与默认规则不同' : ''}`,
              `grading with the rules saved in this workbook, "${loaded.rules.rules.name}" (fingerprint ${loaded.rules.fingerprint})${loaded.differsFromDefaults ? ', which differ from the defaults' : ''}`,
            )}
            {loaded.warnings.map((w) => (
              <div key={w.zh}>{bi(lang, w.zh, w.en)}</div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      {table && (
        <>
          <Field label={bi(lang, '工作表', 'Sheet')}>
            <Select
              className={styles.select}
              value={table.sheet}
              onChange={(_, d) => void detect(d.value)}
              disabled={progress !== null}
            >
              {table.sheets.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </Select>
          </Field>
          <Caption1>
            {empty
              ? bi(
                  lang,
                  '此工作表为空：请选择有渠道数据的工作表',
                  'this sheet is empty: choose the sheet with the channels',
                )
              : headersOnly
                ? bi(lang, '此工作表只有表头，没有数据行', 'this sheet has headers but no data rows')
                : bi(
                    lang,
                    `表头在第 ${table.headerRow} 行，数据 ${showCount(table.dataRows, 'zh')} 行`,
                    `header row ${table.headerRow}, ${showCount(table.dataRows, 'en')} data rows`,
                  )}
            {table.remembered ? ` · ${bi(lang, '已记住的列映射', 'remembered mapping')}` : ''}
          </Caption1>
          {extract && (
            <MessageBar intent="info" layout="multiline" role="status">
              <MessageBarBody>
                {bi(
                  lang,
                  `“${table.sheet}”是保单明细（系统提取数据），不是渠道表：请先在“数据准备”页把它准备成渠道数据，再分级`,
                  `"${table.sheet}" is a policy extract, not a table of channels: prepare it on the Prepare 数据准备 tab first, then grade`,
                )}
              </MessageBarBody>
              {onNext && (
                <MessageBarActions>
                  <Button size="small" appearance="primary" onClick={() => onNext('prepare')}>
                    {bi(lang, '去数据准备 →', 'Go to Prepare →')}
                  </Button>
                </MessageBarActions>
              )}
            </MessageBar>
          )}
          {!empty && !headersOnly && !extract && unmapped.length > 0 && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                {bi(
                  lang,
                  `未识别的必需列：${unmapped.map((c) => c.header.zh).join('、')}，请在下方指定`,
                  `required columns not found: ${unmapped.map((c) => c.header.en).join(', ')}; map them below`,
                )}
              </MessageBarBody>
            </MessageBar>
          )}
          {!empty && (
            <GradeMapping
              lang={lang}
              columns={table.columns}
              mapping={mapping}
              onChange={setMapping}
              unmapped={unmapped.length}
              mapped={mappedCount}
              open={mappingOpen}
              onToggle={setMappingOpen}
              disabled={progress !== null}
            />
          )}
          <div className={styles.row}>
            <Field className={styles.half} label={bi(lang, '分级类型', 'Kind')}>
              <Select
                className={styles.select}
                value={kind}
                disabled={progress !== null}
                onChange={(_, d) => {
                  const next = d.value as GradingKind;
                  setKind(next);
                  setMode(gradingModeOf(next));
                }}
              >
                {PREPARE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {bi(lang, KIND_WORDS[k].zh, KIND_WORDS[k].en)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field
              className={styles.half}
              label={bi(lang, '评判日', 'Judging date')}
              required
              validationState={dateOk ? 'none' : 'error'}
              validationMessage={
                dateOk ? null : bi(lang, '请填写评判日，如 2026-11-30', 'enter the judging date, e.g. 2026-11-30')
              }
            >
              <Input
                className={styles.select}
                type="date"
                value={judgingDate}
                disabled={progress !== null}
                onChange={(_, d) => setJudgingDate(d.value)}
              />
            </Field>
          </div>
          {/* The kind decides the mode (RULES.md §5.1): said in words, so nobody grades a quarter as annual. */}
          <Caption1 aria-label={bi(lang, '分级模式', 'Mode')}>
            {bi(lang, '模式', 'Mode')}
            {colon(lang)}
            {showMode(mode, lang)}
          </Caption1>
          <Switch
            checked={record}
            onChange={(_, d) => setRecord(d.checked)}
            label={bi(lang, '记入分级历史', 'Record in history')}
          />
          <Switch
            checked={group}
            onChange={(_, d) => setGroup(d.checked)}
            label={bi(lang, '集团成员合并分级', 'Grade group members as one unit')}
          />
          <Switch
            checked={keepOther}
            onChange={(_, d) => setKeepOther(d.checked)}
            label={bi(
              lang,
              '保留疑似窜门渠道（渠道类型属车商、银保、综拓或直销的行也分级）',
              "keep rows that look like another channel's (car dealer, bancassurance, cross-selling or direct sales by channel type) and grade them",
            )}
          />
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => void grade()} disabled={!canGrade}>
              {bi(lang, '分级', 'Grade')}
            </Button>
            {/* Once writing starts the run finishes: a cancel then would leave a partial sheet. */}
            <Button
              className={styles.cancel}
              onClick={() => running.current?.abort()}
              disabled={progress === null || progress >= 0.5}
            >
              {progress !== null && progress >= 0.5 ? bi(lang, '写入中', 'Writing') : bi(lang, '取消', 'Cancel')}
            </Button>
          </div>
          <div className={styles.progress}>
            {progress !== null && (
              <Field validationMessage={bi(lang, '分级中…', 'Grading…')} validationState="none">
                <ProgressBar value={progress} aria-label={bi(lang, '进度', 'Progress')} />
              </Field>
            )}
          </div>
        </>
      )}
      <ErrorBar error={error} lang={lang} />
      {cancelled && (
        <div ref={cancelRef}>
          <MessageBar intent="info">
            <MessageBarBody>{bi(lang, '已取消，工作表未作任何改动', 'Cancelled: nothing was written')}</MessageBarBody>
          </MessageBar>
        </div>
      )}
      {report && (
        <GradeResult
          report={report}
          lang={lang}
          gradedAt={gradedAt}
          loaded={loaded}
          rulesNow={workflow.rules().fingerprint}
          onGradeAgain={() => void grade()}
          onSelectRow={(row) => void workflow.selectRow(report.sheet, row).catch(setError)}
          onNext={onNext}
          busy={progress !== null}
        />
      )}
    </section>
  );
}
