import {
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Radio,
  RadioGroup,
  Select,
  Subtitle2,
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GradingMode } from '../../core';
import { GradingCancelledError, INPUT_COLUMNS, type ColumnMapping, type GradeReport } from '../../grading';
import { bi } from '../labels';
import type { DetectedTable } from '../workflow/PaneWorkflow.types';
import { BandChart } from './BandChart';
import { ErrorBar } from './ErrorBar';
import type { GradeTabProps } from './GradeTab.types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  mapping: { display: 'grid', gridTemplateColumns: '1fr', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  problems: { maxHeight: '220px', overflowY: 'auto', listStyleType: 'none', margin: 0, padding: 0 },
});

const MODES: readonly { mode: GradingMode; zh: string; en: string }[] = [
  { mode: 'annual', zh: '年度评价', en: 'Annual' },
  { mode: 'in-year', zh: '年度内运用', en: 'In-year' },
  { mode: 'prospective', zh: '拟合作', en: 'Prospective' },
];

/** Problem rows listed at most; the sheet's 校验 column has them all. */
const PROBLEMS_SHOWN = 200;

/** 分级 Grade: the detected table and its mapping, mode and group option, Grade with progress and Cancel, the result. */
export function GradeTab({ workflow, onGraded }: GradeTabProps) {
  const { lang } = workflow;
  const styles = useStyles();
  const [table, setTable] = useState<DetectedTable | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [mode, setMode] = useState<GradingMode>('annual');
  const [group, setGroup] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<GradeReport | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const running = useRef<AbortController | null>(null);

  const detect = useCallback(
    async (sheet?: string) => {
      setError(null);
      try {
        const found = await workflow.detect(sheet);
        setTable(found);
        setMapping(found.mapping);
      } catch (e) {
        setError(e);
      }
    },
    [workflow],
  );
  useEffect(() => {
    void detect();
  }, [detect]);

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
        { sheet: table.sheet, mode, group, mapping, headerRow: table.headerRow },
        (n, total) => setProgress(total > 0 ? n / total : 1),
        controller.signal,
      );
      setReport(done);
      onGraded?.(done);
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
  return (
    <section className={styles.root} aria-label={bi(lang, '分级', 'Grade')}>
      <ErrorBar error={error} lang={lang} />
      {table && (
        <>
          <div className={styles.row}>
            <Field label={bi(lang, '工作表', 'Sheet')}>
              <Select value={table.sheet} onChange={(_, d) => void detect(d.value)} disabled={progress !== null}>
                {table.sheets.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </Select>
            </Field>
            <Caption1>
              {bi(
                lang,
                `表头在第 ${table.headerRow} 行，数据 ${table.dataRows} 行`,
                `header row ${table.headerRow}, ${table.dataRows} data rows`,
              )}
              {table.remembered ? ` · ${bi(lang, '已记住的列映射', 'remembered mapping')}` : ''}
            </Caption1>
          </div>
          {unmapped.length > 0 && (
            <MessageBar intent="warning">
              <MessageBarBody>
                {bi(
                  lang,
                  `未识别的必需列：${unmapped.map((c) => c.header.zh).join('、')}，请在下方指定`,
                  `required columns not found: ${unmapped.map((c) => c.header.en).join(', ')}; map them below`,
                )}
              </MessageBarBody>
            </MessageBar>
          )}
          <Subtitle2 as="h2">{bi(lang, '列映射', 'Column mapping')}</Subtitle2>
          <div className={styles.mapping}>
            {INPUT_COLUMNS.map((c) => (
              <Field
                key={c.key}
                label={bi(lang, c.header.zh, c.header.en)}
                required={c.required}
                orientation="horizontal"
              >
                <Select
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
          <Field label={bi(lang, '分级模式', 'Mode')}>
            <RadioGroup layout="horizontal" value={mode} onChange={(_, d) => setMode(d.value as GradingMode)}>
              {MODES.map((m) => (
                <Radio key={m.mode} value={m.mode} label={bi(lang, m.zh, m.en)} />
              ))}
            </RadioGroup>
          </Field>
          <Switch
            checked={group}
            onChange={(_, d) => setGroup(d.checked)}
            label={bi(lang, '集团成员合并分级', 'Grade group members as one unit')}
          />
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => void grade()} disabled={progress !== null}>
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
      {cancelled && (
        <MessageBar intent="info">
          <MessageBarBody>{bi(lang, '已取消，工作表未作任何改动', 'Cancelled: nothing was written')}</MessageBarBody>
        </MessageBar>
      )}
      {report && (
        <section aria-label={bi(lang, '分级结果', 'Result')}>
          <Subtitle2 as="h2">{bi(lang, '分级结果', 'Result')}</Subtitle2>
          <Text block>
            {bi(
              lang,
              `已分级 ${report.graded} 个渠道，有问题 ${report.withProblems} 行，未参与 ${report.leftOut} 行`,
              `${report.graded} graded, ${report.withProblems} with problems, ${report.leftOut} left out`,
            )}
          </Text>
          <BandChart perColour={report.perColour} lang={lang} />
          {report.warnings.map((w) => (
            <MessageBar key={w} intent="warning">
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
                      style={{ justifyContent: 'flex-start', textAlign: 'left' }}
                      onClick={() => void workflow.selectRow(report.sheet, p.row).catch(setError)}
                    >
                      {bi(lang, `第 ${p.row} 行`, `row ${p.row}`)}：{p.check}
                    </Button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </section>
  );
}
