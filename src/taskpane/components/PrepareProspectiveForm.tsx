import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { PROSPECTIVE_COLUMNS, type ProspectiveKey } from '../../grading/prepareColumns';
import type { PrepareSheetReport } from '../../grading/prepareSheet';
import { bi, said } from '../labels';
import { ErrorBar } from './ErrorBar';
import type { PrepareProspectiveFormProps } from './PrepareProspectiveForm.types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
});

/**
 * The 经代渠道合作信息表 form: a prospective channel's negotiated figures and where they came from
 * (RULES.md §5.1, §12); Add appends a row to the form sheet, then prepares and grades every
 * prospective channel of it on `拟合作渠道分级`.
 */
export function PrepareProspectiveForm({ workflow, nonMarketSheet, judging, onGraded }: PrepareProspectiveFormProps) {
  const { lang } = workflow;
  const styles = useStyles();
  const [entry, setEntry] = useState<Partial<Record<ProspectiveKey, string>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [report, setReport] = useState<PrepareSheetReport | null>(null);

  const add = async () => {
    if (!nonMarketSheet) return;
    setBusy(true);
    setError(null);
    try {
      const r = await workflow.addProspective(entry, nonMarketSheet, judging);
      setReport(r);
      onGraded?.(r);
      setEntry({});
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const last = report?.preparation;
  return (
    <section className={styles.root} aria-label={bi(lang, '经代渠道合作信息表', 'Cooperation information form')}>
      <Subtitle2>
        {bi(lang, '拟合作渠道：经代渠道合作信息表', 'Prospective channel: cooperation information form')}
      </Subtitle2>
      {PROSPECTIVE_COLUMNS.map((c) => (
        <Field key={c.key} label={bi(lang, c.header.zh, c.header.en)} required={c.required}>
          <Input
            value={entry[c.key] ?? ''}
            onChange={(_, d) => setEntry((x) => ({ ...x, [c.key]: d.value }))}
            aria-label={c.header[lang]}
          />
        </Field>
      ))}
      <Button appearance="primary" disabled={busy || !nonMarketSheet} onClick={() => void add()}>
        {bi(lang, '添加并分级', 'Add and grade')}
      </Button>
      {!nonMarketSheet && (
        <MessageBar intent="info">
          <MessageBarBody>
            {said(lang, '请先在上方选择非市场费用率表', 'pick the non-market table above first')}
          </MessageBarBody>
        </MessageBar>
      )}
      <ErrorBar error={error} lang={lang} />
      {last && (
        <MessageBar intent={last.notPrepared.length > 0 ? 'warning' : 'success'} layout="multiline">
          <MessageBarBody>
            <div>
              {said(
                lang,
                `已分级拟合作渠道 ${last.channels.length} 个（工作表 ${report.sheet}）`,
                `${last.channels.length} prospective channels graded (sheet ${report.sheet})`,
              )}
            </div>
            {last.notPrepared.map((n) => (
              <div key={`${n.channelId}-${n.issues[0]?.message.en ?? ''}`}>
                {n.channelId || '—'}：{n.issues.map((i) => said(lang, i.message.zh, i.message.en)).join('；')}
              </div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
