import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import functionSources from '../../src/functions/sources.json';
import examples from '../../src/functions/examples.json';
import zhCn from '../../src/functions/translations.zh-cn.json';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS build script shared with webpack
const { translationGaps, localizeMetadata, helpPage } = require('../../scripts/localize-metadata.cjs') as {
  translationGaps: (m: Metadata, t: unknown) => string[];
  localizeMetadata: (m: Metadata, t: unknown) => Metadata;
  helpPage: (m: Metadata, t: unknown, e: unknown) => string;
};

interface Param {
  name: string;
  description?: string;
  optional?: boolean;
  dimensionality?: string;
  customEnumId?: string;
}
interface Metadata {
  functions: {
    id: string;
    name: string;
    description: string;
    helpUrl?: string;
    parameters: Param[];
    result: { dimensionality?: string };
  }[];
  enums?: { id: string; values: unknown[] }[];
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack.config.js is CommonJS
const { finishMetadata } = require('../../webpack.config.js') as {
  finishMetadata: (m: Metadata, base: string) => Metadata & { allowErrorForDataTypeAny?: boolean };
};

/** The family files the generator reads (issue 14 point 9: one file per family). */
const sources = functionSources.map((f) => join(__dirname, '../..', f));

/** CONTRACT.md §1: the classification functions, QD.CHECK, and the §8–§9 functions. */
const CONTRACT: Record<string, string> = {
  COSTRATE: 'lossRatio, marketExpenseRatio, nonMarketExpenseRatio',
  COOPDAYS: 'startDate, endDate',
  ANNUALSCALE: 'premium, days',
  DEPTH: 'cooperationPremium, ownPremium',
  COSTBAND: 'costRate, [rules], [lang]',
  SCALEBAND: 'annualScale, [rules]',
  DEPTHBAND: 'depth, [rules], [lang]',
  CHANNELCLASS: 'costRate, annualScale, depth, [rules], [lang]',
  CLASSIFY: 'lossRatio, marketExpenseRatio, nonMarketExpenseRatio, premium, days, ownPremium, [rules], [lang]',
  CLASSINDEX: 'classLabel',
  CLASSLABEL: 'index, [lang]',
  RESOURCE: 'classLabel, item, [matrix], [lang]',
  RESOURCES: 'classLabel, [matrix], [lang]',
  MGMTLEVEL: 'classLabel, [lang]',
  REVIEWACTION: 'classLabel, [matrix], [lang]',
  HEADROOM: 'lossRatio, nonMarketExpenseRatio, [targetBand], [rules]',
  WEIGHTEDRATIO: 'ratios, premiums',
  GROUPCOSTRATE: 'costRates, annualScales',
  GROUPDEPTH: 'annualScales, groupOwnPremium',
  WINDOW: 'kind, judgingDate',
  EXPLAIN: 'costRate, annualScale, depth, [rules], [lang]',
  RULES: '[lang]',
  CHECK: 'lossRatio, marketExpenseRatio, nonMarketExpenseRatio, premium, days, ownPremium',
  COMMISSIONDUE: 'contractTotal, rate, collected, alreadyPaid, [payeeType], [contractStatus], [specialApproval]',
  AGENTFEE: 'tier, firstTimeRatings',
  COMMISSIONPLAN: 'contractTotal, rate, collections, [payeeType]',
  BREAKEVEN: 'costs, commissionRate',
  AGENCYPLAN: 'monthlyPremium, commissionRate, monthlyCosts, officeCosts, months, [loanSupport]',
  AGENCYPRICE: 'nationalPrice, managementPoints',
  STARS: 'points, allPoints, [veto]',
  DEPTCHECK: 'unitType, annualPremium, perHead, minAccountManager, headcount, [municipality], [firstYear]',
  MEASURECHECK: 'functionName, [arg1], [arg2], [arg3], [arg4], [arg5], [arg6], [arg7], [arg8]',
  ECONCHECK: 'functionName, [arg1], [arg2], [arg3], [arg4], [arg5], [arg6], [arg7]',
  WINDOWCHECK: 'kind, judgingDate',
  RULESCHECK: 'rules, [matrix]',
};

let metadata: Metadata;
let associations: number;

beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata(sources, false);
  expect(result.errors).toEqual([]);
  metadata = JSON.parse(result.metadataJson) as Metadata;
  associations = result.associate.length;
});

describe('the functions metadata, generated from TSDoc (CONTRACT.md §1)', () => {
  it('holds every function of the contract with its parameters in order', () => {
    const signatures = Object.fromEntries(
      metadata.functions.map((f) => [f.id, f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ')]),
    );
    expect(signatures).toEqual(CONTRACT);
  });

  it('reads one source file per family, each under 400 lines, none holding all the functions', () => {
    expect(sources.map((f) => f.split('/').pop())).toEqual([
      'measures.ts',
      'classification.ts',
      'resources.ts',
      'windows.ts',
      'economics.ts',
      'checks.ts',
    ]);
    for (const f of sources) expect(readFileSync(f, 'utf8').split('\n').length).toBeLessThan(400);
  });

  it('picks up every @customfunction: each one is a top-level function declaration, not an arrow function', () => {
    const text = sources.map((f) => readFileSync(f, 'utf8')).join('\n');
    const tagged = [...text.matchAll(/@customfunction\s+(\w+)[\s\S]*?\*\/\s*(\S+ \S+)/g)];
    expect(tagged.map((m) => m[2])).toEqual(Array(tagged.length).fill('export function'));
    expect(metadata.functions).toHaveLength(tagged.length);
    expect(associations).toBe(tagged.length);
  });

  it('has an English description for every function and parameter, and a help page anchor', () => {
    for (const f of metadata.functions) {
      expect(f.description.length).toBeGreaterThan(10);
      expect(f.helpUrl).toBe(`https://localhost:3000/help.html#${f.id}`);
      for (const p of f.parameters) expect(p.description?.length ?? 0).toBeGreaterThan(2);
    }
  });

  it('has a Chinese description for every function and parameter, and nothing stale', () => {
    expect(translationGaps(metadata, zhCn)).toEqual([]);
    const zh = localizeMetadata(metadata, zhCn);
    const classFn = zh.functions.find((f) => f.id === 'CHANNELCLASS');
    expect(classFn?.name).toBe('CHANNELCLASS');
    expect(classFn?.description).toMatch(/^由经营成本率/);
    expect(classFn?.parameters[0]?.description).toBe('经营成本率');
  });

  it('refuses to build Chinese metadata with a gap in the table', () => {
    expect(() => localizeMetadata(metadata, { ...zhCn, CHECK: undefined })).toThrow('CHECK: no description');
  });

  it('declares value arguments as ranges, so every one may be a cell or a range', () => {
    // Only options are scalars: a language, a target band, the one payee type of a whole schedule.
    const scalarsByDesign = new Set(['lang', 'targetBand', 'COMMISSIONPLAN.payeeType']);
    for (const f of metadata.functions) {
      for (const p of f.parameters) {
        if (!scalarsByDesign.has(p.name) && !scalarsByDesign.has(`${f.id}.${p.name}`))
          expect(`${f.id}.${p.name}:${p.dimensionality ?? 'scalar'}`).toBe(`${f.id}.${p.name}:matrix`);
      }
    }
  });

  it('lets error values in (allowErrorForDataTypeAny) for every value argument that is not a custom enum', () => {
    const finished = finishMetadata(metadata, 'https://localhost:3000');
    expect(finished.allowErrorForDataTypeAny).toBe(true);
    for (const f of finished.functions)
      for (const p of f.parameters as (Param & { type?: string })[])
        if (!p.customEnumId) expect(`${f.id}.${p.name}:${p.type ?? 'any'}`).toBe(`${f.id}.${p.name}:any`);
  });

  it('moves every help URL to the published address, and only those', () => {
    const finished = finishMetadata(metadata, 'https://addins.example.com/qd');
    for (const f of finished.functions) expect(f.helpUrl).toBe(`https://addins.example.com/qd/help.html#${f.id}`);
    expect(finished.functions.map((f) => f.description)).toEqual(metadata.functions.map((f) => f.description));
  });

  it('declares a spilling result for every function but the three aggregates', () => {
    const scalar = metadata.functions.filter((f) => f.result.dimensionality !== 'matrix').map((f) => f.id);
    expect(scalar.sort()).toEqual(['GROUPCOSTRATE', 'GROUPDEPTH', 'WEIGHTEDRATIO']);
  });

  it('types every range parameter any, so an error cell fails only its own row (RESOURCE.item, WINDOW.kind, COMMISSIONDUE.payeeType)', () => {
    for (const f of metadata.functions)
      for (const p of f.parameters as (Param & { type?: string })[])
        if (p.dimensionality === 'matrix')
          expect(`${f.id}.${p.name}:${p.type ?? 'any'}:${p.customEnumId ?? ''}`).toBe(`${f.id}.${p.name}:any:`);
  });

  it('keeps the autocomplete lists where Excel allows them: single-value options (language, target band, a plan’s payee type)', () => {
    // Enums are read per file, so the resources family has its own language enum.
    expect(metadata.enums?.map((e) => e.id).sort()).toEqual([
      'LabelLanguage',
      'OutcomeLanguage',
      'PayeeTypeName',
      'TargetBand',
    ]);
    const uses = metadata.functions.flatMap((f) =>
      f.parameters.filter((p) => p.customEnumId).map((p) => `${f.id}.${p.name}:${p.dimensionality ?? 'scalar'}`),
    );
    expect(uses).toEqual(
      expect.arrayContaining([
        'HEADROOM.targetBand:scalar',
        'CHANNELCLASS.lang:scalar',
        'RESOURCE.lang:scalar',
        'COMMISSIONPLAN.payeeType:scalar',
      ]),
    );
    expect(uses.filter((u) => !u.endsWith(':scalar'))).toEqual([]);
  });

  it('writes a help page with a section for every function in both languages', () => {
    const html = helpPage(metadata, zhCn, examples);
    for (const f of metadata.functions) expect(html).toContain(`<section id="${f.id}">`);
    expect(html).toContain('=QD.CHANNELCLASS(costRate, annualScale, depth, [rules], [lang])');
  });
});
