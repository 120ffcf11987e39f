import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Each runtime may import shared code, never another runtime: they meet only through src/shared contracts. */
const forbidRuntimes = (...runtimes) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: runtimes.map((runtime) => ({
        group: [`**/${runtime}/**`, `**/${runtime}`, `../${runtime}/*`, `../../${runtime}/*`],
        message: `imports from src/${runtime} are not allowed here; share code through src/shared`,
      })),
    },
  ],
})

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/main/**', 'src/hub/**', 'scripts/**', 'test/**', '*.config.*'],
    languageOptions: { globals: globals.node },
  },
  { files: ['src/renderer/**'], languageOptions: { globals: globals.browser } },
  {
    files: ['src/renderer/**/*.tsx', 'src/renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  { files: ['src/main/**'], rules: forbidRuntimes('renderer', 'hub', 'preload') },
  { files: ['src/preload/**'], rules: forbidRuntimes('renderer', 'hub', 'main') },
  { files: ['src/renderer/**'], rules: forbidRuntimes('main', 'hub', 'preload') },
  { files: ['src/hub/**'], rules: forbidRuntimes('main', 'renderer', 'preload') },
  { files: ['src/shared/**'], rules: forbidRuntimes('main', 'renderer', 'preload', 'hub') },
)
