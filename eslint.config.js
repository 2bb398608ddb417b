import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './web/svelte.config.js';

export default ts.config(
  {
    ignores: [
      '**/node_modules/**',
      'web/build/**',
      // The server's production build (pnpm build).
      'server/dist/**',
      'web/.svelte-kit/**',
      // Working files of builds into another folder (TURNOUT_WEB_OUT, web/svelte.config.js).
      'web/.svelte-kit-*/**',
      'data/**',
      'data-demo/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  // Import boundaries (docs/architecture.md, "Where code lives").
  {
    // The app talks to the server over HTTP only: it may name the server's types, nothing else.
    files: ['web/**/*.ts', 'web/**/*.svelte'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@turnout/server',
              allowTypeImports: true,
              message: 'The web app imports only types from the server.',
            },
          ],
          patterns: [
            {
              group: ['dexie'],
              message: 'Only web/src/lib/db touches Dexie (the device store).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['web/src/lib/db/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@turnout/server',
              allowTypeImports: true,
              message: 'The web app imports only types from the server.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only repositories (and the database layer itself) write SQL.
    files: ['server/src/**/*.ts'],
    ignores: [
      'server/src/repositories/**',
      'server/src/db/**',
      'server/src/**/*.test.ts',
      'server/src/test/**',
      // SQLite's online backup API on the database file: operations, not queries.
      'server/src/backup.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(one|all|run|values|prepare|exec|iterate)$/][arguments.0.type=/^(Literal|TemplateLiteral)$/]',
          message: 'SQL belongs in server/src/repositories.',
        },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'kysely',
              allowTypeImports: true,
              message: 'SQL belongs in server/src/repositories.',
            },
            {
              name: 'better-sqlite3',
              allowTypeImports: true,
              message: 'SQL belongs in server/src/repositories.',
            },
          ],
          patterns: [
            {
              group: ['**/db/statements.js'],
              allowTypeImports: true,
              message: 'SQL belongs in server/src/repositories.',
            },
          ],
        },
      ],
    },
  },
  {
    // The rulebook is pure: no I/O, no clock (the time comes in the command context).
    files: ['shared/src/rules/**/*.ts', 'shared/src/mutations/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'dexie',
                'kysely',
                'better-sqlite3',
                '@turnout/server',
                'fs',
                'path',
              ],
              message: 'Rules do no I/O.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Rules take the time from the command context (ctx.now), never the clock.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Rules take the time from the command context (ctx.now), never the clock.',
        },
        {
          selector: "CallExpression[callee.object.name='performance'][callee.property.name='now']",
          message: 'Rules take the time from the command context (ctx.now), never the clock.',
        },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
);
