import { Button, Caption1, Field, Input, Link, Select, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { parseDateText, isoDate } from '../../core';
import { SQL_DIALECTS, SQL_KINDS, compileSql, type SqlDialect, type SqlKind } from '../../sql';
import { KIND_WORDS, bi, colon, errorText } from '../labels';
import type { SqlExportProps } from './SqlExport.types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
  half: { flexBasis: '130px', flexGrow: 1, minWidth: 0 },
  input: { width: '100%', minWidth: 0 },
  code: { overflowWrap: 'anywhere', fontFamily: tokens.fontFamilyMonospace },
  script: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase100 },
});

function today(): string {
  const d = new Date();
  return isoDate({ year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() });
}

/**
 * 导出 SQL Export SQL (CONTRACT.md §7): the rules as one script for the warehouse, in the dialect chosen,
 * with its fingerprint shown. The pane has no file access: the script is shown to copy, and offered as a
 * download (a link to the text in memory) where the Office host lets the pane download.
 */
export function SqlExport({ lang, rules, unsaved }: SqlExportProps) {
  const styles = useStyles();
  const [dialect, setDialect] = useState<SqlDialect>('duckdb');
  const [kind, setKind] = useState<SqlKind>('quarter');
  const [date, setDate] = useState(today);
  const [script, setScript] = useState<{ sql: string; fingerprint: string; dialect: SqlDialect } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const area = useRef<HTMLTextAreaElement | null>(null);
  const judging = parseDateText(date.trim());
  const url = useMemo(
    () =>
      script && typeof URL.createObjectURL === 'function'
        ? URL.createObjectURL(new Blob([script.sql], { type: 'application/sql' }))
        : null,
    [script],
  );
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);

  const make = (): void => {
    setCopied(false);
    setProblem(null);
    if (!rules || !judging) return;
    try {
      const compiled = compileSql({ judgingDate: isoDate(judging), kind, dialect, rules });
      setScript({ sql: compiled.sql, fingerprint: compiled.fingerprint, dialect });
    } catch (e) {
      setScript(null);
      setProblem(errorText(e, lang));
    }
  };

  const copy = async (): Promise<void> => {
    if (!script) return;
    try {
      await navigator.clipboard.writeText(script.sql);
      setCopied(true);
    } catch {
      // Some Office hosts deny the clipboard API to a task pane: select the text for Ctrl+C instead.
      area.current?.select();
      setCopied(false);
      setProblem(
        bi(lang, '无法直接复制：已选中脚本，请按 Ctrl+C', 'cannot copy here: the script is selected, press Ctrl+C'),
      );
    }
  };

  return (
    <section className={styles.root} aria-label={bi(lang, '导出 SQL', 'Export SQL')}>
      <Caption1 block>
        {bi(
          lang,
          '把本工作簿的规则导出为数仓可运行的 SQL 脚本（qd_graded、qd_not_prepared），脚本首行与结果列带规则指纹',
          "the workbook's rules as one SQL script for the warehouse (qd_graded, qd_not_prepared); the fingerprint is in its first line and a column",
        )}
      </Caption1>
      <Field label={bi(lang, 'SQL 方言', 'SQL dialect')}>
        <Select className={styles.input} value={dialect} onChange={(_, d) => setDialect(d.value as SqlDialect)}>
          {SQL_DIALECTS.map((x) => (
            <option key={x.id} value={x.id}>
              {bi(lang, x.label.zh, x.label.en)}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.row}>
        <Field className={styles.half} label={bi(lang, '分级类型', 'Kind')}>
          <Select className={styles.input} value={kind} onChange={(_, d) => setKind(d.value as SqlKind)}>
            {SQL_KINDS.map((k) => (
              <option key={k} value={k}>
                {bi(lang, KIND_WORDS[k].zh, KIND_WORDS[k].en)}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          className={styles.half}
          label={bi(lang, '评判日', 'Judging date')}
          validationState={judging ? 'none' : 'error'}
          validationMessage={judging ? null : bi(lang, '请填写评判日', 'enter the judging date')}
        >
          <Input className={styles.input} type="date" value={date} onChange={(_, d) => setDate(d.value)} />
        </Field>
      </div>
      {unsaved && (
        <Caption1 block>
          {bi(
            lang,
            '注意：导出的是正在编辑、尚未保存的规则；其指纹与工作簿中的规则不同',
            "note: this exports the rules being edited, not yet saved; their fingerprint differs from the workbook's",
          )}
        </Caption1>
      )}
      <div className={styles.row}>
        <Button appearance="primary" disabled={!rules || !judging} onClick={make}>
          {bi(lang, '导出 SQL', 'Export SQL')}
        </Button>
        {script && (
          <Button onClick={() => void copy()}>
            {copied ? bi(lang, '已复制 ✓', 'Copied ✓') : bi(lang, '复制', 'Copy')}
          </Button>
        )}
        {script && url && (
          <Link href={url} download={`qd-grade-${script.dialect}-${script.fingerprint}.sql`}>
            {bi(lang, '下载 .sql', 'Download .sql')}
          </Link>
        )}
      </div>
      {problem && <Caption1 role="alert">{problem}</Caption1>}
      {script && (
        <>
          <Caption1 block>
            {bi(lang, '脚本的规则指纹', "The script's rules fingerprint")}
            {colon(lang)}
            <code className={styles.code} data-testid="sql-fingerprint">
              {script.fingerprint}
            </code>
          </Caption1>
          <Textarea
            className={styles.script}
            textarea={{ ref: area }}
            readOnly
            value={script.sql}
            rows={8}
            resize="vertical"
            aria-label={bi(lang, 'SQL 脚本', 'SQL script')}
          />
        </>
      )}
    </section>
  );
}
