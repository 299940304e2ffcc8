/**
 * `qd-grade history` and `qd-grade approve` (CONTRACT.md §5; RULES.md §12, 第十条): read a grading
 * history — a JSON history, a history workbook, or a graded workbook that records its own — to list
 * its gradings, show the movement between two of them or one channel's classes and trail, and append
 * an approval step to a grading's trail. Exit status as qd-grade: 0 done, 2 usage, 3 a file that
 * cannot be read or a grading or channel that is not in it.
 *
 * @packageDocumentation
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { COLOURS, COLOUR_LABELS, QdError, UsageError, bilingual, labelOfIndex, type Lang } from '../core';
import { DIRECTION_LABELS, MOVE_FLAG_LABELS, classMovement } from '../core/classMovement';
import { historyToJson, type History } from '../core/history';
import { PREPARE_KIND_LABELS } from '../core/prepareKinds';
import {
  ROLES,
  appendTrail,
  classesInForce,
  decisionOf,
  type HeldClass,
  type Role,
  type Snapshot,
} from '../core/snapshot';
import { GRADING_STATE_LABELS, StepRefusedError, gradingStateOf } from '../core/gradingState';
import {
  SnapshotNotFoundError,
  approvalEntry,
  approveSnapshot,
  localTimestamp,
  trailEntryText,
  type Approval,
  type ApprovalAction,
} from '../grading';
import { writeAtomically } from '../hosts/xlsx/atomicFile';
import { readHistoryFile } from '../hosts/xlsx/historyFile';
import { XlsxWorkbook } from '../hosts/xlsx/XlsxWorkbook';
import type { CliIo } from './cliIo';

/** The usage of the two commands, in both languages. */
export const HISTORY_USAGE = `用法 Usage:
  qd-grade history <history.json|history.xlsx|graded.xlsx> [--from ID] [--to ID] [--channel CODE] [--lang zh|en]
  qd-grade approve <history.json|history.xlsx|graded.xlsx> --by NAME [--snapshot ID]
           [--action approved|returned|notified|acknowledged] [--role approver|grader|branch] [--note TEXT] [--at TIME]

  history   不带选项：列出历史中的每次分级及其审批状态 with no option: each grading and its approval
            --from/--to：两次分级之间的色带迁移矩阵与变动渠道，需关注的在前（默认最近两次）
                         the colour migration matrix and the channels that moved, flagged first (default: the last two)
            --channel：一个渠道在各次分级中的分类、在用分类与审批记录 one channel's classes, class in force and trail
  approve   在分级（--snapshot，默认最近一次）的审批记录上追加一步（只追加，不改写；第十条）
            append a step to a grading's trail (--snapshot, default the latest; append-only; Art. 10)
            --action  approved 批准 | returned 退回（个人客户运营部 approver）| notified 通知（经代部 grader）
                      | acknowledged 确认收到（分支机构 branch）(default approved)
            --role    默认按操作 default: the role the action belongs to
            --note    备注：通知的分公司/三级机构，或审批意见 note: the branch notified, or the approver's remark
            --at      时间（默认现在）ISO time (default now)

退出状态 Exit status: 0 完成 done · 2 用法错误 usage · 3 文件不可读、没有该分级或渠道 unreadable file, no such grading or channel`;

function usage(zh: string, en: string): UsageError {
  return new UsageError({ zh, en });
}

/** Flags with a value and the one positional file, parsed as qd-grade parses its own. */
function parse(
  argv: readonly string[],
  flags: readonly string[],
): { file: string; values: Map<string, string>; help: boolean } {
  const values = new Map<string, string>();
  const positional: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    if (flag === '-h' || flag === '--help') {
      help = true;
      continue;
    }
    if (flags.includes(flag)) {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--')))
        throw usage(`${flag} 需要一个值`, `${flag} needs a value`);
      values.set(flag, v);
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') throw usage(`未知选项“${arg}”`, `unknown option "${arg}"`);
    positional.push(arg);
  }
  if (help) return { file: '', values, help };
  if (positional.length !== 1) throw usage('需要且只需要一个历史文件', 'give exactly one history file');
  const file = positional[0] as string;
  if (!/\.(json|xlsx)$/i.test(file))
    throw usage(`历史文件应为 .json 或 .xlsx：“${file}”`, `the history file must be .json or .xlsx: "${file}"`);
  const lang = values.get('--lang');
  if (lang !== undefined && lang !== 'zh' && lang !== 'en')
    throw usage(`未知语言“${lang}”`, `unknown language "${lang}" (zh or en)`);
  return { file, values, help };
}

/** A file the command needs that is not there: nothing was written. */
class HistoryFileMissingError extends QdError {
  constructor(file: string) {
    super({
      zh: `找不到历史文件“${file}”：请检查路径，或先用 qd-grade --history / --record 分级以建立历史`,
      en: `the history file "${file}" does not exist: check the path, or grade with qd-grade --history / --record first`,
    });
  }
}

/** A channel asked for that no grading in the history graded. */
class ChannelNotInHistoryError extends QdError {
  constructor(code: string, file: string) {
    super({
      zh: `历史“${file}”中没有渠道 ${code} 的分级记录：请检查渠道代码`,
      en: `no grading in "${file}" graded channel ${code}: check the channel code`,
    });
  }
}

async function readExisting(file: string): Promise<History> {
  if (!existsSync(file)) throw new HistoryFileMissingError(file);
  return readHistoryFile(file);
}

function langOf(values: Map<string, string>): Lang {
  return values.get('--lang') === 'en' ? 'en' : 'zh';
}

function pair(lang: Lang, zh: string, en: string): string {
  return lang === 'en' ? `${en} ${zh}` : `${zh} ${en}`;
}

function find(history: History, id: string): Snapshot {
  const s = history.snapshots.find((x) => x.id === id);
  if (s === undefined)
    throw new SnapshotNotFoundError(
      id,
      history.snapshots.map((x) => x.id),
    );
  return s;
}

/** One line per grading: id, kind, channels, rules, who, and its approval state. */
function listText(history: History, lang: Lang): string {
  if (history.snapshots.length === 0) return `${pair(lang, '尚无分级记录。', 'No gradings recorded yet.')}\n`;
  const lines = history.snapshots.map((s) => {
    const d = decisionOf(history.trail, s.id);
    const label = GRADING_STATE_LABELS[gradingStateOf(history.trail, s.id)];
    const state = d === null ? pair(lang, label.zh, label.en) : `${pair(lang, label.zh, label.en)} ${d.who} ${d.at}`;
    return `${s.id}  ${PREPARE_KIND_LABELS[s.kind][lang]} · ${s.channels.length} ${pair(lang, '个渠道', 'channels')} · ${pair(lang, '规则', 'rules')} ${s.rulesFingerprint} · ${s.gradedBy} ${s.gradedAt} · ${state}`;
  });
  return `${lines.join('\n')}\n`;
}

/** The movement between two gradings: the matrix and every channel that moved, flagged first. */
function movementText(earlier: Snapshot, later: Snapshot, lang: Lang): string {
  const m = classMovement(earlier.channels, later.channels);
  const names = new Map<string, string>();
  for (const c of [...earlier.channels, ...later.channels]) if (c.channelName) names.set(c.channelId, c.channelName);
  const flagged = m.moves.filter((x) => x.flags.length > 0).length;
  const labels = COLOURS.map((c) => COLOUR_LABELS[c][lang]);
  const cell = (v: string | number, w: number): string => String(v).padStart(w);
  const lines = [
    `${pair(lang, '变动', 'Movement')} ${earlier.id} → ${later.id}: ${m.moves.length} ${pair(lang, '个渠道变动', 'moved')} · ${m.unchanged} ${pair(lang, '不变', 'unchanged')} · ${flagged} ${pair(lang, '需关注', 'flagged')}`,
    `  ${pair(lang, '上期 \\ 本期', 'before \\ after')}: ${labels.map((l) => cell(l, 6)).join(' ')}`,
    ...COLOURS.map(
      (_, i) => `  ${cell(labels[i] ?? '', 18)}: ${(m.colours[i] ?? []).map((n) => cell(n, 6)).join(' ')}`,
    ),
  ];
  const sorted = [...m.moves].sort(
    (a, b) => b.flags.length - a.flags.length || Math.abs(b.colourSteps) - Math.abs(a.colourSteps),
  );
  for (const x of sorted)
    lines.push(
      `  ${x.channelId}${names.has(x.channelId) ? ` ${names.get(x.channelId)}` : ''}: ${x.from === null ? '—' : labelOfIndex(x.from, lang)} → ${x.to === null ? '—' : labelOfIndex(x.to, lang)} ${DIRECTION_LABELS[x.direction][lang]}${x.flags.length > 0 ? ` ${x.flags.map((f) => MOVE_FLAG_LABELS[f][lang]).join(lang === 'en' ? ', ' : '、')}` : ''}`,
    );
  return `${lines.join('\n')}\n`;
}

/** One channel across the gradings: its class in each, its classes in force, the steps on its gradings. */
function channelText(history: History, code: string, file: string, lang: Lang): string {
  const graded = history.snapshots.filter((s) => s.channels.some((c) => c.channelId === code));
  if (graded.length === 0) throw new ChannelNotInHistoryError(code, file);
  const name = graded
    .flatMap((s) => s.channels.filter((c) => c.channelId === code && c.channelName))
    .at(-1)?.channelName;
  const lines = [`${pair(lang, '渠道', 'Channel')} ${code}${name ? ` ${name}` : ''}`];
  for (const s of history.snapshots) {
    const c = s.channels.find((x) => x.channelId === code);
    lines.push(`  ${s.id}  ${c === undefined ? '—' : labelOfIndex(c.classIndex, lang)}`);
  }
  const inForce = classesInForce(history.snapshots, history.trail).find((c) => c.channelId === code);
  const held = (x: HeldClass | null): string =>
    x === null ? '—' : `${labelOfIndex(x.classIndex, lang)} (${x.snapshotId})`;
  lines.push(
    `  ${pair(lang, '在用', 'in force')}: ${pair(lang, '年度分类', 'annual class')} ${held(inForce?.annual ?? null)} · ${pair(lang, '年度内运用分类', 'in-year class')} ${held(inForce?.inYear ?? null)} · ${pair(lang, '资源匹配用', 'matching uses')} ${inForce?.classIndex == null ? pair(lang, '尚无已审批分类', 'no approved class yet') : labelOfIndex(inForce.classIndex, lang)}`,
  );
  const pending = inForce?.pending;
  if (pending !== undefined && (pending.annual ?? pending.inYear ?? pending.prospective) !== null)
    lines.push(
      `  ${pair(lang, '待审批', 'awaiting approval')}: ${[
        pending.annual && `${pair(lang, '年度分类', 'annual class')} ${held(pending.annual)}`,
        pending.inYear && `${pair(lang, '年度内运用分类', 'in-year class')} ${held(pending.inYear)}`,
        pending.prospective && `${pair(lang, '拟合作分类', 'prospective class')} ${held(pending.prospective)}`,
      ]
        .filter(Boolean)
        .join(' · ')} ${pair(lang, '（审批前不生效）', '(not in force until approved)')}`,
    );
  const ids = new Set(graded.map((s) => s.id));
  const steps = history.trail.filter((e) => ids.has(e.snapshotId));
  if (steps.length > 0)
    lines.push(`  ${pair(lang, '审批记录', 'Trail')}:`, ...steps.map((e) => `    ${trailEntryText(e, lang)}`));
  return `${lines.join('\n')}\n`;
}

async function guarded(io: CliIo, run: () => Promise<void>): Promise<number> {
  try {
    await run();
    return 0;
  } catch (e) {
    // A step out of the order of 第十条, or by the grader himself: a misuse, said without the usage text.
    if (e instanceof StepRefusedError) {
      io.stderr(`qd-grade: ${bilingual(e.text)}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      io.stderr(`qd-grade: ${bilingual(e.text)}\n\n${HISTORY_USAGE}\n`);
      return 2;
    }
    if (e instanceof QdError) {
      io.stderr(`qd-grade: ${bilingual(e.text)}\n`);
      return 3;
    }
    throw e;
  }
}

/** `qd-grade history FILE [--from ID] [--to ID] [--channel CODE]`; resolves to the exit status. */
export function historyMain(argv: readonly string[], io: CliIo): Promise<number> {
  return guarded(io, async () => {
    const { file, values, help } = parse(argv, ['--from', '--to', '--channel', '--lang']);
    if (help) {
      io.stdout(`${HISTORY_USAGE}\n`);
      return;
    }
    const lang = langOf(values);
    const history = await readExisting(file);
    const channel = values.get('--channel');
    const from = values.get('--from');
    const to = values.get('--to');
    if (channel !== undefined) {
      io.stdout(channelText(history, channel, file, lang));
      return;
    }
    if (from === undefined && to === undefined) {
      io.stdout(listText(history, lang));
      if (history.snapshots.length < 2) return;
    }
    const n = history.snapshots.length;
    const later = to !== undefined ? find(history, to) : history.snapshots[n - 1];
    const earlier =
      from !== undefined
        ? find(history, from)
        : history.snapshots[history.snapshots.findIndex((s) => s.id === later?.id) - 1];
    if (later === undefined || earlier === undefined)
      throw usage(
        `需要两次分级才能比较：请用 --from 指定较早的一次`,
        `a movement needs two gradings: name the earlier one with --from`,
      );
    io.stdout(movementText(earlier, later, lang));
  });
}

const ACTION_WORDS: Readonly<Record<string, ApprovalAction>> = {
  approved: 'approved',
  approve: 'approved',
  批准: 'approved',
  returned: 'returned',
  return: 'returned',
  退回: 'returned',
  notified: 'notified',
  notify: 'notified',
  通知: 'notified',
  acknowledged: 'acknowledged',
  acknowledge: 'acknowledged',
  确认收到: 'acknowledged',
};

const ROLE_WORDS: Readonly<Record<string, Role>> = {
  ...Object.fromEntries(ROLES.map((r) => [r, r])),
  经代部: 'grader',
  个人客户运营部: 'approver',
  分支机构: 'branch',
};

/** `qd-grade approve FILE --by NAME [--snapshot ID] [--action …] [--role …] [--note …]`; resolves to the exit status. */
export function approveMain(argv: readonly string[], io: CliIo): Promise<number> {
  return guarded(io, async () => {
    const { file, values, help } = parse(argv, [
      '--snapshot',
      '--by',
      '--action',
      '--role',
      '--note',
      '--at',
      '--lang',
    ]);
    if (help) {
      io.stdout(`${HISTORY_USAGE}\n`);
      return;
    }
    const lang = langOf(values);
    const by = values.get('--by')?.trim();
    if (!by) throw usage('请用 --by 写明审批人', 'name who acts with --by');
    const actionWord = values.get('--action') ?? 'approved';
    const action = ACTION_WORDS[actionWord.trim().toLowerCase()];
    if (action === undefined)
      throw usage(
        `未知操作“${actionWord}”`,
        `unknown action "${actionWord}" (approved, returned, notified or acknowledged)`,
      );
    const roleWord = values.get('--role');
    const role = roleWord === undefined ? undefined : ROLE_WORDS[roleWord.trim().toLowerCase()];
    if (roleWord !== undefined && role === undefined)
      throw usage(`未知角色“${roleWord}”`, `unknown role "${roleWord}" (approver, grader or branch)`);
    const at = values.get('--at');
    if (at !== undefined && Number.isNaN(Date.parse(at)))
      throw usage(`时间应为 ISO 格式：“${at}”`, `the time must be ISO, e.g. 2026-04-09T10:00:00+08:00: "${at}"`);
    const approval: Approval = {
      snapshotId: values.get('--snapshot'),
      by,
      role,
      action,
      note: values.get('--note'),
      at: at ?? localTimestamp(new Date()),
    };
    if (!existsSync(file)) throw new HistoryFileMissingError(file);
    let after: History;
    if (/\.json$/i.test(file)) {
      const history = await readHistoryFile(file);
      const entry = approvalEntry(history, approval);
      after = { ...history, trail: appendTrail(history.trail, entry, history.snapshots) };
      await writeAtomically(file, (temporary) => writeFile(temporary, historyToJson(after)));
    } else {
      after = await approveSnapshot(await XlsxWorkbook.open(file, file), approval, lang);
    }
    const entry = after.trail.at(-1);
    if (entry !== undefined) io.stdout(`${pair(lang, '已记录', 'recorded')}: ${trailEntryText(entry, lang)}\n`);
  });
}
