// ESLint (flat config): rules that catch defects, not style (Prettier owns the layout; see .prettierrc).
// `npm run lint`. TypeScript rules run on the whole tree, two of them type-aware (a promise nobody awaits or
// catches: its rejection is lost or kills the process); the React hooks rules on the admin UI. Type-aware
// linting roughly doubles the time (measured on 2 shared cores: ~26 s CPU without, ~61 s with).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'admin-ui/dist/', 'node_modules/', '.data/', 'test-results/', 'bench/results/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Unused code is dead code; a leading `_` marks a deliberately unused name (a parameter kept for a signature).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Typing choices rather than defects: `any` in tests and GraphQL plumbing, `Function` for entity and resolver classes.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    files: ['**/*.{ts,tsx,mts}'],
    languageOptions: {
      parserOptions: {
        // Every TypeScript file must belong to tsconfig.json or admin-ui/tsconfig.json (scripts/ are imported by the tests).
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // An async handler given to a React attribute (onClick) is fine: React ignores its result.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ['admin-ui/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    ...reactHooks.configs.flat.recommended,
  },
  prettier,
);
