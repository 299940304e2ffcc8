/* The pane's entry: waits for Office, picks the label language, and renders the React app. */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import type { Lang } from '../core';
import { excelPaneHost } from '../hosts/excel/excelPaneHost';
import { App } from './components/App';
import { createMeasuresWorkflow } from './workflow/measuresWorkflow';
import { createPaneWorkflow } from './workflow/createPaneWorkflow';
import { createPrepareWorkflow } from './workflow/prepareWorkflow';

function paneLanguage(): Lang {
  // Chinese by default; English only under an English Office display language.
  const display = Office.context.displayLanguage ?? '';
  return display.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

void Office.onReady().then(() => {
  const root = document.getElementById('root');
  if (!root) throw new Error('taskpane.html has no #root element');
  const lang = paneLanguage();
  // Screen readers, hyphenation and font choice follow the pane's language.
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  document.title = lang === 'en' ? 'QD Channel Grader · 渠道分级' : '渠道分级 · QD Channel Grader';
  const host = excelPaneHost();
  const workflow = createPaneWorkflow(host, lang);
  createRoot(root).render(
    <FluentProvider theme={webLightTheme}>
      <App
        workflow={workflow}
        prepare={createPrepareWorkflow(host, lang, () => workflow.rules())}
        measures={createMeasuresWorkflow(host, lang, () => workflow.rules())}
      />
    </FluentProvider>,
  );
});
