import {
  Badge,
  Button,
  Field,
  Input,
  Select,
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
import { COMMISSION_CAPS, NEEDS_APPROVAL, type CommissionPayment, type Field as InputField } from '../../core';
import { DataProblemError } from '../../grading';
import { bi, showAmount } from '../labels';
import { splitList } from '../splitList';
import { ErrorBar } from './ErrorBar';
import type { CommissionFormProps } from './CommissionForm.types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** 佣金计划: the commission due on each collection, flagged 需特批 above the payee's cap, on its own sheet. */
export function CommissionForm({ workflow }: CommissionFormProps) {
  const { lang } = workflow;
  const styles = useStyles();
  const [total, setTotal] = useState('1000000');
  const [rate, setRate] = useState('3%');
  const [payee, setPayee] = useState<'individual' | 'institution'>('institution');
  const [collections, setCollections] = useState('200000, 300000, 500000');
  const [plan, setPlan] = useState<CommissionPayment[] | null>(null);
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
        await workflow.commissionSchedule({
          contractTotal: total,
          rate,
          payeeType: payee,
          collections: splitList(collections),
        }),
      );
    } catch (e) {
      setPlan(null);
      setError(e);
    }
  };

  return (
    <section className={styles.root} aria-label={bi(lang, '佣金计划', 'Commission schedule')}>
      <Field label={bi(lang, '合同总额（元）', 'Contract total (yuan)')} {...mark('contractTotal')}>
        <Input value={total} onChange={(_, d) => setTotal(d.value)} />
      </Field>
      <Field label={bi(lang, '佣金比例', 'Commission rate')} {...mark('commissionRate')}>
        <Input value={rate} onChange={(_, d) => setRate(d.value)} />
      </Field>
      <Field label={bi(lang, '渠道类型', 'Payee')} {...mark('payeeType')}>
        <Select value={payee} onChange={(_, d) => setPayee(d.value as 'individual' | 'institution')}>
          <option value="individual">
            {bi(lang, `个人（≤ ${COMMISSION_CAPS.individual * 100}%）`, `individual (≤ 1%)`)}
          </option>
          <option value="institution">
            {bi(lang, `机构（≤ ${COMMISSION_CAPS.institution * 100}%）`, `institution (≤ 3%)`)}
          </option>
        </Select>
      </Field>
      <Field label={bi(lang, '各笔回款（按顺序，元）', 'Collections, in order (yuan)')} {...mark('collected')}>
        <Input value={collections} onChange={(_, d) => setCollections(d.value)} />
      </Field>
      <Button appearance="primary" onClick={() => void run()}>
        {bi(lang, '写入佣金计划表', 'Write the schedule')}
      </Button>
      <ErrorBar error={error} lang={lang} />
      {plan && (
        <>
          <Text>
            {bi(lang, '已写入“佣金计划”工作表', 'Written to 佣金计划')}{' '}
            {plan.some((p) => p.needsApproval) && (
              <Badge color="danger">{`${NEEDS_APPROVAL.zh} ${NEEDS_APPROVAL.en}`}</Badge>
            )}
          </Text>
          <Table size="extra-small" aria-label={bi(lang, '佣金计划', 'Commission schedule')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{bi(lang, '期次', 'Period')}</TableHeaderCell>
                <TableHeaderCell>{bi(lang, '累计回款', 'Cumulative')}</TableHeaderCell>
                <TableHeaderCell>{bi(lang, '本期应付', 'Payable')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {plan.map((p) => (
                <TableRow key={p.period}>
                  <TableCell>{p.period}</TableCell>
                  <TableCell>{showAmount(p.cumulative, lang)}</TableCell>
                  <TableCell>{showAmount(p.due, lang)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </section>
  );
}
