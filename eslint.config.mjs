// Lint rules for the TypeScript sources: ESLint's and typescript-eslint's recommended sets. Without type
// information: a type-aware run over the whole tree is too slow for `npm test` on a small machine, and
// `tsc --noEmit` already runs there.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-output/**', 'web/**', 'coverage/**'] },
  {
    files: ['{bot,dialogs,knowledge,locales,scripts,bench,test}/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      // A leading underscore marks a parameter or binding kept on purpose (an interface's signature, a rest sibling).
      '@typescript-eslint/no-unused-vars': ['error', {
        argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true,
      }],
    },
  },
  {
    // Tests, the scripts and the test kit read untyped JSON wire bodies (activities, Graph API messages) field by field.
    files: ['{scripts,bench,test}/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Redaction strips control characters from user text on purpose.
    files: ['bot/privacy/redact.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // Text folding removes the zero-width joiner and non-joiner one by one; the class is not a joined sequence.
    files: ['knowledge/normalize.ts'],
    rules: { 'no-misleading-character-class': 'off' },
  },
);
