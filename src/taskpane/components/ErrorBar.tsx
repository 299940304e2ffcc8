import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { bi, errorText } from '../labels';
import type { ErrorBarProps } from './ErrorBar.types';

/** A failed action, said in a Fluent MessageBar (the pane's boundary for typed exceptions). */
export function ErrorBar({ error, lang }: ErrorBarProps) {
  if (error === null || error === undefined) return null;
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{bi(lang, '未完成', 'Not done')}</MessageBarTitle>
        {errorText(error, lang)}
      </MessageBarBody>
    </MessageBar>
  );
}
