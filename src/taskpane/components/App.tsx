import { Caption1, Tab, TabList, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { bi } from '../labels';
import type { AppProps } from './App.types';
import { GradeTab } from './GradeTab';
import { ReviewTab } from './ReviewTab';
import { RulesTab } from './RulesTab';
import { ScenarioTab } from './ScenarioTab';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM },
});

type TabKey = 'grade' | 'rules' | 'scenario' | 'review';

/** The task pane: 分级 Grade, 规则 Rules, 情景 Scenario and 复核 Review over one workflow. */
export function App({ workflow }: AppProps) {
  const { lang } = workflow;
  const styles = useStyles();
  const [tab, setTab] = useState<TabKey>('grade');
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  return (
    <main className={styles.root}>
      <header>
        <Title3 as="h1">{lang === 'zh' ? '渠道分级' : 'QD Channel Grader'}</Title3>
        <Caption1 block>
          {lang === 'zh' ? 'QD Channel Grader · 经代渠道分类' : '渠道分级 · brokerage/agency channel grading'}
        </Caption1>
      </header>
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabKey)}>
        <Tab value="grade">{bi(lang, '分级', 'Grade')}</Tab>
        <Tab value="rules">{bi(lang, '规则', 'Rules')}</Tab>
        <Tab value="scenario">{bi(lang, '情景', 'Scenario')}</Tab>
        <Tab value="review">{bi(lang, '复核', 'Review')}</Tab>
      </TabList>
      {/* The grade tab stays mounted, so a run and its result survive a look at another tab. */}
      <div hidden={tab !== 'grade'}>
        <GradeTab workflow={workflow} onGraded={(r) => setSheet(r.sheet)} />
      </div>
      {tab === 'rules' && <RulesTab workflow={workflow} />}
      {tab === 'scenario' && <ScenarioTab workflow={workflow} sheet={sheet} />}
      {tab === 'review' && <ReviewTab workflow={workflow} sheet={sheet} />}
    </main>
  );
}
