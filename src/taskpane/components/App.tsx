import { Title3, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { RulesSummary } from './RulesSummary';
import type { AppProps } from './App.types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM },
});

/** The task pane: for now the rules in force; grading, rules editing, scenarios and review follow. */
export function App({ rules, lang }: AppProps) {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <header>
        <Title3 as="h1">{lang === 'zh' ? '渠道分级' : 'QD Channel Grader'}</Title3>
        <Caption1 block>
          {lang === 'zh' ? 'QD Channel Grader · 经代渠道分类' : '渠道分级 · brokerage/agency channel grading'}
        </Caption1>
      </header>
      <RulesSummary rules={rules} lang={lang} />
    </main>
  );
}
