import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*'], message: 'Node built-ins run only in main: ask main over IPC.' };

export default tseslint.config(
  { ignores: ['build/**', 'dist/**', 'node_modules/**', 'test-results/**', '.dossier-dev/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['electron/**', 'tests/**', 'bench/**', 'scripts/**', 'bin/**', '*.config.*'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer is unprivileged: use the IPC client.' }],
          patterns: [
            nodeBuiltins,
            { group: ['**/electron/**', '**/electron'], message: 'renderer/ may not import main-process code.' },
            { group: ['fs', 'path', 'child_process', 'os', 'crypto'], message: 'No Node modules in the renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'shared/ runs on both sides: no Electron.' },
            { name: 'react', message: 'shared/ runs on both sides: no React.' },
          ],
          patterns: [nodeBuiltins, { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports only shared/.' }],
        },
      ],
    },
  },
);
