import {
  Button,
  Caption1,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { SCALES } from '../../core';
import { KIND_WORDS, bi, colon, showCount, showMode, showTime } from '../labels';
import { useIntoView } from '../useIntoView';
import { BandChart } from './BandChart';
import type { GradeResultProps } from './GradeResult.types';
import { RollUpTable } from './RollUpTable';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  problems: { maxHeight: '220px', overflowY: 'auto', listStyleType: 'none', margin: 0, padding: 0 },
  problem: { justifyContent: 'flex-start', textAlign: 'left', width: '100%', minWidth: 0, fontWeight: 'normal' },
  counts: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM, margin: 0, padding: 0 },
  count: { listStyleType: 'none', whiteSpace: 'nowrap' },
  rollUps: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  next: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/** Problem rows listed at most; the sheet's 校验结果 column has them all. */
const PROBLEMS_SHOWN = 200;

/**
 * The Grade tab's result: what was graded, each count named with what it counts against (the sheet's
 * 上期分类 column, the last recorded grading), the roll-ups, the problem rows, and the next step —
 * 复核 Review, or grading again when the rules changed since.
 */
export function GradeResult({
  report,
  lang,
  gradedAt,
  loaded,
  rulesNow,
  onGradeAgain,
  onSelectRow,
  onNext,
  busy,
}: GradeResultProps) {
  const styles = useStyles();
  const ref = useIntoView<HTMLElement>(report);
  const gradedWith = report.rules?.fingerprint ?? null;
  const stale = gradedWith !== null && gradedWith !== rulesNow;
  const previous = report.recorded?.previous ?? null;
  return (
    <section className={styles.root} aria-label={bi(lang, '分级结果', 'Result')} ref={ref}>
      <Subtitle2 as="h2">{bi(lang, '分级结果', 'Result')}</Subtitle2>
      {stale && (
        <MessageBar intent="warning" layout="multiline" role="status">
          <MessageBarBody>
            <MessageBarTitle>{bi(lang, '本结果按旧规则分级', 'Graded with other rules')}</MessageBarTitle>
            {bi(
              lang,
              `此结果与工作表中的分类按规则 ${gradedWith} 分级；现行规则为 ${rulesNow}。请重新分级，使分类与现行规则一致`,
              `this result and the classes on the sheet were graded with rules ${gradedWith}; the rules in force are ${rulesNow}. Grade again so that the classes follow them`,
            )}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="primary" disabled={busy} onClick={onGradeAgain}>
              {bi(lang, '重新分级', 'Grade again')}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <Text block>
        {bi(
          lang,
          `已分级 ${showCount(report.graded, 'zh')} 个渠道，有问题 ${showCount(report.withProblems, 'zh')} 行，未参与 ${showCount(report.leftOut, 'zh')} 行`,
          `${showCount(report.graded, 'en')} graded, ${showCount(report.withProblems, 'en')} with problems, ${showCount(report.leftOut, 'en')} left out`,
        )}
      </Text>
      {gradedAt && (
        <Caption1 block>
          {bi(lang, '分级时间', 'Graded at')}
          {colon(lang)}
          {showTime(gradedAt.at, lang)} · {bi(lang, '模式', 'mode')}
          {colon(lang)}
          {showMode(gradedAt.mode, lang)}
          {report.premiumUnit === 10000
            ? ` · ${bi(lang, '保费单位：万元', 'premium read in units of 10,000 yuan')}`
            : ''}
        </Caption1>
      )}
      {(report.otherChannelRows ?? 0) > 0 && (
        <Text block>
          {gradedAt?.keepOther
            ? bi(
                lang,
                `疑似窜门 ${showCount(report.otherChannelRows ?? 0, 'zh')} 行已按选择保留并分级`,
                `${showCount(report.otherChannelRows ?? 0, 'en')} rows that look like another channel's were kept and graded`,
              )
            : bi(
                lang,
                `疑似窜门 ${showCount(report.otherChannelRows ?? 0, 'zh')} 行未参与分级（见“校验结果”列）`,
                `${showCount(report.otherChannelRows ?? 0, 'en')} rows that look like another channel's were left out (see the Check 校验结果 column)`,
              )}
        </Text>
      )}
      <BandChart perColour={report.perColour} lang={lang} />
      <ul className={styles.counts} aria-label={bi(lang, '各规模渠道数', 'Channels per scale')}>
        {SCALES.map((s) => (
          <li key={s} className={styles.count}>
            {bi(lang, `规模 ${s}`, `scale ${s}`)}
            {colon(lang)}
            {showCount(report.perScale[s], lang)}
          </li>
        ))}
      </ul>
      <Caption1 block>
        {bi(lang, '对照本表“上期分类”列', "Against the sheet's 上期分类 (previous class) column")}
      </Caption1>
      <ul
        className={styles.counts}
        aria-label={bi(lang, '分类变动（对照上期分类列）', 'Class changes against the previous-class column')}
      >
        {(
          [
            ['up', '↑ 上升', '↑ up'],
            ['down', '↓ 下降', '↓ down'],
            ['same', '= 不变', '= same'],
            ['new', '新 无上期分类', 'new: no previous class'],
          ] as const
        ).map(([key, zh, en]) => (
          <li key={key} className={styles.count}>
            {lang === 'zh' ? zh : en}
            {colon(lang)}
            {showCount(report.changes[key], lang)}
          </li>
        ))}
      </ul>
      {report.recorded && (
        <Text block aria-label={bi(lang, '较上次记录的分级', 'Against the last recorded grading')}>
          {bi(
            lang,
            `已记入分级历史：${report.recorded.snapshot.judgingDate} ${KIND_WORDS[report.recorded.snapshot.kind].zh}`,
            `recorded in the history: ${report.recorded.snapshot.judgingDate} ${KIND_WORDS[report.recorded.snapshot.kind].en}`,
          )}
          {' · '}
          {report.recorded.movement === null || previous === null
            ? bi(lang, '首次记录，无上次分级可比', 'the first grading recorded: nothing to compare')
            : bi(
                lang,
                `较上次记录的分级（${previous.judgingDate} ${KIND_WORDS[previous.kind].zh}）↑ ${showCount(report.recorded.movement.up, 'zh')} ↓ ${showCount(report.recorded.movement.down, 'zh')}，需关注 ${showCount(report.recorded.movement.flagged, 'zh')}`,
                `against the last recorded grading (${previous.judgingDate} ${KIND_WORDS[previous.kind].en}): ↑ ${showCount(report.recorded.movement.up, 'en')} ↓ ${showCount(report.recorded.movement.down, 'en')}, flagged ${showCount(report.recorded.movement.flagged, 'en')}`,
              )}
        </Text>
      )}
      {gradedAt && !report.recorded && (
        <Caption1 block>{bi(lang, '未记入分级历史', 'not recorded in the history')}</Caption1>
      )}
      {onNext && !stale && (
        <div className={styles.next} role="group" aria-label={bi(lang, '下一步', 'Next step')}>
          <Button appearance="primary" disabled={busy} onClick={() => onNext('review')}>
            {bi(lang, '下一步：复核 →', 'Next: review →')}
          </Button>
          {report.recorded && (
            <Button disabled={busy} onClick={() => onNext('history')}>
              {bi(lang, '历史与审批 →', 'History and approval →')}
            </Button>
          )}
        </div>
      )}
      <section className={styles.rollUps} aria-label={bi(lang, '机构汇总', 'Roll-ups')}>
        {report.rollUps.company.some((r) => r.key !== '(未填)') && (
          <RollUpTable rollUps={report.rollUps.company} by="company" lang={lang} />
        )}
        {report.rollUps.branch.some((r) => r.key !== '(未填)') && (
          <RollUpTable rollUps={report.rollUps.branch} by="branch" lang={lang} />
        )}
      </section>
      {report.warnings
        // The notice at the top already says which saved rules were used.
        .filter((w) => !(loaded && loaded.source !== 'defaults' && w.includes(loaded.rules.fingerprint)))
        .map((w) => (
          <MessageBar key={w} intent="warning" layout="multiline">
            <MessageBarBody>{w}</MessageBarBody>
          </MessageBar>
        ))}
      {report.problemRows.length > 0 && (
        <>
          <Subtitle2 as="h3">{bi(lang, '问题行（点击定位）', 'Problem rows (click to select)')}</Subtitle2>
          <ul className={styles.problems}>
            {report.problemRows.slice(0, PROBLEMS_SHOWN).map((p) => (
              <li key={p.row}>
                <Button appearance="subtle" className={styles.problem} onClick={() => onSelectRow(p.row)}>
                  {bi(lang, `第 ${p.row} 行`, `row ${p.row}`)}
                  {colon(lang)}
                  {p.check}
                </Button>
              </li>
            ))}
          </ul>
          {report.problemRows.length > PROBLEMS_SHOWN && (
            <Caption1>
              {bi(
                lang,
                `另有 ${showCount(report.problemRows.length - PROBLEMS_SHOWN, 'zh')} 行见工作表“校验结果”列`,
                `${showCount(report.problemRows.length - PROBLEMS_SHOWN, 'en')} more in the sheet's Check 校验结果 column`,
              )}
            </Caption1>
          )}
        </>
      )}
    </section>
  );
}
