/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': [
      'ts-jest',
      {
        // Type checking is `tsc --noEmit` in `npm run lint`; here we only transpile, fast.
        tsconfig: { module: 'CommonJS', moduleResolution: 'Node10', verbatimModuleSyntax: false },
        diagnostics: false,
      },
    ],
  },
  setupFiles: ['<rootDir>/test/support/setupGlobals.ts'],
  testTimeout: 30000,
};
