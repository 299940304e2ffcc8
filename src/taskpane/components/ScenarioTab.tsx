import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Checkbox,
  Field,
  Input,
  Label,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { COLOURS, classIndex, labelOfIndex, parseClassLabel, type Colour, type Lang } from '../../core';
import type { PaneScenarioReport } from '../workflow/PaneWorkflow.types';
import { bi, showAmount, showCount, showPercent, colon, colourWord } from '../labels';
import { useIntoView } from '../useIntoView';
import { AgencyPlanForm } from './AgencyPlanForm';
import { CalculatorsForm } from './CalculatorsForm';
import { CommissionForm } from './CommissionForm';
import { ErrorBar } from './ErrorBar';
import type { ScenarioTabProps } from './ScenarioTab.types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  scroll: { maxHeight: '240px', overflow: 'auto' },
  list: { maxHeight: '240px', overflowY: 'auto', listStyleType: 'none', margin: 0, padding: 0 },
  item: { justifyContent: 'flex-start', textAlign: 'left', width: '100%', minWidth: 0, fontWeight: 'normal' },
  reference: { color: tokens.colorNeutralForeground3 },
});

/** Class labels or indices (1–45), separated by commas or spaces; null when one cannot be read. */
function readClasses(text: string): number[] | null {
  const out: number[] = [];
  for (const part of text.split(/[,，、\s]+/).filter((p) => p !== '')) {
    const n = Number(part);
    if (Number.isInteger(n) && n >= 1 && n <= 45) out.push(n);
    else {
      const c = parseClassLabel(part);
      if (!c) return null;
      out.push(classIndex(c));
    }
  }
  return out;
}

/**
 * A calculator's title marked 参考测算 (reference) with the trade its source document is about
 * (RULES.md §8), so that nobody mistakes it for an insurance rule.
 */
function Reference({
  lang,
  zh,
  en,
  tradeZh,
  tradeEn,
}: {
  lang: Lang;
  zh: string;
  en: string;
  tradeZh: string;
  tradeEn: string;
}) {
  const styles = useStyles();
  return (
    <span>
      {bi(lang, zh, en)}{' '}
      <span className={styles.reference}>
        {bi(lang, `参考测算·来源为${tradeZh}的文件`, `reference: its source is about ${tradeEn}`)}
      </span>
    </span>
  );
}

/** 情景 Scenario: move the market expense ratio of chosen bands or classes, and see what it does. */
export function ScenarioTab({ workflow, sheet }: ScenarioTabProps) {
  const { lang } = workflow;
  const styles = useStyles();
  const [points, setPoints] = useState('1');
  const [colours, setColours] = useState<Colour[]>([]);
  const [classes, setClasses] = useState('');
  const [report, setReport] = useState<PaneScenarioReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const resultRef = useIntoView<HTMLElement>(report);

  const chosen = readClasses(classes);
  const shift = Number(points);
  const valid = chosen !== null && points.trim() !== '' && Number.isFinite(shift);

  const run = async (): Promise<void> => {
    if (!valid) return;
    setBusy(true);
    setError(null);
    // A run replaces the last result: a failure must not leave the old one (and its 结果已写入) on show.
    setReport(null);
    try {
      const target = sheet ?? (await workflow.detect()).sheet;
      setReport(await workflow.scenario(target, shift, { colours, classes: chosen }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  // Amounts are in the sheet's premium unit (RULES.md §5: 元, or 万元 when the rules say so).
  const unit =
    workflow.rules().rules.parameters['premium.unit'] === 10_000 ? (lang === 'zh' ? '万元' : '10,000 yuan') : null;
  const amount = (x: number): string => (unit ? `${showAmount(x, lang, 'none')} ${unit}` : showAmount(x, lang));

  const channelScenario = (
    <div className={styles.root}>
      <Field
        label={bi(lang, '市场费用率调整（百分点，可为负）', 'Market expense ratio shift (points, may be negative)')}
        validationState={points.trim() === '' || !Number.isFinite(shift) ? 'error' : 'none'}
      >
        <Input type="number" step="0.01" value={points} onChange={(_, d) => setPoints(d.value)} />
      </Field>
      <div role="group" aria-label={bi(lang, '适用色带（不选即全部）', 'Bands (none chosen: all)')}>
        <Label>{bi(lang, '适用色带（不选即全部）', 'Bands (none chosen: all)')}</Label>
        <div className={styles.row}>
          {COLOURS.map((c) => (
            <Checkbox
              key={c}
              label={colourWord(c, lang)}
              checked={colours.includes(c)}
              onChange={(_, d) => setColours(d.checked ? [...colours, c] : colours.filter((x) => x !== c))}
            />
          ))}
        </div>
      </div>
      <Field
        label={bi(lang, '或适用分类（如 深蓝-A-Ⅰ, 12）', 'Or classes (e.g. 深蓝-A-Ⅰ, 12)')}
        validationState={chosen === null ? 'error' : 'none'}
        validationMessage={chosen === null ? bi(lang, '有分类无法识别', 'a class cannot be read') : null}
      >
        <Input value={classes} onChange={(_, d) => setClasses(d.value)} />
      </Field>
      <Button appearance="primary" disabled={!valid || busy} onClick={() => void run()}>
        {bi(lang, '测算', 'Run scenario')}
      </Button>
      <ErrorBar error={error} lang={lang} />
      {report && (
        <section aria-label={bi(lang, '测算结果', 'Scenario result')} ref={resultRef}>
          <MessageBar intent="success">
            <MessageBarBody>
              {bi(
                lang,
                '结果已写入“情景测算”工作表，数据未改动',
                'Written to the 情景测算 sheet; the data are untouched',
              )}
            </MessageBarBody>
          </MessageBar>
          <Text block>
            {bi(
              lang,
              `调整 ${showCount(report.moved, 'zh')} 个渠道，${showCount(report.changed.length, 'zh')} 个分类变化；佣金成本变化合计 ${amount(report.costChange)}`,
              `${showCount(report.moved, 'en')} moved, ${showCount(report.changed.length, 'en')} change class; commission cost change ${amount(report.costChange)}`,
            )}
          </Text>
          <Subtitle2 as="h3">{bi(lang, '迁移矩阵', 'Migration matrix')}</Subtitle2>
          <div className={styles.scroll}>
            <Table size="extra-small" aria-label={bi(lang, '迁移矩阵', 'Migration matrix')}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{bi(lang, '原分类', 'From')}</TableHeaderCell>
                  <TableHeaderCell>{bi(lang, '情景分类', 'To')}</TableHeaderCell>
                  <TableHeaderCell>{bi(lang, '渠道数', 'Channels')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {report.migrations.map((m) => (
                  <TableRow key={`${m.from}-${m.to}`}>
                    <TableCell>{labelOfIndex(m.from, lang)}</TableCell>
                    <TableCell>{labelOfIndex(m.to, lang)}</TableCell>
                    <TableCell>{m.count}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          {report.changed.length > 0 && (
            <>
              <Subtitle2 as="h3">{bi(lang, '分类变化的渠道', 'Channels changing class')}</Subtitle2>
              <ul className={styles.list}>
                {report.changed.slice(0, 200).map((c) => (
                  <li key={c.row}>
                    <Button
                      appearance="subtle"
                      className={styles.item}
                      onClick={() => void workflow.selectRow(report.sheet, c.row).catch(setError)}
                    >
                      {bi(lang, `第 ${c.row} 行`, `row ${c.row}`)} {c.channel}
                      {report.names.has(c.row) ? ` ${report.names.get(c.row)}` : ''}
                      {colon(lang)}
                      {labelOfIndex(c.from, lang)} → {labelOfIndex(c.to, lang)} · {bi(lang, '成本变化', 'cost change')}{' '}
                      {amount(c.costChange)} · {bi(lang, '色带余量', 'band headroom')}{' '}
                      {c.headroom === null ? bi(lang, '无上限', 'no bound') : showPercent(c.headroom, lang)}
                    </Button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </div>
  );

  return (
    <section aria-label={bi(lang, '情景', 'Scenario')}>
      <Accordion multiple collapsible defaultOpenItems={['channels']}>
        <AccordionItem value="channels">
          <AccordionHeader>
            {bi(lang, '佣金情景（渠道分类变化）', 'Commission scenario (class changes)')}
          </AccordionHeader>
          <AccordionPanel>{channelScenario}</AccordionPanel>
        </AccordionItem>
        <AccordionItem value="agency">
          <AccordionHeader>
            <Reference
              lang={lang}
              zh="内部区域总代理测算"
              en="General agency plan"
              tradeZh="寿险公司个险"
              tradeEn="a life insurer's agency force"
            />
          </AccordionHeader>
          <AccordionPanel>
            <AgencyPlanForm workflow={workflow} />
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="commission">
          <AccordionHeader>
            <Reference
              lang={lang}
              zh="渠道佣金支付计划"
              en="Commission schedule"
              tradeZh="房产销售代理"
              tradeEn="property sales agents"
            />
          </AccordionHeader>
          <AccordionPanel>
            <CommissionForm workflow={workflow} />
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="calculators">
          <AccordionHeader>
            {bi(lang, '代理费、代理价格、星级、设立标准', 'Agent fee, agency price, stars, standards')}
            {' · '}
            {bi(lang, '参考测算', 'reference')}
          </AccordionHeader>
          <AccordionPanel>
            <CalculatorsForm lang={lang} />
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </section>
  );
}
