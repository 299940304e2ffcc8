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
        tsconfig: { module: 'CommonJS', moduleResolution: 'Node10', verbatimModuleSyntax: false, jsx: 'react-jsx' },
        diagnostics: false,
      },
    ],
  },
  // office-addin-mock imports office-addin-manifest for one enum; the real module does not load under Jest.
  moduleNameMapper: { '^office-addin-manifest$': '<rootDir>/test/support/stubs/officeAddinManifest.cjs' },
  setupFiles: ['<rootDir>/test/support/setupGlobals.ts', '<rootDir>/test/support/setupDom.ts'],
  testTimeout: 30000,
};
