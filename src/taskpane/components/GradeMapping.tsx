import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Field,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { INPUT_COLUMNS } from '../../grading';
import { bi } from '../labels';
import type { GradeMappingProps } from './GradeMapping.types';

const useStyles = makeStyles({
  mapping: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  select: { width: '100%', minWidth: 0 },
});

/** 列映射 Column mapping: which column of the sheet holds each input; open when a required one is missing. */
export function GradeMapping({
  lang,
  columns,
  mapping,
  onChange,
  unmapped,
  mapped,
  open,
  onToggle,
  disabled,
}: GradeMappingProps) {
  const styles = useStyles();
  return (
    <Accordion collapsible openItems={open ? ['mapping'] : []} onToggle={(_, d) => onToggle(d.openItems.length > 0)}>
      <AccordionItem value="mapping">
        <AccordionHeader as="h2" size="small">
          {bi(lang, '列映射', 'Column mapping')}
          {' · '}
          {unmapped === 0
            ? bi(lang, `已识别 ${mapped} 列 ✓`, `${mapped} columns recognised ✓`)
            : bi(lang, `缺 ${unmapped} 列`, `${unmapped} missing`)}
        </AccordionHeader>
        <AccordionPanel>
          <div className={styles.mapping}>
            {INPUT_COLUMNS.map((c) => (
              <Field key={c.key} label={bi(lang, c.header.zh, c.header.en)} required={c.required}>
                <Select
                  className={styles.select}
                  aria-label={c.header[lang]}
                  value={String(mapping[c.key] ?? '')}
                  disabled={disabled}
                  onChange={(_, d) => {
                    const next = { ...mapping };
                    if (d.value === '') delete next[c.key];
                    else next[c.key] = Number(d.value);
                    onChange(next);
                  }}
                >
                  <option value="">{bi(lang, '（无）', '(none)')}</option>
                  {columns.map((col) => (
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
  );
}
