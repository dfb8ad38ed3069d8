// Lint rules for the TypeScript sources: ESLint's and typescript-eslint's recommended sets, and the layout
// (ESLint Stylistic, fixed by `npm run format`). Without type information: a type-aware run over the whole tree
// is too slow for `npm test` on a small machine, and `tsc --noEmit` already runs there.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import stylistic from '@stylistic/eslint-plugin';

// The layout rules, set to the style the code was written in; indentOptions are Stylistic's own for 2 spaces.
const layout = stylistic.configs.customize({
  indent: 2, quotes: 'single', semi: true, braceStyle: '1tbs', arrowParens: true, commaDangle: 'always-multiline', jsx: false,
});
const [, , indentOptions] = layout.rules['@stylistic/indent'];

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
  {
    // Layout, enforced here and fixed by `npm run format`: the style the code was already written in.
    files: ['{bot,dialogs,knowledge,locales,scripts,bench,test}/**/*.{ts,js}'],
    plugins: layout.plugins,
    rules: {
      ...layout.rules,
      // An object or call in a ternary's branch is indented from the line it starts on, not from the `?`.
      '@stylistic/indent': ['error', 2, { ...indentOptions, offsetTernaryExpressions: false }],
      // A string holding a single quote (the CSP's "'self'", "Meta's") keeps its double quotes rather than escapes.
      '@stylistic/quotes': ['error', 'single', { avoidEscape: true, allowTemplateLiterals: 'always' }],
      // Keys are quoted only where they must be; digit keys stay quoted, they are characters, not numbers.
      '@stylistic/quote-props': ['error', 'as-needed', { numbers: true }],
      // A long type or value starts on the line after its `=`; every other operator leads its line.
      '@stylistic/operator-linebreak': ['error', 'before', { overrides: { '=': 'after' } }],
      // Comments wrap at 120 characters. Code lines have no limit (the pattern skips every line that is not a
      // comment): hundreds carry long user-facing strings or test table rows, and breaking them would read worse.
      '@stylistic/max-len': ['error', { code: 120, ignoreUrls: true, ignorePattern: '^(?!\\s*(//|/\\*|\\*))' }],
      // Chained conditions are written one branch a line (`a ? x` / `: b ? y` / `: z`), which this rule forbids.
      '@stylistic/multiline-ternary': 'off',
      // One-line callbacks and guards (`(resolve) => { release = resolve; }`) are kept on one line on purpose.
      '@stylistic/max-statements-per-line': 'off',
      // Operator precedence is not layout and has no autofix; it is left to the recommended rules and review.
      '@stylistic/no-mixed-operators': 'off',
      // Rules the code already follows everywhere, added so that it keeps doing so.
      '@stylistic/function-call-spacing': 'error',
      '@stylistic/no-extra-semi': 'error',
      '@stylistic/semi-style': 'error',
      '@stylistic/switch-colon-spacing': 'error',
      '@stylistic/linebreak-style': 'error',
      '@stylistic/object-curly-newline': ['error', { consistent: true }],
      '@stylistic/array-bracket-newline': ['error', 'consistent'],
      '@stylistic/nonblock-statement-body-position': 'error',
      '@stylistic/one-var-declaration-per-line': 'error',
    },
  },
  {
    // The Arabic letter map keeps its keys quoted: a bare right-to-left letter before a colon is hard to read.
    files: ['knowledge/normalize.ts'],
    rules: { '@stylistic/quote-props': 'off' },
  },
);
