import {
  Badge,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Subtitle2,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  DEFAULT_CHANNEL_TYPES,
  DEFAULT_RULES,
  InvalidRulesError,
  PARAMETERS,
  compileRules,
  readNumber,
  ruleFingerprint,
  validateRuleSet,
  withChannelTypes,
  type ChannelTypeList,
  type ParameterKey,
  type RuleProblem,
  type RuleSet,
} from '../../core';
import type { ThresholdImpact } from '../../core/measureDistribution';
import { DEFAULT_MARK } from '../../core/defaultMarks';
import { bi, colon } from '../labels';
import { ChannelTypesSection } from './ChannelTypesSection';
import { ErrorBar } from './ErrorBar';
import { ImpactSummary } from './ImpactSummary';
import { MeasureSection } from './MeasureSection';
import { RulesMatrix } from './RulesMatrix';
import { SqlExport } from './SqlExport';
import { CUSTOM_NAME, candidateOf, problemText, sameProblem, shown, withAction, type Drafts } from './rulesDrafts';
import type { RulesTabProps } from './RulesTab.types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  rule: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  input: { width: '100%', minWidth: 0 },
  code: { overflowWrap: 'anywhere' },
});

/**
 * 规则 Rules: thresholds validated as you type, the resource matrix with its actions, defaults, JSON in
 * and out, the fingerprint; given `measures`, the sheet's own distribution of each measure and what the
 * edited thresholds would change (RULES.md §13).
 */
export function RulesTab({ workflow, measures, sheet, mode, revision = 0, onSaved, onGradeAgain }: RulesTabProps) {
  const { lang } = workflow;
  const styles = useStyles();
  const [base, setBase] = useState<RuleSet>(workflow.rules().rules);
  const [drafts, setDrafts] = useState<Drafts>(() => shown(workflow.rules().rules));
  const [name, setName] = useState<string | null>(null);
  // Counts rule sets adopted (reset, import): the channel-type fields start again from the adopted one.
  const [adopted, setAdopted] = useState(0);
  // The channel-type lists as edited (RULES.md §14): undefined = the shipped ones, null = a field is invalid.
  const [types, setTypes] = useState<readonly ChannelTypeList[] | undefined | null>(
    () => workflow.rules().rules.channelTypes,
  );
  const [edited, setEdited] = useState<ParameterKey | null>(null);
  const [json, setJson] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loaded, setLoaded] = useState(false);
  const touched = useRef(false);
  const details = useRef<HTMLDivElement | null>(null);
  const [impact, setImpact] = useState<{ value: ThresholdImpact | null; pending: boolean }>({
    value: null,
    pending: false,
  });
  const onImpact = useCallback((value: ThresholdImpact | null, pending: boolean) => setImpact({ value, pending }), []);
  // The workbook's own rules, once read (RULES.md §10), unless the user has started editing.
  useEffect(() => {
    workflow.loadRules().then(
      (loaded) => {
        setLoaded(true);
        if (touched.current) return;
        setBase(loaded.rules.rules);
        setDrafts(shown(loaded.rules.rules));
        setTypes(loaded.rules.rules.channelTypes);
      },
      (e: unknown) => {
        setLoaded(true);
        setError(e);
      },
    );
  }, [workflow]);

  const candidate = useMemo(() => candidateOf(base, drafts), [base, drafts]);
  // The same with the field the user changed last put back: problems that vanish then are that change's.
  const without = useMemo(
    () => (edited && !candidate.ok ? candidateOf(base, drafts, edited) : null),
    [candidate, edited, base, drafts],
  );
  const problemsUnder = (key: ParameterKey): RuleProblem[] => {
    if (candidate.ok) return [];
    return candidate.problems.filter((p) => {
      const causedByEdit =
        edited !== null && without !== null && (without.ok || !without.problems.some((q) => sameProblem(p, q)));
      return causedByEdit ? key === edited : p.field === key;
    });
  };
  const changedFromDefaults = candidate.ok && ruleFingerprint(candidate.rules) !== ruleFingerprint(DEFAULT_RULES);
  const autoName = base.name === DEFAULT_RULES.name && changedFromDefaults ? CUSTOM_NAME : base.name;
  const ruleName = name ?? autoName;
  // One object per edit, so the impact below is recomputed when the rules change, not on every render.
  const rules = useMemo(
    () =>
      candidate.ok && types !== null
        ? withChannelTypes({ ...candidate.rules, name: ruleName }, types ?? DEFAULT_CHANNEL_TYPES)
        : null,
    [candidate, ruleName, types],
  );
  // The fingerprint grading will record: the channel-type lists count when they are not the shipped ones.
  const fingerprint = useMemo(() => (rules ? compileRules(rules).fingerprint : null), [rules]);
  const otherProblems = candidate.ok
    ? []
    : candidate.problems.filter((p) => !PARAMETERS.some((k) => problemsUnder(k.key).some((q) => sameProblem(p, q))));

  const adopt = (next: RuleSet): void => {
    touched.current = true;
    setBase(next);
    setDrafts(shown(next));
    setTypes(next.channelTypes);
    setAdopted((n) => n + 1);
    setName(null);
    setEdited(null);
    setSaved(null);
  };

  const parseJson = (): { ok: true; rules: RuleSet } | { ok: false; error: InvalidRulesError } => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (e) {
      const detail = e instanceof SyntaxError ? e.message : String(e);
      return {
        ok: false,
        error: new InvalidRulesError([
          { field: 'JSON', message: { zh: `无法读取：${detail}`, en: `cannot be read: ${detail}` } },
        ]),
      };
    }
    const checked = validateRuleSet(parsed);
    if (!checked.ok) return { ok: false, error: new InvalidRulesError(checked.problems) };
    // Validation does not carry the channel-type lists; they are checked here (RULES.md §14).
    const lists = (parsed as { channelTypes?: readonly ChannelTypeList[] }).channelTypes;
    if (lists === undefined) return { ok: true, rules: checked.rules };
    try {
      return { ok: true, rules: withChannelTypes(checked.rules, lists) };
    } catch (e) {
      if (e instanceof InvalidRulesError) return { ok: false, error: e };
      throw e;
    }
  };

  // The pasted JSON, validated as it is typed: each problem by its field, in words.
  const jsonProblem = ((): string | null => {
    if (json.trim() === '') return null;
    const r = parseJson();
    if (r.ok) return null;
    const first = r.error.problems[0];
    const more = r.error.problems.length > 1 ? ` (+${r.error.problems.length - 1})` : '';
    return first ? `${first.field}: ${problemText(first, lang)}${more}` : null;
  })();

  const importJson = (): void => {
    setError(null);
    const r = parseJson();
    if (r.ok) adopt(r.rules);
    else setError(r.error);
  };

  const save = async (): Promise<void> => {
    if (!rules) return;
    setError(null);
    try {
      const compiled = await workflow.saveRules(rules);
      setSaved(compiled.fingerprint);
      onSaved?.();
    } catch (e) {
      setError(e);
    }
  };

  const setAction = (index: number, text: string): void => {
    touched.current = true;
    setBase({ ...base, resources: base.resources.map((r, i) => (i === index ? withAction(r, text) : r)) });
    setSaved(null);
  };

  return (
    <section className={styles.root} aria-label={bi(lang, '规则', 'Rules')}>
      <Field label={bi(lang, '规则名称', 'Rule set name')}>
        <Input
          className={styles.input}
          value={name ?? autoName}
          onChange={(_, d) => {
            setName(d.value);
            setSaved(null);
          }}
        />
      </Field>
      <Subtitle2 as="h2">{bi(lang, '阈值', 'Thresholds')}</Subtitle2>
      {measures && (
        <ImpactSummary
          impact={impact.value}
          pending={impact.pending}
          lang={lang}
          onDetails={() => details.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' })}
        />
      )}
      {PARAMETERS.map((p) => {
        const problems = problemsUnder(p.key);
        const typed = drafts[p.key].trim();
        const read = readNumber(typed, 'value');
        const value = typeof read === 'number' ? read : null;
        // "90" in a percentage field is 9000%: say so, and what to type instead.
        const bare =
          p.kind === 'percent' && value !== null && value > 1 && /^\d+$/.test(typed)
            ? bi(
                lang,
                `${typed} 即 ${+(value * 100).toPrecision(15)}%；如指 ${typed}%，请输入“${typed}%”或 ${+(value / 100).toPrecision(15)}`,
                `${typed} means ${+(value * 100).toPrecision(15)}%; for ${typed}%, type "${typed}%" or ${+(value / 100).toPrecision(15)}`,
              )
            : null;
        const isDefault = value === p.defaultValue;
        const message = problems.length > 0 ? problems.map((x) => problemText(x, lang)).join('；') : bare;
        return (
          <Field
            key={p.key}
            label={bi(lang, p.label.zh, p.label.en)}
            validationState={problems.length > 0 ? 'error' : bare ? 'warning' : 'none'}
            validationMessage={message}
            hint={
              isDefault
                ? bi(lang, `${DEFAULT_MARK.zh} 默认值，非政策`, `${DEFAULT_MARK.en} a default, not policy`)
                : null
            }
          >
            <Input
              className={styles.input}
              aria-label={p.key}
              value={drafts[p.key]}
              onChange={(_, d) => {
                touched.current = true;
                setDrafts({ ...drafts, [p.key]: d.value });
                setEdited(p.key);
                setSaved(null);
              }}
            />
          </Field>
        );
      })}
      {otherProblems.length > 0 && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            {otherProblems.map((p) => (
              <div key={`${p.field}${p.message.zh}`}>
                {p.field}: {problemText(p, lang)}
              </div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      <Text>
        {bi(lang, '规则指纹', 'Fingerprint')}
        {colon(lang)}
        <code data-testid="fingerprint" className={styles.code}>
          {fingerprint ?? '—'}
        </code>{' '}
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
      <ErrorBar error={error} lang={lang} />
      {saved && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            {bi(lang, `已写入“分级规则”工作表，指纹 ${saved}`, `written to the 分级规则 sheet, fingerprint ${saved}`)}
            {sheet !== undefined && (
              <div>
                {bi(
                  lang,
                  `工作表“${sheet}”上的分类仍按此前的规则分级：请重新分级`,
                  `the classes on "${sheet}" were graded with the rules before: grade again`,
                )}
              </div>
            )}
          </MessageBarBody>
          {sheet !== undefined && onGradeAgain && (
            <MessageBarActions>
              <Button size="small" appearance="primary" onClick={onGradeAgain}>
                {bi(lang, '去重新分级 →', 'Grade again →')}
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      <Field
        label={bi(lang, '规则 JSON（导出于此，或粘贴后导入）', 'Rules JSON (exported here, or paste to import)')}
        validationState={jsonProblem ? 'error' : 'none'}
        validationMessage={jsonProblem}
      >
        <Textarea value={json} onChange={(_, d) => setJson(d.value)} rows={6} resize="vertical" />
      </Field>
      {measures && (
        <div ref={details}>
          <MeasureSection
            measures={measures}
            sheet={sheet}
            mode={mode}
            proposed={rules}
            ready={loaded}
            revision={`${workflow.rules().fingerprint}|${revision}`}
            onImpact={onImpact}
          />
        </div>
      )}
      <RulesMatrix base={base} rules={rules} lang={lang} onAction={setAction} />
      <ChannelTypesSection
        key={`${adopted}|${JSON.stringify(base.channelTypes ?? null)}`}
        lang={lang}
        base={base}
        onChange={(lists) => {
          touched.current = true;
          setTypes(lists);
          setSaved(null);
        }}
      />
      <Subtitle2 as="h2">{bi(lang, '导出 SQL', 'Export SQL')}</Subtitle2>
      <SqlExport
        lang={lang}
        rules={rules}
        unsaved={fingerprint !== null && fingerprint !== workflow.rules().fingerprint}
      />
    </section>
  );
}
