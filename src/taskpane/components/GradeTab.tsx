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
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { PREPARE_KINDS, SCALES, gradingModeOf, type GradingMode, type PrepareKind as GradingKind } from '../../core';
import { GradingCancelledError, INPUT_COLUMNS, type ColumnMapping } from '../../grading';
import { KIND_WORDS, bi, said, showCount, showMode, showTime, colon } from '../labels';
import { useIntoView } from '../useIntoView';
import type { DetectedTable, LoadedRules, PaneGradeReport } from '../workflow/PaneWorkflow.types';
import { BandChart } from './BandChart';
import { ErrorBar } from './ErrorBar';
import type { GradeTabProps } from './GradeTab.types';
import { RollUpTable } from './RollUpTable';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  mapping: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  // Selects take the pane's width, never the width of their longest option.
  select: { width: '100%', minWidth: 0 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  problems: { maxHeight: '220px', overflowY: 'auto', listStyleType: 'none', margin: 0, padding: 0 },
  problem: { justifyContent: 'flex-start', textAlign: 'left', width: '100%', minWidth: 0, fontWeight: 'normal' },
  counts: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM, margin: 0, padding: 0 },
  half: { flexBasis: '130px', flexGrow: 1, minWidth: 0 },
  rollUps: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
});

/** Today in the user's own calendar, as a date field shows it. */
function today(): string {
  const d = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Problem rows listed at most; the sheet's 校验 column has them all. */
const PROBLEMS_SHOWN = 200;

/** 分级 Grade: the detected table and its mapping, mode and group option, Grade with progress and Cancel, the result. */
export function GradeTab({ workflow, onGraded }: GradeTabProps) {
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
  const [mappingOpen, setMappingOpen] = useState<string[]>([]);
  const running = useRef<AbortController | null>(null);
  const resultRef = useIntoView<HTMLElement>(report);
  const cancelRef = useIntoView<HTMLDivElement>(cancelled);

  const detect = useCallback(
    async (sheet?: string) => {
      setError(null);
      try {
        const found = await workflow.detect(sheet);
        setTable(found);
        setMapping(found.mapping);
        // A mapping that needs nothing stays folded, so Grade is in sight; one that asks is open.
        setMappingOpen(found.missing.length > 0 && found.dataRows > 0 ? ['mapping'] : []);
      } catch (e) {
        setError(e);
      }
    },
    [workflow],
  );
  useEffect(() => {
    void detect();
    // The workbook's own rules, read on open (RULES.md §10); an invalid set is said, never replaced.
    workflow.loadRules().then(setLoaded, setError);
  }, [detect, workflow]);

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

  const columnOptions = table?.columns ?? [];
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
  const canGrade = table !== null && !empty && !headersOnly && progress === null;

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
              <div key={w.zh}>{said(lang, w.zh, w.en)}</div>
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
          {!empty && !headersOnly && unmapped.length > 0 && (
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
            <Accordion collapsible openItems={mappingOpen} onToggle={(_, d) => setMappingOpen(d.openItems.map(String))}>
              <AccordionItem value="mapping">
                <AccordionHeader as="h2" size="small">
                  {bi(lang, '列映射', 'Column mapping')}
                  {' · '}
                  {unmapped.length === 0
                    ? bi(lang, `已识别 ${mappedCount} 列 ✓`, `${mappedCount} columns recognised ✓`)
                    : bi(lang, `缺 ${unmapped.length} 列`, `${unmapped.length} missing`)}
                </AccordionHeader>
                <AccordionPanel>
                  <div className={styles.mapping}>
                    {INPUT_COLUMNS.map((c) => (
                      <Field key={c.key} label={bi(lang, c.header.zh, c.header.en)} required={c.required}>
                        <Select
                          className={styles.select}
                          aria-label={c.header[lang]}
                          value={String(mapping[c.key] ?? '')}
                          disabled={progress !== null}
                          onChange={(_, d) => {
                            const next = { ...mapping };
                            if (d.value === '') delete next[c.key];
                            else next[c.key] = Number(d.value);
                            setMapping(next);
                          }}
                        >
                          <option value="">{bi(lang, '（无）', '(none)')}</option>
                          {columnOptions.map((col) => (
                            <option key={col.index} value={String(col.index)}>
                              {col.letter} · {col.header}
                            </option>
                          ))}
                        </Select>
                      </Field>
                    ))}
                  </div>
                </AccordionPanel>
              </AccordionItem>
            </Accordion>
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
            <Field className={styles.half} label={bi(lang, '评判日', 'Judging date')}>
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
              "keep rows that look like another channel's (车商, 银保, 综拓 or 直销 by channel type) and grade them",
            )}
          />
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => void grade()} disabled={!canGrade}>
              {bi(lang, '分级', 'Grade')}
            </Button>
            {progress !== null && (
              // Once writing starts the run finishes: a cancel then would leave a partial sheet.
              <Button onClick={() => running.current?.abort()} disabled={progress >= 0.5}>
                {progress >= 0.5 ? bi(lang, '写入中', 'Writing') : bi(lang, '取消', 'Cancel')}
              </Button>
            )}
          </div>
          {progress !== null && (
            <Field validationMessage={bi(lang, '分级中…', 'Grading…')} validationState="none">
              <ProgressBar value={progress} aria-label={bi(lang, '进度', 'Progress')} />
            </Field>
          )}
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
        <section aria-label={bi(lang, '分级结果', 'Result')} ref={resultRef}>
          <Subtitle2 as="h2">{bi(lang, '分级结果', 'Result')}</Subtitle2>
          <Text block>
            {bi(
              lang,
              `已分级 ${showCount(report.graded, 'zh')} 个渠道，有问题 ${showCount(report.withProblems, 'zh')} 行，未参与 ${showCount(report.leftOut, 'zh')} 行`,
              `${showCount(report.graded, 'en')} graded, ${showCount(report.withProblems, 'en')} with problems, ${showCount(report.leftOut, 'en')} left out`,
            )}
          </Text>
          {gradedAt && (
            <Caption1 block>
              {bi(lang, '分级时间', 'Graded at')}
              {colon(lang)}
              {showTime(gradedAt.at, lang)} · {bi(lang, '模式', 'mode')}
              {colon(lang)}
              {showMode(gradedAt.mode, lang)}
              {report.premiumUnit === 10000 ? ` · ${bi(lang, '保费单位：万元', 'premium in 10,000 yuan (万元)')}` : ''}
            </Caption1>
          )}
          {(report.otherChannelRows ?? 0) > 0 && (
            <Text block>
              {gradedAt?.keepOther
                ? bi(
                    lang,
                    `疑似窜门 ${showCount(report.otherChannelRows ?? 0, 'zh')} 行已按选择保留并分级`,
                    `${showCount(report.otherChannelRows ?? 0, 'en')} rows that look like another channel's were kept and graded`,
                  )
                : bi(
                    lang,
                    `疑似窜门 ${showCount(report.otherChannelRows ?? 0, 'zh')} 行未参与分级（见“校验”列）`,
                    `${showCount(report.otherChannelRows ?? 0, 'en')} rows that look like another channel's were left out (see the 校验 column)`,
                  )}
            </Text>
          )}
          <BandChart perColour={report.perColour} lang={lang} />
          <ul className={styles.counts} aria-label={bi(lang, '各规模渠道数', 'Channels per scale')}>
            {SCALES.map((s) => (
              <li key={s} style={{ listStyleType: 'none' }}>
                {bi(lang, `规模 ${s}`, `scale ${s}`)}
                {colon(lang)}
                {showCount(report.perScale[s], lang)}
              </li>
            ))}
          </ul>
          <ul className={styles.counts} aria-label={bi(lang, '分类变动', 'Class changes')}>
            {(
              [
                ['up', '↑ 上升', '↑ up'],
                ['down', '↓ 下降', '↓ down'],
                ['same', '= 不变', '= same'],
                ['new', '新 新增', 'new'],
              ] as const
            ).map(([key, zh, en]) => (
              <li key={key} style={{ listStyleType: 'none' }}>
                {lang === 'zh' ? zh : en}
                {colon(lang)}
                {showCount(report.changes[key], lang)}
              </li>
            ))}
          </ul>
          {report.recorded && (
            <Text block aria-label={bi(lang, '较上次分级的变动', 'Movement since the last grading')}>
              {bi(
                lang,
                `已记入分级历史：${report.recorded.snapshot.judgingDate} ${KIND_WORDS[report.recorded.snapshot.kind].zh}`,
                `recorded in the history: ${report.recorded.snapshot.judgingDate} ${KIND_WORDS[report.recorded.snapshot.kind].en}`,
              )}
              {' · '}
              {report.recorded.movement === null
                ? bi(lang, '首次记录，无上次分级可比', 'the first grading recorded: nothing to compare')
                : bi(
                    lang,
                    `较上次 ↑ ${showCount(report.recorded.movement.up, 'zh')} ↓ ${showCount(report.recorded.movement.down, 'zh')}，需关注 ${showCount(report.recorded.movement.flagged, 'zh')}`,
                    `since the last: ↑ ${showCount(report.recorded.movement.up, 'en')} ↓ ${showCount(report.recorded.movement.down, 'en')}, flagged ${showCount(report.recorded.movement.flagged, 'en')}`,
                  )}
            </Text>
          )}
          {gradedAt && !report.recorded && (
            <Caption1 block>{bi(lang, '未记入分级历史', 'not recorded in the history')}</Caption1>
          )}
          <section className={styles.rollUps} aria-label={bi(lang, '机构汇总', 'Roll-ups')}>
            {report.rollUps.company.some((r) => r.key !== '(未填)') && (
              <RollUpTable rollUps={report.rollUps.company} by="company" lang={lang} />
            )}
            {report.rollUps.branch.some((r) => r.key !== '(未填)') && (
              <RollUpTable rollUps={report.rollUps.branch} by="branch" lang={lang} />
            )}
          </section>
          {report.warnings
            // The notice at the top already says which saved rules were used.
            .filter((w) => !(loaded && loaded.source !== 'defaults' && w.includes(loaded.rules.fingerprint)))
            .map((w) => (
              <MessageBar key={w} intent="warning" layout="multiline">
                <MessageBarBody>{w}</MessageBarBody>
              </MessageBar>
            ))}
          {report.problemRows.length > 0 && (
            <>
              <Subtitle2 as="h3">{bi(lang, '问题行（点击定位）', 'Problem rows (click to select)')}</Subtitle2>
              <ul className={styles.problems}>
                {report.problemRows.slice(0, PROBLEMS_SHOWN).map((p) => (
                  <li key={p.row}>
                    <Button
                      appearance="subtle"
                      className={styles.problem}
                      onClick={() => void workflow.selectRow(report.sheet, p.row).catch(setError)}
                    >
                      {bi(lang, `第 ${p.row} 行`, `row ${p.row}`)}
                      {colon(lang)}
                      {p.check}
                    </Button>
                  </li>
                ))}
              </ul>
              {report.problemRows.length > PROBLEMS_SHOWN && (
                <Caption1>
                  {bi(
                    lang,
                    `另有 ${showCount(report.problemRows.length - PROBLEMS_SHOWN, 'zh')} 行见工作表“校验”列`,
                    `${showCount(report.problemRows.length - PROBLEMS_SHOWN, 'en')} more in the sheet's 校验 column`,
                  )}
                </Caption1>
              )}
            </>
          )}
        </section>
      )}
    </section>
  );
}
