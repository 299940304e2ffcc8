/// <reference types="et-jsapi-declare" />
/*
 * The pane's entry in WPS 表格: the same React app as in Excel (src/taskpane/index.tsx), over the
 * WPS pane host. WPS gives the pane's page the global `Application` (no Office.onReady to wait for).
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import type { Lang } from '../core';
import { App } from '../taskpane/components/App';
import { createMeasuresWorkflow } from '../taskpane/workflow/measuresWorkflow';
import { createPaneWorkflow } from '../taskpane/workflow/createPaneWorkflow';
import { createPrepareWorkflow } from '../taskpane/workflow/prepareWorkflow';
import { wpsPaneHost } from '../hosts/wps/wpsPaneHost';

/** Chinese by default; English only where the system's language is English. */
function paneLanguage(): Lang {
  return (navigator.language || '').toLowerCase().startsWith('en') ? 'en' : 'zh';
}

const root = document.getElementById('root');
if (!root) throw new Error('taskpane.html has no #root element');
const lang = paneLanguage();
document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
document.title = lang === 'en' ? 'QD Channel Grader · 渠道分级' : '渠道分级 · QD Channel Grader';
const host = wpsPaneHost(window.Application);
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
