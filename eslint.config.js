import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['.scratch/', 'build/', 'public/build/', 'node_modules/', '.cache/', '.data/', 'test-results/', 'db/migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { patterns: [{ group: ['@remix-run/*', 'react', 'react-dom'], message: 'services/ and db/ stay free of the web framework' }] }],
    },
  },
  {
    // Only the domain and the schema are barred from Remix and React.
    files: ['app/**', 'tests/**', '*.config.*'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // A route is thin: past 150 lines, its sections, loader and intents go into a folder beside it.
    files: ['app/routes/**'],
    rules: { 'max-lines': ['error', { max: 150 }] },
  },
)
