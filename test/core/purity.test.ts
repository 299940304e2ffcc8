import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const coreDir = join(__dirname, '../../src/core');
const files = readdirSync(coreDir).filter((f) => f.endsWith('.ts'));

function importsOf(file: string): string[] {
  const text = readFileSync(join(coreDir, file), 'utf8');
  return [...text.matchAll(/(?:from|import)\s+['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');
}

describe('the rules engine is pure (issue: src/core imports no Office, DOM, fs or spreadsheet library)', () => {
  it.each(files)('%s imports only core modules (and decimal.js where allowed)', (file) => {
    const outside = importsOf(file).filter((m) => !m.startsWith('./'));
    expect(outside).toEqual(file === 'decimalArithmetic.ts' ? ['decimal.js'] : []);
  });

  it('uses no host globals', () => {
    for (const file of files) {
      const code = readFileSync(join(coreDir, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code).not.toMatch(/\b(Office|Excel|CustomFunctions|window|document|process)\./);
    }
  });
});
