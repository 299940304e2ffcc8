import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Caption1,
  Field,
  Input,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { REVIEW_ACTION_NAME, RESOURCE_ITEMS, matrixRows } from '../../core';
import { DEFAULT_MARK } from '../../core/defaultMarks';
import { bi, said } from '../labels';
import type { RulesMatrixProps } from './RulesMatrix.types';

const useStyles = makeStyles({
  rule: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  input: { width: '100%', minWidth: 0 },
});

/** The resource matrix (RULES.md §6): eleven items, each rule's outcome and its editable concrete action. */
export function RulesMatrix({ base, rules, lang, onAction }: RulesMatrixProps) {
  const styles = useStyles();
  const matrix = matrixRows(rules ?? base, lang).slice(1);
  const ruleLine = (cells: readonly (string | number)[]): string =>
    bi(
      lang,
      `颜色 ${cells[1]} · 规模 ${cells[2]} · 深度 ${cells[3]}`,
      `colour ${cells[1]} · scale ${cells[2]} · depth ${cells[3]}`,
    );
  return (
    <>
      <Subtitle2 as="h2">{bi(lang, '资源匹配矩阵', 'Resource matrix')}</Subtitle2>
      <Caption1>
        {bi(
          lang,
          '十一项资源按顺序匹配，首条命中者生效；“具体措施”可编辑，随结果写入工作表',
          'eleven items, first matching row wins; the concrete actions are editable and are written beside the outcomes',
        )}
      </Caption1>
      <Accordion multiple collapsible aria-label={bi(lang, '资源匹配矩阵', 'Resource matrix')}>
        {RESOURCE_ITEMS.map((item) => (
          <AccordionItem key={item.no} value={item.no}>
            <AccordionHeader size="small">
              {item.no}. {bi(lang, item.name.zh, item.name.en)}
            </AccordionHeader>
            <AccordionPanel>
              {base.resources.map((r, i) =>
                r.item !== item.no ? null : (
                  <div key={i} className={styles.rule}>
                    <Caption1>{ruleLine(matrix[i] ?? [])}</Caption1>
                    <Text weight="semibold">→ {r.outcome[lang]}</Text>
                    <Field
                      label={bi(lang, '具体措施', 'Concrete action')}
                      hint={
                        r.basis === 'custom'
                          ? null
                          : bi(lang, `${DEFAULT_MARK.zh} 默认值，非政策`, `${DEFAULT_MARK.en} a default, not policy`)
                      }
                    >
                      <Input
                        className={styles.input}
                        aria-label={`${item.no}. ${item.name[lang]} → ${r.outcome[lang]}`}
                        value={r.action?.[lang] ?? ''}
                        onChange={(_, d) => onAction(i, d.value)}
                      />
                    </Field>
                  </div>
                ),
              )}
            </AccordionPanel>
          </AccordionItem>
        ))}
        <AccordionItem value="review">
          <AccordionHeader size="small">{bi(lang, REVIEW_ACTION_NAME.zh, REVIEW_ACTION_NAME.en)}</AccordionHeader>
          <AccordionPanel>
            {base.review.map((r, i) => (
              <div key={i} className={styles.rule}>
                <Caption1>{ruleLine(matrix[base.resources.length + i] ?? [])}</Caption1>
                <Text weight="semibold">→ {r.outcome[lang]}</Text>
              </div>
            ))}
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
      {base.management.length > 0 && (
        <Caption1>
          {said(
            lang,
            `管理层级按分类自动确定 ${DEFAULT_MARK.zh}（默认值，非政策）`,
            `the management level follows from the class ${DEFAULT_MARK.en} (a default, not policy)`,
          )}
        </Caption1>
      )}
    </>
  );
}
