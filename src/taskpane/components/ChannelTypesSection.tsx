import { Field, Input, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import {
  DEFAULT_CHANNEL_TYPES,
  channelTypeProblems,
  channelTypeRows,
  textOfWords,
  wordsOfText,
  type ChannelTypeList,
  type OtherChannel,
} from '../../core';
import { DEFAULT_MARK } from '../../core/defaultMarks';
import { bi } from '../labels';
import type { ChannelTypesSectionProps } from './ChannelTypesSection.types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  input: { width: '100%', minWidth: 0 },
});

type Texts = Record<OtherChannel, string>;

function textsOf(rows: ReturnType<typeof channelTypeRows>): Texts {
  return Object.fromEntries(rows.map((r) => [r.channel, textOfWords(r.words)])) as Texts;
}

/** The lists the fields make, in the shipped order. */
function listsOf(texts: Texts): ChannelTypeList[] {
  return DEFAULT_CHANNEL_TYPES.map((l) => ({ channel: l.channel, words: wordsOfText(texts[l.channel]) }));
}

/** The core's problems with the lists, by the channel of the list each names (`channelTypes[i]`). */
function problemsByChannel(lists: readonly ChannelTypeList[]): Map<OtherChannel, string[]> {
  const out = new Map<OtherChannel, string[]>();
  for (const message of channelTypeProblems(lists)) {
    const at = /channelTypes\[(\d+)\]/.exec(message.en)?.[1];
    const channel = lists[Number(at ?? 0)]?.channel ?? 'carDealer';
    out.set(channel, [...(out.get(channel) ?? []), `${message.zh} (${message.en})`]);
  }
  return out;
}

/**
 * 渠道类型 Channel types (RULES.md §14): one field per channel other than 经代 with the words of the
 * channel types that belong to it (separated by 、 or commas); a row whose type names one of them is
 * flagged 疑似窜门. The shipped lists are marked 〔默认〕; an invalid list is refused beside its field.
 */
export function ChannelTypesSection({ lang, base, onChange }: ChannelTypesSectionProps) {
  const styles = useStyles();
  const rows = channelTypeRows(base);
  const [texts, setTexts] = useState<Texts>(() => textsOf(rows));
  const lists = listsOf(texts);
  const problems = problemsByChannel(lists);
  const shipped = (channel: OtherChannel): boolean =>
    JSON.stringify(wordsOfText(texts[channel])) ===
    JSON.stringify(DEFAULT_CHANNEL_TYPES.find((l) => l.channel === channel)?.words);

  const edit = (channel: OtherChannel, text: string): void => {
    const next = { ...texts, [channel]: text };
    setTexts(next);
    const made = listsOf(next);
    if (problemsByChannel(made).size > 0) onChange(null);
    else onChange(JSON.stringify(made) === JSON.stringify(DEFAULT_CHANNEL_TYPES) ? undefined : made);
  };

  return (
    <section className={styles.root} aria-label={bi(lang, '渠道类型', 'Channel types')}>
      <Subtitle2 as="h2">{bi(lang, '渠道类型（疑似窜门）', 'Channel types (misfiled business)')}</Subtitle2>
      <Text size={200}>
        {bi(
          lang,
          '渠道类型列含下列词语的行属于其他渠道，标为“疑似窜门”；词语以、或逗号分隔。',
          'a row whose channel type contains one of these words belongs to another channel and is flagged; words separated by 、 or commas.',
        )}
      </Text>
      {rows.map((row) => {
        const messages = problems.get(row.channel) ?? [];
        return (
          <Field
            key={row.channel}
            label={bi(lang, row.label.zh, row.label.en)}
            validationState={messages.length > 0 ? 'error' : 'none'}
            validationMessage={
              messages.length > 0
                ? messages.join('；')
                : shipped(row.channel)
                  ? bi(lang, `${DEFAULT_MARK.zh} 默认词表，非政策`, `${DEFAULT_MARK.en} the shipped list, not policy`)
                  : bi(lang, '自定义', 'custom')
            }
          >
            <Input
              className={styles.input}
              value={texts[row.channel]}
              onChange={(_, d) => edit(row.channel, d.value)}
            />
          </Field>
        );
      })}
    </section>
  );
}
