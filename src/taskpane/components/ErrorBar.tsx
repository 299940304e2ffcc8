import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { bi, errorText } from '../labels';
import { useIntoView } from '../useIntoView';
import type { ErrorBarProps } from './ErrorBar.types';

/** A failed action, said in a Fluent MessageBar beside the action and scrolled into view (the pane's boundary for typed exceptions). */
export function ErrorBar({ error, lang }: ErrorBarProps) {
  const ref = useIntoView<HTMLDivElement>(error);
  if (error === null || error === undefined) return null;
  return (
    <div ref={ref}>
      <MessageBar intent="error" role="alert" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{bi(lang, '未完成', 'Not done')}</MessageBarTitle>
          {errorText(error, lang)}
        </MessageBarBody>
      </MessageBar>
    </div>
  );
}
