import {
  Caption1,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Tab,
  TabList,
  Title3,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import type { GradingMode, Lang } from '../../core';
import { bi } from '../labels';
import type { MeasuresWorkflow } from '../workflow/measuresWorkflow.types';
import type { PaneWorkflow } from '../workflow/PaneWorkflow.types';
import type { PrepareWorkflow } from '../workflow/prepareWorkflow.types';
import type { AppProps, PaneTabKey } from './App.types';
import type { GradeHandoff } from './GradeTab.types';
import { GradeTab } from './GradeTab';
import { HistoryTab } from './HistoryTab';
import { PrepareTab } from './PrepareTab';
import { ReviewTab } from './ReviewTab';
import { RulesTab } from './RulesTab';
import { ScenarioTab } from './ScenarioTab';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    boxSizing: 'border-box',
    maxWidth: '100%',
    minWidth: 0,
    // Chinese terms stay whole (年度评价, 终极赔付率): lines break at spaces and punctuation, and
    // only a run too long for the pane breaks where it must.
    wordBreak: 'keep-all',
    overflowWrap: 'anywhere',
    // Inputs take the pane's width, never the width of their longest option or default size.
    '& .fui-Select, & .fui-Input, & .fui-Textarea, & .fui-Field': { minWidth: 0, maxWidth: '100%' },
    '& select': { minWidth: 0, maxWidth: '100%' },
  },
  // Every tab fits the pane's width (320–350 px): equal columns, the two languages on two lines.
  tabs: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(48px, 1fr))',
    columnGap: 0,
  },
  // English words are wider than two Chinese characters ("Scenario", "History" in bold when selected):
  // three tabs a row, two rows, so no label is clipped at 320 px.
  tabsEn: { gridTemplateColumns: 'repeat(3, minmax(0, 1fr))' },
  tab: {
    minWidth: 0,
    paddingLeft: tokens.spacingHorizontalXXS,
    paddingRight: tokens.spacingHorizontalXXS,
    justifyContent: 'center',
  },
  // Six tabs share 320 px: a four-character name (数据准备) fits its column at this size.
  tabLabel: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    lineHeight: tokens.lineHeightBase200,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'nowrap',
  },
  other: { fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground3 },
  panel: { minWidth: 0 },
});

/** A tab of the pane: its key, its label in both languages, and what it shows. */
export interface PaneTab {
  readonly key: PaneTabKey;
  readonly zh: string;
  readonly en: string;
  readonly render: (context: {
    workflow: PaneWorkflow;
    prepare: PrepareWorkflow | undefined;
    measures: MeasuresWorkflow | undefined;
    /** The mode the sheet was last graded in here, so the Rules tab reads its figures the same way. */
    mode: GradingMode | undefined;
    setMode: (m: GradingMode) => void;
    sheet: string | undefined;
    setSheet: (s: string) => void;
    /** Counts gradings and approvals made in this pane, so the history tab reads the workbook again. */
    revision: number;
    changed: () => void;
    /** Opens another tab: each tab's result offers the next step (prepare → grade → review → history). */
    goTo: (tab: PaneTabKey) => void;
    /** What the Prepare step hands to the Grade tab: its sheet, judging date and kind. */
    handoff: GradeHandoff | undefined;
    setHandoff: (h: GradeHandoff) => void;
  }) => ReactNode;
}

/** The tabs, in order. To add one, add an entry here. */
export const PANE_TABS: readonly PaneTab[] = [
  {
    key: 'prepare',
    zh: '数据准备',
    en: 'Prepare',
    render: ({ prepare, setSheet, changed, goTo, setHandoff }) =>
      prepare ? (
        <PrepareTab
          workflow={prepare}
          onGraded={(r) => {
            setSheet(r.sheet);
            changed();
          }}
          onNext={(step, handoff) => {
            if (handoff) setHandoff(handoff);
            goTo(step);
          }}
        />
      ) : null,
  },
  {
    key: 'grade',
    zh: '分级',
    en: 'Grade',
    render: ({ workflow, prepare, setSheet, setMode, changed, goTo, handoff, revision }) => (
      <GradeTab
        workflow={workflow}
        onGraded={(r, mode) => {
          setSheet(r.sheet);
          if (mode !== undefined) setMode(mode);
          changed();
        }}
        handoff={handoff}
        revision={revision}
        onNext={(step) => {
          if (step !== 'prepare' || prepare) goTo(step);
        }}
      />
    ),
  },
  {
    key: 'rules',
    zh: '规则',
    en: 'Rules',
    render: ({ workflow, measures, sheet, mode, revision, changed, goTo }) => (
      <RulesTab
        workflow={workflow}
        measures={measures}
        sheet={sheet}
        mode={mode}
        revision={revision}
        onSaved={changed}
        onGradeAgain={() => goTo('grade')}
      />
    ),
  },
  {
    key: 'scenario',
    zh: '情景',
    en: 'Scenario',
    render: ({ workflow, sheet }) => <ScenarioTab workflow={workflow} sheet={sheet} />,
  },
  {
    key: 'review',
    zh: '复核',
    en: 'Review',
    render: ({ workflow, sheet, revision, changed, goTo }) => (
      <ReviewTab
        workflow={workflow}
        sheet={sheet}
        revision={revision}
        onSigned={changed}
        onNext={() => goTo('history')}
      />
    ),
  },
  {
    key: 'history',
    zh: '历史',
    en: 'History',
    render: ({ workflow, revision }) => (
      <HistoryTab
        workflow={workflow.history}
        userName={workflow.userName()}
        revision={revision}
        rulesFingerprint={workflow.rules().fingerprint}
      />
    ),
  },
];

function TabLabel({ lang, zh, en }: { lang: Lang; zh: string; en: string }) {
  const styles = useStyles();
  const [first, second] = lang === 'zh' ? [zh, en] : [en, zh];
  return (
    <span className={styles.tabLabel}>
      <span>{first}</span> <span className={styles.other}>{second}</span>
    </span>
  );
}

/** The task pane: 分级 Grade, 规则 Rules, 情景 Scenario, 复核 Review and 历史 History over one workflow. */
export function App({ workflow, prepare, measures }: AppProps) {
  const { lang } = workflow;
  const tabs = PANE_TABS.filter((t) => t.key !== 'prepare' || prepare !== undefined);
  const styles = useStyles();
  const [tab, setTab] = useState<PaneTabKey>('grade');
  // A tab is mounted when first opened and then kept, so its edits survive a look at another tab.
  const [visited, setVisited] = useState<ReadonlySet<PaneTabKey>>(() => new Set(['grade']));
  const [handoff, setHandoff] = useState<GradeHandoff | undefined>(undefined);
  const tabsRef = useRef<HTMLElement | null>(null);
  const goTo = useCallback((next: PaneTabKey) => {
    setTab(next);
    setVisited((v) => (v.has(next) ? v : new Set([...v, next])));
    // The tab list is at the top: the user sees which tab opened and its first field (jsdom has no scrolling).
    tabsRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, []);
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  const [mode, setMode] = useState<GradingMode | undefined>(undefined);
  const [revision, setRevision] = useState(0);
  const changed = useCallback(() => setRevision((r) => r + 1), []);
  const missing = workflow.unsupported();
  return (
    <main className={styles.root}>
      <header ref={tabsRef}>
        <Title3 as="h1">{lang === 'zh' ? '渠道分级' : 'QD Channel Grader'}</Title3>
        <Caption1 block>
          {lang === 'zh' ? 'QD Channel Grader · 经代渠道分类' : '渠道分级 · brokerage/agency channel grading'}
          {' · '}
          {/* help.html is built beside the pane: every QD function with a worked example. */}
          <Link href="help.html" target="_blank" rel="noopener">
            {bi(lang, '函数帮助', 'Function help')}
          </Link>
        </Caption1>
      </header>
      {missing.length > 0 && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{bi(lang, '此版本 Excel 缺少的功能', 'Not available in this Excel')}</MessageBarTitle>
            {missing.map((m) => (
              <div key={m.zh}>{lang === 'zh' ? `${m.zh}（${m.en}）` : `${m.en} (${m.zh})`}</div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      <TabList
        className={mergeClasses(styles.tabs, lang === 'en' && styles.tabsEn)}
        size="small"
        selectedValue={tab}
        onTabSelect={(_, d) => goTo(d.value as PaneTabKey)}
      >
        {tabs.map((t) => (
          <Tab key={t.key} value={t.key} className={styles.tab}>
            <TabLabel lang={lang} zh={t.zh} en={t.en} />
          </Tab>
        ))}
      </TabList>
      {tabs
        .filter((t) => visited.has(t.key))
        .map((t) => (
          <div key={t.key} className={styles.panel} hidden={tab !== t.key}>
            {t.render({
              workflow,
              prepare,
              measures,
              mode,
              setMode,
              sheet,
              setSheet,
              revision,
              changed,
              goTo,
              handoff,
              setHandoff,
            })}
          </div>
        ))}
    </main>
  );
}
