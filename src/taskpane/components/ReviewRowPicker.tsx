import { Button, Caption1, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { bi, showCount } from '../labels';
import type { ReviewRowPickerProps } from './ReviewRowPicker.types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
  narrow: { flexBasis: '88px', flexGrow: 0, minWidth: 0 },
  grow: { flexBasis: '140px', flexGrow: 1, minWidth: 0 },
  input: { width: '100%', minWidth: 0 },
  found: { listStyleType: 'none', margin: 0, padding: 0, maxHeight: '160px', overflowY: 'auto' },
  hit: { justifyContent: 'flex-start', textAlign: 'left', width: '100%', minWidth: 0, fontWeight: 'normal' },
});

/** Channels listed at most for a search; a longer query narrows them. */
const FOUND_SHOWN = 20;

/**
 * Which row to mark (issue 25 item 7): the row selected in Excel, a channel found by its code or name,
 * or the row number typed. Whichever way, the channel the row holds is named before it is marked.
 */
export function ReviewRowPicker({ lang, sheet, row, onRow, channels, readSelection, onError }: ReviewRowPickerProps) {
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const found = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (q === '' || channels === null) return [];
    return channels.filter((c) => c.channelId.toLowerCase().includes(q) || c.channelName.toLowerCase().includes(q));
  }, [channels, query]);
  const picked = channels?.find((c) => String(c.row) === row.trim()) ?? null;

  const takeSelection = async (): Promise<void> => {
    if (!readSelection) return;
    try {
      const at = await readSelection();
      if (at === null) setNote(bi(lang, 'Excel 中没有选中的行', 'nothing is selected in Excel'));
      else if (at.sheet !== sheet)
        setNote(
          bi(
            lang,
            `所选单元格在“${at.sheet}”上，不在复核的“${sheet}”上`,
            `the selection is on "${at.sheet}", not on "${sheet}" under review`,
          ),
        );
      else {
        setNote(null);
        onRow(String(at.row));
      }
    } catch (e) {
      onError(e);
    }
  };

  return (
    <div className={styles.root}>
      <Field label={bi(lang, '按渠道代码或名称查找', 'Find by channel code or name')}>
        <Input className={styles.input} type="search" value={query} onChange={(_, d) => setQuery(d.value)} />
      </Field>
      {query.trim() !== '' && channels !== null && found.length === 0 && (
        <Caption1>{bi(lang, '本表没有此渠道', 'no such channel on this sheet')}</Caption1>
      )}
      {found.length > 0 && (
        <ul className={styles.found} aria-label={bi(lang, '找到的渠道', 'Channels found')}>
          {found.slice(0, FOUND_SHOWN).map((c) => (
            <li key={c.row}>
              <Button appearance="subtle" className={styles.hit} onClick={() => onRow(String(c.row))}>
                {c.channelId} {c.channelName} · {bi(lang, `第 ${c.row} 行`, `row ${c.row}`)}
              </Button>
            </li>
          ))}
          {found.length > FOUND_SHOWN && (
            <li>
              <Caption1>
                {bi(
                  lang,
                  `另有 ${showCount(found.length - FOUND_SHOWN, 'zh')} 个，请输入更多字`,
                  `${showCount(found.length - FOUND_SHOWN, 'en')} more: type more of the code or name`,
                )}
              </Caption1>
            </li>
          )}
        </ul>
      )}
      <div className={styles.row}>
        <Field className={styles.narrow} label={bi(lang, '行号', 'Row')}>
          <Input className={styles.input} type="number" value={row} onChange={(_, d) => onRow(d.value)} />
        </Field>
        {readSelection && (
          <Button onClick={() => void takeSelection()}>
            {bi(lang, '用 Excel 所选行', 'Use the row selected in Excel')}
          </Button>
        )}
      </div>
      {note && <Caption1>{note}</Caption1>}
      {row.trim() !== '' && (
        <Text block aria-label={bi(lang, '要标记的渠道', 'The channel to mark')}>
          {picked
            ? `${picked.channelId} ${picked.channelName} · ${bi(lang, `第 ${picked.row} 行`, `row ${picked.row}`)}`
            : channels === null
              ? ''
              : bi(lang, `第 ${row.trim()} 行不是本表的渠道行`, `row ${row.trim()} is not a channel row of this sheet`)}
        </Text>
      )}
    </div>
  );
}
