// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/** Anything that would tie the rules engine to a host, a UI, files or a spreadsheet library. */
const impureModules = [
  'react',
  'react-dom',
  '@fluentui/*',
  'exceljs',
  'office-js',
  '@microsoft/office-js',
  'office-addin-*',
  'hyperformula',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'node:*',
];

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.mjs', '*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
      // decimal.js lives in one module only (RULES.md §10 / the design guide).
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'decimal.js',
              message: 'Import exact arithmetic from src/core (decimalArithmetic.ts is the only decimal.js module).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'decimal.js', message: 'Only src/core/decimalArithmetic.ts imports decimal.js.' }],
          patterns: [
            { group: impureModules, message: 'src/core is pure: no Office, DOM, UI, file or spreadsheet library.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'Office', 'Excel', 'CustomFunctions', 'process'],
    },
  },
  {
    files: ['src/core/decimalArithmetic.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: impureModules, message: 'src/core is pure.' }] }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: {
      globals: {
        module: 'writable',
        require: 'readonly',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    extends: [tseslint.configs.disableTypeChecked],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/cli/**/*.ts', 'scripts/**', 'bench/**', 'examples/**'],
    rules: { 'no-console': 'off' },
  },
  prettier,
);
