// Lint: typescript-eslint's strict, type-checked rules (and its stylistic ones) over src/ and test/,
// with the type information of tsconfig.json. Formatting is Prettier's (`npm run format`), not the
// linter's. Generated code and the build are left out. Each rule set differently says why.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'src/generated/', 'prisma/generated/', 'coverage/', 'exp/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A number in a text is written as people read it; null, undefined, objects and booleans are not.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Leaving a property out by destructuring (`const { lease: _, ...row } = candidate`) is no unused variable.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // `() => outbox.wake()` and `return send()` in a void function hand a void call on; only a
      // void value used as a value is confusing.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true }],
    },
  },
  {
    // The matcher's numeric kernels index arrays whose lengths they have just checked, in hot loops;
    // under noUncheckedIndexedAccess every such read is "possibly undefined", and a fallback there
    // would hide a wrong index instead of failing on it.
    files: ['src/matching/model/**/*.ts', 'src/matching/similar/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // In a test, `x!` is an assertion: a missing value fails the test on the next line.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Plain JavaScript config files have no types to check.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
