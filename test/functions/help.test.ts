/*
 * The functions' help page (issue 14 point 8): every function has a worked example whose result is
 * what the formula really gives — each example is evaluated in HyperFormula with the QD functions —
 * explained in the user's words in Chinese and English, citing no file the user does not have.
 */
import { DetailedCellError } from 'hyperformula';
import examples from '../../src/functions/examples.json';
import zhCn from '../../src/functions/translations.zh-cn.json';
import {
  buildEngine,
  qdMetadata,
  registerQdFunctions,
  setBlankConvention,
  type BlankConvention,
} from '../support/qdHyperFormula';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS build script shared with webpack
const { helpPage } = require('../../scripts/localize-metadata.cjs') as {
  helpPage: (m: unknown, t: unknown, e: unknown) => string;
};

type Example = { formula: string; result: unknown[][]; zh: string; en: string };
const EXAMPLES = examples as Record<string, Example>;
// Far enough apart that no spill of one example reaches the next.
const STRIDE = 20;

let html: string;
let ids: string[];

beforeAll(async () => {
  await registerQdFunctions();
  const metadata = await qdMetadata();
  ids = metadata.functions.map((f) => f.id);
  html = helpPage({ functions: metadata.functions }, zhCn, examples);
});

describe('the functions help page', () => {
  it('has a worked example for every function, and none for a function that does not exist', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(html).toContain(`<code>${EXAMPLES[id]?.formula.replace(/"/g, '&quot;')}</code>`);
  });

  it.each<BlankConvention>(['web', 'desktop'])(
    'gives each example the result the formula really has, on Excel %s',
    (convention) => {
      setBlankConvention(convention);
      const hf = buildEngine({
        Help: ids.flatMap((id) => [[EXAMPLES[id]?.formula ?? ''], ...Array.from({ length: STRIDE - 1 }, () => [])]),
      });
      try {
        ids.forEach((id, i) => {
          const expected = EXAMPLES[id]?.result ?? [];
          const got = expected.map((row, r) =>
            row.map((_, c) => {
              const v = hf.getCellValue({ sheet: 0, row: i * STRIDE + r, col: c });
              return v instanceof DetailedCellError ? `${v.value} ${v.message}` : v;
            }),
          );
          expect({ id, result: got }).toEqual({ id, result: expected });
        });
      } finally {
        hf.destroy();
        setBlankConvention('web');
      }
    },
  );

  it('explains every example in Chinese and in English', () => {
    for (const id of ids) {
      expect(`${id}: ${EXAMPLES[id]?.zh}`).toMatch(/[\u4e00-\u9fff]/);
      expect(`${id}: ${EXAMPLES[id]?.en}`).toMatch(/^[A-Z]+: [A-Z0-9=]/);
    }
  });

  it('speaks in the user’s words: no reference to RULES.md, CONTRACT.md or a § the user does not have', () => {
    expect(html).not.toMatch(/RULES\.md|CONTRACT\.md|§|规则 §/);
  });

  it('labels the reference calculators 参考测算 with the trade of their source, and says which parts are defaults', () => {
    const section = (id: string): string =>
      html.slice(html.indexOf(`<section id="${id}">`)).split('</section>')[0] ?? '';
    const trades: Record<string, RegExp> = {
      COMMISSIONDUE: /物业买卖[\s\S]*property sales/,
      COMMISSIONPLAN: /物业买卖[\s\S]*property sales/,
      AGENTFEE: /信用评级[\s\S]*credit-rating/,
      AGENCYPRICE: /药企[\s\S]*drug maker/,
      STARS: /电信运营商[\s\S]*telecom operator/,
      BREAKEVEN: /寿险[\s\S]*life insurer/,
      AGENCYPLAN: /寿险[\s\S]*life insurer/,
      DEPTCHECK: /经代业务部[\s\S]*brokerage\/agency departments/,
    };
    for (const [id, trade] of Object.entries(trades)) {
      expect(`${id}: ${section(id)}`).toMatch(/参考测算/);
      expect(`${id}: ${section(id)}`).toMatch(trade);
    }
    expect(section('AGENCYPLAN')).toMatch(
      /成本构成和盈亏平衡为默认值[\s\S]*cost composition and break-even are\s+defaults/,
    );
    expect(section('BREAKEVEN')).toMatch(/默认值[\s\S]*formula is a default/);
  });

  it('refuses to build a help page with a function missing its example', () => {
    const { COSTRATE: _dropped, ...rest } = EXAMPLES;
    void _dropped;
    expect(() => helpPage({ functions: [{ id: 'COSTRATE', name: 'COSTRATE', parameters: [] }] }, zhCn, rest)).toThrow(
      'no example for: COSTRATE',
    );
  });
});
