/**
 * The channel-type lists of a rule set as the Rules tab edits them (RULES.md §10, §14): read the lists
 * in force, set new ones (validated, never silently), and go back to the shipped ones.
 *
 * @packageDocumentation
 */
import {
  DEFAULT_CHANNEL_TYPES,
  OTHER_CHANNELS,
  channelTypeProblems,
  type ChannelTypeList,
  type OtherChannel,
} from './channelBoundary';
import { InvalidRulesError } from './errors';
import type { Bilingual } from './lang';
import type { RuleSet } from './ruleSet';

/** One list as the Rules tab shows it: the channel's name, its words, and whether it is the shipped list. */
export interface ChannelTypeRow {
  readonly channel: OtherChannel;
  readonly label: Bilingual;
  readonly words: readonly string[];
  /** The shipped list [default] (not the documents' words, not policy). */
  readonly isDefault: boolean;
}

/** The lists a rule set grades with (the shipped ones when it names none), one row per other channel. */
export function channelTypeRows(rules: RuleSet): ChannelTypeRow[] {
  const lists = rules.channelTypes ?? DEFAULT_CHANNEL_TYPES;
  return (Object.keys(OTHER_CHANNELS) as OtherChannel[]).map((channel) => {
    const words = lists.find((l) => l.channel === channel)?.words ?? [];
    const shipped = DEFAULT_CHANNEL_TYPES.find((l) => l.channel === channel)?.words ?? [];
    return {
      channel,
      label: OTHER_CHANNELS[channel],
      words,
      isDefault: JSON.stringify(words) === JSON.stringify(shipped),
    };
  });
}

/** Splits the text of one list as a person types it: words separated by commas, 、, ；, or new lines. */
export function wordsOfText(text: string): string[] {
  return text
    .split(/[,，、;；\n\r]+/)
    .map((w) => w.trim())
    .filter((w) => w !== '');
}

/**
 * The rule set with these lists (RULES.md §14). Throws `InvalidRulesError` naming the field when a list
 * is invalid (an unknown channel, a blank word, one word under two channels); a channel left out keeps
 * no words. Lists equal to the shipped ones are stored as absent, so the fingerprint stays the default's.
 */
export function withChannelTypes(rules: RuleSet, lists: readonly ChannelTypeList[]): RuleSet {
  const problems = channelTypeProblems(lists);
  if (problems.length > 0) throw new InvalidRulesError(problems.map((message) => ({ field: 'channelTypes', message })));
  const { channelTypes: _dropped, ...rest } = rules;
  void _dropped;
  return JSON.stringify(lists) === JSON.stringify(DEFAULT_CHANNEL_TYPES) ? rest : { ...rest, channelTypes: lists };
}
