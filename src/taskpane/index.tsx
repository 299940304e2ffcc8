/* The pane's entry: waits for Office, picks the label language, and renders the React app. */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { DEFAULT_COMPILED, type Lang } from '../core';
import { App } from './components/App';

function paneLanguage(): Lang {
  // Chinese by default; English only under an English Office display language.
  const display = Office.context.displayLanguage ?? '';
  return display.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

Office.onReady()
  .then(() => {
    const root = document.getElementById('root');
    if (!root) throw new Error('taskpane.html has no #root element');
    createRoot(root).render(
      <FluentProvider theme={webLightTheme}>
        <App rules={DEFAULT_COMPILED} lang={paneLanguage()} />
      </FluentProvider>,
    );
  })
  .catch((e: unknown) => {
    // No pane to show a message in yet: let the host's console report it.
    throw e;
  });
