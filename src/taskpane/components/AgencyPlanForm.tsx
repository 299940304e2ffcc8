import { Button, Field, Input, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { AgencyPlan } from '../../core';
import { bi, showAmount } from '../labels';
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
  const [plan, setPlan] = useState<AgencyPlan | null>(null);
  const [error, setError] = useState<unknown>(null);

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
        }),
      );
    } catch (e) {
      setPlan(null);
      setError(e);
    }
  };

  return (
    <section className={styles.root} aria-label={bi(lang, '总代理测算', 'General agency plan')}>
      <ErrorBar error={error} lang={lang} />
      <Field label={bi(lang, '月保费（一个值，或每月一个）', 'Monthly premium (one value, or one a month)')}>
        <Input value={premium} onChange={(_, d) => setPremium(d.value)} />
      </Field>
      <Field label={bi(lang, '佣金比例', 'Commission rate')}>
        <Input value={rate} onChange={(_, d) => setRate(d.value)} />
      </Field>
      <Field label={bi(lang, '每月人员基本工资、社保及其他成本', 'Staff, social insurance and other costs a month')}>
        <Input value={costs} onChange={(_, d) => setCosts(d.value)} />
      </Field>
      <Field label={bi(lang, '每月职场办公费用', 'Premises and office costs a month')}>
        <Input value={office} onChange={(_, d) => setOffice(d.value)} />
      </Field>
      <Field label={bi(lang, '测算月数（12–36）', 'Months (12–36)')}>
        <Input value={months} onChange={(_, d) => setMonths(d.value)} />
      </Field>
      <Button appearance="primary" onClick={() => void run()}>
        {bi(lang, '写入总代理测算表', 'Write the plan')}
      </Button>
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
              {bi(lang, '盈亏平衡保费（月）', 'Break-even premium a month')}：{showAmount(plan.breakEvenPremium)}；
              {bi(lang, '盈亏平衡月份', 'break-even month')}：
              {plan.breakEvenMonth ?? bi(lang, '测算期内未达到', 'not within the plan')}；
              {bi(lang, '期末累计结果', 'cumulative at the end')}：{showAmount(plan.months.at(-1)?.cumulative ?? 0)}
            </Text>
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
