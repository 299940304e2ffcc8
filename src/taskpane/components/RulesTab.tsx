import {
  Badge,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import {
  DEFAULT_RULES,
  PARAMETERS,
  matrixRows,
  readNumber,
  ruleFingerprint,
  validateRuleSet,
  type ParameterKey,
  type RuleSet,
} from '../../core';
import { bi } from '../labels';
import { ErrorBar } from './ErrorBar';
import type { RulesTabProps } from './RulesTab.types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  matrix: { maxHeight: '260px', overflow: 'auto' },
});

type Drafts = Record<ParameterKey, string>;

function shown(rules: RuleSet): Drafts {
  return Object.fromEntries(
    PARAMETERS.map((p) => {
      const v = rules.parameters[p.key];
      return [p.key, p.kind === 'percent' ? `${+(v * 100).toPrecision(15)}%` : String(v)];
    }),
  ) as Drafts;
}

/** 规则 Rules: thresholds validated as you type, the resource matrix, defaults, JSON in and out, the fingerprint. */
export function RulesTab({ workflow }: RulesTabProps) {
  const { lang } = workflow;
  const styles = useStyles();
  const [base, setBase] = useState<RuleSet>(workflow.rules().rules);
  const [drafts, setDrafts] = useState<Drafts>(() => shown(workflow.rules().rules));
  const [json, setJson] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  // The candidate: typed numbers read as a cell would be (so 90% and 0.9 are the same), then validated.
  const candidate = useMemo(() => {
    const parameters: Record<string, unknown> = { ...base.parameters };
    for (const p of PARAMETERS) {
      const read = readNumber(drafts[p.key].trim(), 'value');
      parameters[p.key] = typeof read === 'number' ? read : drafts[p.key];
    }
    return validateRuleSet({ ...base, parameters });
  }, [base, drafts]);
  const problemOf = (key: string): string | undefined => {
    if (candidate.ok) return undefined;
    const p = candidate.problems.find((x) => x.field === key);
    return p ? bi(lang, p.message.zh, p.message.en) : undefined;
  };
  const rules = candidate.ok ? candidate.rules : null;

  const adopt = (next: RuleSet): void => {
    setBase(next);
    setDrafts(shown(next));
    setSaved(null);
  };

  // The pasted JSON, validated as it is typed: the matrix rows and thresholds, each problem by its field.
  const jsonProblem = useMemo((): string | null => {
    if (json.trim() === '') return null;
    try {
      const checked = validateRuleSet(JSON.parse(json));
      if (checked.ok) return null;
      const first = checked.problems[0];
      const more = checked.problems.length > 1 ? ` (+${checked.problems.length - 1})` : '';
      return first ? `${first.field}: ${bi(lang, first.message.zh, first.message.en)}${more}` : null;
    } catch {
      return bi(lang, 'JSON 格式有误', 'the JSON cannot be read');
    }
  }, [json, lang]);

  const importJson = (): void => {
    setError(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      setError(new Error(bi(lang, 'JSON 格式有误', 'the JSON cannot be read')));
      return;
    }
    const checked = validateRuleSet(parsed);
    if (checked.ok) adopt(checked.rules);
    else
      setError(
        new Error(checked.problems.map((p) => `${p.field}: ${bi(lang, p.message.zh, p.message.en)}`).join('; ')),
      );
  };

  const save = async (): Promise<void> => {
    if (!rules) return;
    setError(null);
    try {
      const compiled = await workflow.saveRules(rules);
      setSaved(compiled.fingerprint);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className={styles.root} aria-label={bi(lang, '规则', 'Rules')}>
      <ErrorBar error={error} lang={lang} />
      <Subtitle2 as="h2">{bi(lang, '阈值', 'Thresholds')}</Subtitle2>
      {PARAMETERS.map((p) => {
        const message = problemOf(p.key);
        const isDefault = rules ? rules.parameters[p.key] === p.defaultValue : false;
        return (
          <Field
            key={p.key}
            label={bi(lang, p.label.zh, p.label.en)}
            validationState={message ? 'error' : 'none'}
            validationMessage={message ?? null}
            hint={isDefault ? bi(lang, '默认值（非政策）', 'default, not policy') : null}
          >
            <Input
              aria-label={p.key}
              value={drafts[p.key]}
              onChange={(_, d) => {
                setDrafts({ ...drafts, [p.key]: d.value });
                setSaved(null);
              }}
            />
          </Field>
        );
      })}
      <Text>
        {bi(lang, '规则指纹', 'Fingerprint')}：
        <code data-testid="fingerprint">{rules ? ruleFingerprint(rules) : '—'}</code>{' '}
        {!rules && <Badge color="danger">{bi(lang, '规则有误', 'invalid')}</Badge>}
      </Text>
      <div className={styles.row}>
        <Button appearance="primary" disabled={!rules} onClick={() => void save()}>
          {bi(lang, '保存到工作簿', 'Save to workbook')}
        </Button>
        <Button onClick={() => adopt(DEFAULT_RULES)}>{bi(lang, '恢复默认', 'Reset to defaults')}</Button>
        <Button disabled={!rules} onClick={() => setJson(JSON.stringify(rules, null, 2))}>
          {bi(lang, '导出 JSON', 'Export JSON')}
        </Button>
        <Button disabled={json.trim() === ''} onClick={importJson}>
          {bi(lang, '导入 JSON', 'Import JSON')}
        </Button>
      </div>
      {saved && (
        <MessageBar intent="success">
          <MessageBarBody>
            {bi(lang, `已写入“分级规则”工作表，指纹 ${saved}`, `written to the 分级规则 sheet, fingerprint ${saved}`)}
          </MessageBarBody>
        </MessageBar>
      )}
      <Field
        label={bi(lang, '规则 JSON（导出于此，或粘贴后导入）', 'Rules JSON (exported here, or paste to import)')}
        validationState={jsonProblem ? 'error' : 'none'}
        validationMessage={jsonProblem}
      >
        <Textarea value={json} onChange={(_, d) => setJson(d.value)} rows={6} resize="vertical" />
      </Field>
      <Subtitle2 as="h2">{bi(lang, '资源匹配矩阵', 'Resource matrix')}</Subtitle2>
      <div className={styles.matrix}>
        <Table size="extra-small" aria-label={bi(lang, '资源匹配矩阵', 'Resource matrix')}>
          <TableHeader>
            <TableRow>
              {(matrixRows(rules ?? base, lang)[0] ?? []).map((h) => (
                <TableHeaderCell key={String(h)}>{h}</TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {matrixRows(rules ?? base, lang)
              .slice(1)
              .map((r, i) => (
                <TableRow key={i}>
                  {r.map((c, j) => (
                    <TableCell key={j}>{c}</TableCell>
                  ))}
                </TableRow>
              ))}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}
