// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.data/**',
      'apps/web/**',
      '*.js',
      '*.mjs',
      '*.cjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      eqeqeq: ['error', 'always'],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through @app/config.' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  // The house's floors (CONTRIBUTING.md): libs/domain is pure rules; libraries never reach up into
  // an app. A violation fails `npm run lint` (test/repository/boundaries.spec.ts shows it failing).
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'bullmq', 'bullmq/*', 'ioredis', 'pg'],
              message: 'libs/domain holds pure rules: no Nest, TypeORM, BullMQ or database clients.',
            },
            {
              group: ['@app/*', '**/apps/**', '**/libs/core/**', '**/libs/database/**', '**/libs/queue/**'],
              message: 'libs/domain is the bottom floor: it imports no other library or app.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/**/*.ts'],
    ignores: ['libs/domain/**', 'libs/**/*.spec.ts', 'libs/**/*.int-spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/apps/**'], message: 'Libraries never import an app: apps stand on libs.' },
          ],
        },
      ],
    },
  },
  {
    // Apps never import each other: the API and the worker stand side by side on the libraries;
    // only apps/standalone (the composition root of `npm start`) brings them together.
    files: ['apps/api/**/*.ts', 'apps/worker/**/*.ts'],
    ignores: ['apps/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/worker/src/**',
                '**/apps/worker/**',
                '**/api/src/**',
                '**/apps/api/**',
                '**/standalone/**',
              ],
              message: 'Apps never import each other; apps/standalone composes them.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only the config library and test set-up read the environment.
    files: ['libs/config/**/*.ts', 'test/setup/**/*.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'libs/testing/**/*.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
