import {
  Badge,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { PARAMETERS, showNumber, showPercent } from '../../core';
import type { RulesSummaryProps } from './RulesSummary.types';

const HEAD = {
  zh: { key: '规则', value: '取值', basis: '来源', fingerprint: '规则指纹' },
  en: { key: 'Rule', value: 'Value', basis: 'Basis', fingerprint: 'Rules fingerprint' },
} as const;

/** The thresholds in force, each marked as a proposed default rather than policy (RULES.md §2). */
export function RulesSummary({ rules, lang }: RulesSummaryProps) {
  const head = HEAD[lang];
  return (
    <section aria-label={head.key}>
      <Table size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{head.key}</TableHeaderCell>
            <TableHeaderCell>{head.value}</TableHeaderCell>
            <TableHeaderCell>{head.basis}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {PARAMETERS.map((p) => {
            const value = rules.rules.parameters[p.key];
            const isDefault = value === p.defaultValue;
            return (
              <TableRow key={p.key}>
                <TableCell>{p.label[lang]}</TableCell>
                <TableCell>{p.kind === 'percent' ? showPercent(value) : showNumber(value)}</TableCell>
                <TableCell>
                  <Badge appearance="outline" color={isDefault ? 'warning' : 'brand'}>
                    {isDefault
                      ? lang === 'zh'
                        ? '默认值（非政策）'
                        : 'default, not policy'
                      : lang === 'zh'
                        ? '自定义'
                        : 'custom'}
                  </Badge>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Text size={200}>
        {head.fingerprint}: <code>{rules.fingerprint}</code>
      </Text>
    </section>
  );
}
