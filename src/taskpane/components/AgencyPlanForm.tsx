import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { AgencyPlan, Field as InputField } from '../../core';
import { DataProblemError } from '../../grading';
import { bi, showAmount, colon } from '../labels';
import { splitList } from '../splitList';
import { ErrorBar } from './ErrorBar';
import type { AgencyPlanFormProps } from './AgencyPlanForm.types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** 总代理测算: the internal regional general agency's month-by-month plan, written to its own sheet with a chart. */
export function AgencyPlanForm({ workflow }: AgencyPlanFormProps) {
  const { lang } = workflow;
  const styles = useStyles();
  const [premium, setPremium] = useState('300000');
  const [rate, setRate] = useState('15%');
  const [costs, setCosts] = useState('40000');
  const [office, setOffice] = useState('20000');
  const [months, setMonths] = useState('24');
  // Off until the user says the review granted it: the plan lends nothing by default (RULES.md §8).
  const [loanSupport, setLoanSupport] = useState(false);
  const [plan, setPlan] = useState<AgencyPlan | null>(null);
  const [error, setError] = useState<unknown>(null);

  // The input a refused figure belongs to is marked, with the message under it.
  const mark = (field: InputField): { validationState: 'error' | 'none'; validationMessage: string | null } =>
    error instanceof DataProblemError && error.problem.field === field
      ? { validationState: 'error', validationMessage: bi(lang, error.problem.message.zh, error.problem.message.en) }
      : { validationState: 'none', validationMessage: null };

  const run = async (): Promise<void> => {
    setError(null);
    try {
      setPlan(
        await workflow.agencyPlan({
          monthlyPremium: splitList(premium),
          commissionRate: rate,
          monthlyCosts: costs,
          officeCosts: office,
          months,
          loanSupport,
        }),
      );
    } catch (e) {
      setPlan(null);
      setError(e);
    }
  };

  return (
    <section className={styles.root} aria-label={bi(lang, '总代理测算', 'General agency plan')}>
      <Caption1>
        {bi(
          lang,
          '成本构成（人员基本工资 + 社保 + 其他成本 + 职场办公费用）与盈亏平衡保费（成本 ÷ 佣金比例）为默认值：文件只说自负盈亏，未给公式',
          'the cost composition (staff base pay + social insurance + other costs + office costs) and the break-even premium (costs ÷ commission rate) are defaults: the documents say the agency pays its own way but give no formula',
        )}
      </Caption1>
      <Field
        label={bi(lang, '月保费（一个值，或每月一个）', 'Monthly premium (one value, or one a month)')}
        {...mark('monthlyPremium')}
      >
        <Input value={premium} onChange={(_, d) => setPremium(d.value)} />
      </Field>
      <Field label={bi(lang, '佣金比例', 'Commission rate')} {...mark('commissionRate')}>
        <Input value={rate} onChange={(_, d) => setRate(d.value)} />
      </Field>
      <Field
        label={bi(
          lang,
          '每月人员基本工资、社保及其他成本（元）',
          'Staff, social insurance and other costs a month (yuan)',
        )}
        {...mark('monthlyCosts')}
      >
        <Input value={costs} onChange={(_, d) => setCosts(d.value)} />
      </Field>
      <Field
        label={bi(lang, '每月职场办公费用（元）', 'Premises and office costs a month (yuan)')}
        {...mark('officeCosts')}
      >
        <Input value={office} onChange={(_, d) => setOffice(d.value)} />
      </Field>
      <Field label={bi(lang, '测算月数（12–36）', 'Months (12–36)')} {...mark('months')}>
        <Input value={months} onChange={(_, d) => setMonths(d.value)} />
      </Field>
      <Checkbox
        checked={loanSupport}
        onChange={(_, d) => setLoanSupport(d.checked === true)}
        label={bi(lang, '经考核给予借款支持', 'Loan support after review')}
      />
      <Button appearance="primary" onClick={() => void run()}>
        {bi(lang, '写入总代理测算表', 'Write the plan')}
      </Button>
      <ErrorBar error={error} lang={lang} />
      {plan && (
        <MessageBar intent="success">
          <MessageBarBody>
            <Text block>
              {bi(
                lang,
                '已写入“总代理测算”工作表（含累计结果图）',
                'Written to 总代理测算 with a chart of the cumulative result',
              )}
            </Text>
            <Text block>
              {bi(lang, '盈亏平衡保费（月，默认公式）', 'Break-even premium a month (default formula)')}
              {colon(lang)}
              {showAmount(plan.breakEvenPremium, lang)}；{bi(lang, '盈亏平衡月份', 'break-even month')}
              {colon(lang)}
              {plan.breakEvenMonth ?? bi(lang, '测算期内未达到', 'not within the plan')}；
              {bi(lang, '期末累计结果', 'cumulative at the end')}
              {colon(lang)}
              {showAmount(plan.months.at(-1)?.cumulative ?? 0, lang)}
            </Text>
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
