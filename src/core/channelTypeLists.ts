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
import { InvalidRulesError, type RuleProblem } from './errors';
import type { Bilingual } from './lang';
import type { CellInput } from './readNumber';
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

/** The prefix of a channel-type key in a rules range: `types.teleOnline` → `电话销售、网销平台、…` (CONTRACT.md §2). */
export const TYPES_KEY_PREFIX = 'types.';

/** Whether a rules-range key names a channel-type list. */
export function isTypesKey(key: string): boolean {
  return key.startsWith(TYPES_KEY_PREFIX);
}

/** The text a list is written as in a rules range or a pane field: its words joined by 、. */
export function textOfWords(words: readonly string[]): string {
  return words.join('、');
}

/**
 * The rows of the channel-type lists in a rules range (key, words, whether shipped), one per other
 * channel; none when the rule set grades with the shipped lists, so the default rules sheet stays as it was.
 */
export function channelTypeTableRows(rules: RuleSet): { key: string; text: string; row: ChannelTypeRow }[] {
  if (rules.channelTypes === undefined) return [];
  return channelTypeRows(rules).map((row) => ({
    key: `${TYPES_KEY_PREFIX}${row.channel}`,
    text: textOfWords(row.words),
    row,
  }));
}

/**
 * The channel-type lists a rules range names (keys `types.<channel>`), or undefined when it names none.
 * A channel the range leaves out keeps its shipped list; an unknown channel, or lists that are invalid
 * together (a blank word, one word under two channels), are problems naming the key.
 */
export function channelTypesFromEntries(entries: readonly (readonly [string, CellInput])[]): {
  lists: readonly ChannelTypeList[] | undefined;
  problems: RuleProblem[];
} {
  if (entries.length === 0) return { lists: undefined, problems: [] };
  const problems: RuleProblem[] = [];
  const given = new Map<OtherChannel, string[]>();
  for (const [key, value] of entries) {
    const channel = key.slice(TYPES_KEY_PREFIX.length);
    if (!Object.hasOwn(OTHER_CHANNELS, channel)) {
      problems.push({
        field: key,
        message: {
          zh: `未知渠道“${channel}”（应为 ${Object.keys(OTHER_CHANNELS).join('/')}）`,
          en: `unknown channel "${channel}" (one of ${Object.keys(OTHER_CHANNELS).join('/')})`,
        },
      });
      continue;
    }
    given.set(channel as OtherChannel, wordsOfText(value === null || value === undefined ? '' : String(value)));
  }
  if (problems.length > 0) return { lists: undefined, problems };
  const lists = DEFAULT_CHANNEL_TYPES.map((l) => ({ channel: l.channel, words: given.get(l.channel) ?? l.words }));
  const order = lists.map((l) => `${TYPES_KEY_PREFIX}${l.channel}`);
  for (const message of channelTypeProblems(lists)) {
    const at = /channelTypes\[(\d+)\]/.exec(message.en)?.[1];
    problems.push({ field: (at === undefined ? undefined : order[Number(at)]) ?? 'channelTypes', message });
  }
  if (problems.length > 0) return { lists: undefined, problems };
  return { lists: JSON.stringify(lists) === JSON.stringify(DEFAULT_CHANNEL_TYPES) ? undefined : lists, problems };
}
