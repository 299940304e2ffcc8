import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { bi, said } from '../labels';
import { PREPARE_TABLES } from '../workflow/prepareWorkflow';
import type { PrepareTableColumns } from '../workflow/prepareWorkflow.types';
import { ErrorBar } from './ErrorBar';
import type { PrepareMappingProps } from './PrepareMapping.types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  select: { width: '100%', minWidth: 0 },
});

/**
 * One table's columns as found by header in either language (CONTRACT.md §6), each correctable: a
 * required column that was not recognised is asked for by name.
 */
export function PrepareMapping({ workflow, sheet, table, value, onChange }: PrepareMappingProps) {
  const { lang } = workflow;
  const styles = useStyles();
  const [found, setFound] = useState<PrepareTableColumns | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    setFound(null);
    setError(null);
    workflow.columnsOf(sheet, table).then(
      (f) => live && setFound(f),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [workflow, sheet, table]);

  if (error) return <ErrorBar error={error} lang={lang} />;
  if (!found) return null;
  const columns = PREPARE_TABLES[table];
  const current = (key: string): number | undefined => value[key] ?? found.mapping[key];
  const missing = columns.filter((c) => c.required && current(c.key) === undefined);
  return (
    <div className={styles.root}>
      {missing.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {said(
              lang,
              `工作表“${sheet}”未识别的必需列：${missing.map((c) => c.header.zh).join('、')}，请在下方指定`,
              `sheet "${sheet}": required columns not recognised: ${missing.map((c) => c.header.en).join(', ')}; set them below`,
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      <Accordion collapsible defaultOpenItems={missing.length > 0 ? ['mapping'] : []}>
        <AccordionItem value="mapping">
          <AccordionHeader size="small">{bi(lang, `列映射：${sheet}`, `Column mapping: ${sheet}`)}</AccordionHeader>
          <AccordionPanel>
            {columns.map((c) => (
              <Field key={c.key} label={bi(lang, c.header.zh, c.header.en)} required={c.required}>
                <Select
                  className={styles.select}
                  aria-label={`${sheet} ${c.header[lang]}`}
                  value={String(current(c.key) ?? '')}
                  onChange={(_, d) => {
                    const next: Record<string, number> = { ...value };
                    if (d.value === '') delete next[c.key];
                    else next[c.key] = Number(d.value);
                    onChange(next);
                  }}
                >
                  <option value="">—</option>
                  {found.columns.map((col) => (
                    <option key={col.index} value={String(col.index)}>
                      {col.header === '' ? col.letter : `${col.letter} ${col.header}`}
                    </option>
                  ))}
                </Select>
              </Field>
            ))}
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </div>
  );
}
