import {
  Checkbox,
  Field,
  Input,
  Select,
  Subtitle2,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import {
  AGENT_TERMS,
  AGENT_TIERS,
  DEPT_STANDARDS,
  UNIT_TYPES,
  agencyPrice,
  agentFee,
  deptCheck,
  isProblem,
  readAllPoints,
  stars,
  type AgentTier,
  type Field as InputField,
  type Lang,
  type Problem,
  type UnitType,
} from '../../core';
import { bi, showAmount, colon } from '../labels';
import { splitList } from '../splitList';
import type { CalculatorsFormProps } from './CalculatorsForm.types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
});

function said(p: Problem, lang: Lang): string {
  return bi(lang, p.message.zh, p.message.en);
}

/** The problem to show under an input: the result's problem when it is about that input's field. */
function under(
  result: unknown,
  field: InputField,
  lang: Lang,
): { validationState: 'error' | 'none'; validationMessage: string | null } {
  const bad = isProblem(result) && result.field === field;
  return { validationState: bad ? 'error' : 'none', validationMessage: bad ? said(result, lang) : null };
}

/** A calculator's heading, marked 参考测算 with the trade its source is about (RULES.md §8). */
function heading(lang: Lang, zh: string, en: string, tradeZh: string | null, tradeEn: string | null): string {
  if (tradeZh === null || tradeEn === null) return bi(lang, zh, en);
  return `${bi(lang, zh, en)} · ${bi(lang, `参考测算（来源为${tradeZh}的文件）`, `reference (its source is about ${tradeEn})`)}`;
}

/** Agent fee, agency price, stars and department standards, computed as the user types (RULES.md §8–§9). */
export function CalculatorsForm({ lang }: CalculatorsFormProps) {
  const styles = useStyles();
  const [tier, setTier] = useState<AgentTier>('province');
  const [ratings, setRatings] = useState('81');
  const [price, setPrice] = useState('1000');
  const [points, setPoints] = useState('1.5');
  const [all, setAll] = useState('100 90 80 70 60 50 40 30 20 10');
  const [vetoed, setVetoed] = useState('');
  const [unit, setUnit] = useState<UnitType>('cityHeadOffice');
  const [figures, setFigures] = useState({
    annualPremium: '12000000',
    perHead: '1800000',
    accountManager: '1290000',
    headcount: '8',
  });
  const [municipality, setMunicipality] = useState(false);
  const [firstYear, setFirstYear] = useState(false);

  const fee = agentFee(tier, ratings.trim());
  const priced = agencyPrice(price.trim(), points.trim());
  const allPoints = readAllPoints(splitList(all));
  const vetoList = splitList(vetoed);
  const vetoRows = new Set(vetoList.map(Number));
  const outlets = Array.isArray(allPoints) ? allPoints.length : 0;
  // A veto of an outlet not in the list is an error, not ignored (RULES.md §9).
  const badVeto = vetoList.filter((v) => {
    const n = Number(v);
    return !Number.isInteger(n) || n < 1 || n > outlets;
  });
  const check = deptCheck(unit, figures, { municipality, firstYear });

  return (
    <section className={styles.root} aria-label={bi(lang, '测算工具', 'Calculators')}>
      <Subtitle2 as="h3">
        {heading(lang, '代理费', 'Agent fee', '信用评级机构代理商', "a credit-rating agency's resellers")}
      </Subtitle2>
      <div className={styles.row}>
        <Field label={bi(lang, '代理商级别', 'Tier')}>
          <Select value={tier} onChange={(_, d) => setTier(d.value as AgentTier)}>
            {AGENT_TIERS.map((t) => (
              <option key={t} value={t}>
                {bi(lang, AGENT_TERMS[t].label.zh, AGENT_TERMS[t].label.en)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={bi(lang, '初次评级家数', 'First-time ratings')} {...under(fee, 'ratings', lang)}>
          <Input value={ratings} onChange={(_, d) => setRatings(d.value)} />
        </Field>
      </div>
      <Text aria-label={bi(lang, '代理费结果', 'Agent fee result')}>
        {isProblem(fee)
          ? said(fee, lang)
          : bi(lang, `年代理费 ${showAmount(fee, 'zh')}`, `fee ${showAmount(fee, 'en')}`)}
      </Text>

      <Subtitle2 as="h3">
        {heading(lang, '三级代理价格', 'Three-tier agency price', '医药企业经销商', "a drug maker's distributors")}
      </Subtitle2>
      <div className={styles.row}>
        <Field label={bi(lang, '全国统一代理价', 'National price')} {...under(priced, 'nationalPrice', lang)}>
          <Input value={price} onChange={(_, d) => setPrice(d.value)} />
        </Field>
        <Field
          label={bi(lang, '管理费点数（1–2）', 'Management points (1–2)')}
          {...under(priced, 'managementPoints', lang)}
        >
          <Input value={points} onChange={(_, d) => setPoints(d.value)} />
        </Field>
      </div>
      <Text aria-label={bi(lang, '代理价格结果', 'Agency price result')}>
        {isProblem(priced)
          ? '—'
          : bi(
              lang,
              `管理费 ${showAmount(priced.managementFee, 'zh')}，省级代理净价 ${showAmount(priced.netPrice, 'zh')}`,
              `fee ${showAmount(priced.managementFee, 'en')}, province agent net ${showAmount(priced.netPrice, 'en')}`,
            )}
      </Text>

      <Subtitle2 as="h3">
        {heading(lang, '星级评定', 'Star rating', '电信运营商网点', "a telecom operator's outlets")}
      </Subtitle2>
      <Field
        label={bi(lang, '各网点积分（按顺序）', 'Outlets’ points, in order')}
        {...under(allPoints, 'allPoints', lang)}
      >
        <Textarea value={all} onChange={(_, d) => setAll(d.value)} />
      </Field>
      <Field
        label={bi(lang, '触及一票否决的序号', 'Outlets (by number) with a veto item')}
        validationState={badVeto.length > 0 ? 'error' : 'none'}
        validationMessage={
          badVeto.length > 0
            ? bi(
                lang,
                `序号 ${badVeto.join('、')} 不在网点列表中（共 ${outlets} 个）`,
                `${badVeto.join(', ')} not in the list of outlets (${outlets} listed)`,
              )
            : null
        }
      >
        <Input value={vetoed} onChange={(_, d) => setVetoed(d.value)} />
      </Field>
      <Text aria-label={bi(lang, '星级结果', 'Stars result')}>
        {badVeto.length > 0
          ? '—'
          : Array.isArray(allPoints)
            ? allPoints.map((p, i) => `${i + 1}: ${stars(p, allPoints, vetoRows.has(i + 1))}★`).join('  ')
            : said(allPoints, lang)}
      </Text>

      <Subtitle2 as="h3">
        {heading(lang, '经代业务部设立标准', 'Department establishment standards', null, null)}
      </Subtitle2>
      <Field label={bi(lang, '机构类型', 'Unit type')}>
        <Select value={unit} onChange={(_, d) => setUnit(d.value as UnitType)}>
          {UNIT_TYPES.map((u) => (
            <option key={u} value={u}>
              {bi(lang, DEPT_STANDARDS[u].label.zh, DEPT_STANDARDS[u].label.en)}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.row}>
        {(
          [
            ['annualPremium', '业务部年保费', 'Annual premium'],
            ['perHead', '人均年保费', 'Premium per head'],
            ['accountManager', '客户经理最低产能', 'Account manager minimum'],
            ['headcount', '岗位编制', 'Headcount'],
          ] as const
        ).map(([key, zh, en]) => (
          <Field key={key} label={bi(lang, zh, en)} {...under(check, key, lang)}>
            <Input value={figures[key]} onChange={(_, d) => setFigures({ ...figures, [key]: d.value })} />
          </Field>
        ))}
      </div>
      <div className={styles.row}>
        <Checkbox
          checked={municipality}
          onChange={(_, d) => setMunicipality(Boolean(d.checked))}
          label={bi(lang, '直辖市', 'Municipality')}
        />
        <Checkbox
          checked={firstYear}
          onChange={(_, d) => setFirstYear(Boolean(d.checked))}
          label={bi(lang, '设立第一年', 'First year')}
        />
      </div>
      <ul aria-label={bi(lang, '设立标准结果', 'Standards result')}>
        {isProblem(check) ? (
          <li>{said(check, lang)}</li>
        ) : (
          check.map((c) => (
            <li key={c.standard}>
              {c.met ? '✓' : '✗'} {bi(lang, c.label.zh, c.label.en)}
              {colon(lang)}
              {typeof c.required === 'number'
                ? `≥ ${showAmount(c.required, lang, 'none')}`
                : `(${c.required.min}, ${c.required.max}]`}
              （{showAmount(c.actual, lang, 'none')}）
            </li>
          ))
        )}
      </ul>
    </section>
  );
}
