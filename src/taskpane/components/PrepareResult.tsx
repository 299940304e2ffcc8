import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { COLOURS, isoDate } from '../../core';
import { bi, colon, colourWord, said, showCount } from '../labels';
import type { PrepareResultProps } from './PrepareResult.types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, maxHeight: '200px', overflowY: 'auto' },
  next: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/** Distinct reasons listed at most; the 准备说明 sheet has every channel. */
const REASONS_SHOWN = 50;

type NotPrepared = PrepareResultProps['report']['preparation']['notPrepared'];

/** The channels not prepared by reason, the most common reason first. */
function reasonsOf(notPrepared: NotPrepared, lang: 'zh' | 'en'): [string, string[]][] {
  const by = new Map<string, string[]>();
  for (const n of notPrepared) {
    const reason = n.issues.map((i) => (lang === 'zh' ? i.message.zh : i.message.en)).join(lang === 'zh' ? '；' : '; ');
    const list = by.get(reason) ?? [];
    list.push(n.channelName ? `${n.channelId} ${n.channelName}` : n.channelId);
    by.set(reason, list);
  }
  return [...by].sort((a, b) => b[1].length - a[1].length).slice(0, REASONS_SHOWN);
}

/**
 * What the Prepare step did: success in a success bar with the next step (grade this sheet, review);
 * channels left out in their own list; and when nothing was prepared because the window misses the
 * extract's dates, both date ranges and a judging date that works.
 */
export function PrepareResult({
  report,
  lang,
  window,
  dates,
  proposal,
  onUseDate,
  onGrade,
  onReview,
}: PrepareResultProps) {
  const styles = useStyles();
  const result = report.preparation;
  const prepared = result.channels.length;
  const missed =
    prepared === 0 &&
    window !== null &&
    dates !== null &&
    (isoDate(dates.last) < isoDate(window.start) || isoDate(dates.first) > isoDate(window.end));
  const counts = said(
    lang,
    `已准备 ${showCount(prepared, lang)} 个渠道，未准备 ${showCount(result.notPrepared.length, lang)} 个；明细 ${showCount(result.counts.read, lang)} 行，计入 ${showCount(result.counts.used, lang)} 行`,
    `${showCount(prepared, lang)} channels prepared, ${showCount(result.notPrepared.length, lang)} not; ${showCount(result.counts.read, lang)} extract rows, ${showCount(result.counts.used, lang)} used`,
  );
  return (
    <section className={styles.root} aria-label={bi(lang, '准备结果', 'Preparation result')}>
      {prepared === 0 ? (
        <MessageBar intent="warning" layout="multiline" role="status" data-intent="warning">
          <MessageBarBody>
            <MessageBarTitle>{bi(lang, '没有可分级的渠道', 'No channel could be prepared')}</MessageBarTitle>
            <div>{counts}</div>
            {missed && window && dates && (
              <div>
                {said(
                  lang,
                  `数据窗口 ${isoDate(window.start)} 至 ${isoDate(window.end)} 不含明细中的日期（明细为 ${isoDate(dates.first)} 至 ${isoDate(dates.last)}）${proposal ? `；评判日用 ${isoDate(proposal)} 即可覆盖明细的最近月份` : ''}`,
                  `the window ${isoDate(window.start)} to ${isoDate(window.end)} holds none of the extract's dates (it runs from ${isoDate(dates.first)} to ${isoDate(dates.last)})${proposal ? `; judging on ${isoDate(proposal)} covers its latest months` : ''}`,
                )}
              </div>
            )}
          </MessageBarBody>
          {missed && proposal && (
            <MessageBarActions>
              <Button size="small" appearance="primary" onClick={() => onUseDate(proposal)}>
                {bi(lang, `改用 ${isoDate(proposal)}`, `Use ${isoDate(proposal)}`)}
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      ) : (
        <MessageBar intent="success" layout="multiline" role="status" data-intent="success">
          <MessageBarBody>
            <div>{counts}</div>
            {report.grade && (
              <div>
                {said(
                  lang,
                  `已分级 ${showCount(report.grade.graded, lang)} 个（工作表 ${report.sheet}）`,
                  `${showCount(report.grade.graded, lang)} graded (sheet ${report.sheet})`,
                )}
              </div>
            )}
            {report.recorded && (
              <div>
                {said(
                  lang,
                  `已记入分级历史：${report.recorded.snapshot.id}${report.recorded.movement ? `，较上次记录的分级 ↑ ${showCount(report.recorded.movement.up, lang)} ↓ ${showCount(report.recorded.movement.down, lang)}，需关注 ${showCount(report.recorded.movement.flagged, lang)}` : ''}`,
                  `recorded in the history: ${report.recorded.snapshot.id}${report.recorded.movement ? `; against the last recorded grading ↑ ${showCount(report.recorded.movement.up, lang)} ↓ ${showCount(report.recorded.movement.down, lang)}, flagged ${showCount(report.recorded.movement.flagged, lang)}` : ''}`,
                )}
              </div>
            )}
            {report.grade && (
              <div>
                {COLOURS.map((c) => `${colourWord(c, lang)} ${showCount(report.grade?.perColour[c] ?? 0, lang)}`).join(
                  ' · ',
                )}
              </div>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {report.grade && (onGrade || onReview) && (
        <div className={styles.next} role="group" aria-label={bi(lang, '下一步', 'Next step')}>
          {onGrade && (
            <Button appearance="primary" onClick={onGrade}>
              {bi(lang, `在分级页打开“${report.sheet}” →`, `Open "${report.sheet}" on the Grade tab →`)}
            </Button>
          )}
          {onReview && <Button onClick={onReview}>{bi(lang, '复核 →', 'Review →')}</Button>}
        </div>
      )}
      {result.notPrepared.length > 0 && (
        // Channels left out for the same reason are one line: 400 identical reasons say nothing more than one.
        <ul className={styles.list} aria-label={bi(lang, '未准备的渠道', 'Channels not prepared')}>
          {reasonsOf(result.notPrepared, lang).map(([reason, channels]) => (
            <li key={reason}>
              {channels.length === 1
                ? `${channels[0] ?? ''}${colon(lang)}${reason}`
                : `${reason}${colon(lang)}${said(lang, `${showCount(channels.length, lang)} 个渠道`, `${showCount(channels.length, lang)} channels`)} — ${channels.slice(0, 5).join(', ')}${channels.length > 5 ? ' …' : ''}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
