import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/**
 * Lints `code` as if it were the file `filePath` with the project's own eslint.config.mjs (type-aware
 * parsing off: the boundary rules need no types), in a child process because ESLint loads its config
 * as an ES module.
 */
function restrictedImportMessages(filePath: string, code: string): string[] {
  const script = `
    const { ESLint } = require('eslint');
    const eslint = new ESLint({
      cwd: ${JSON.stringify(root)},
      overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
      ruleFilter: ({ ruleId }) => ruleId === '@typescript-eslint/no-restricted-imports',
    });
    eslint.lintText(process.argv[1], { filePath: process.argv[2] }).then((results) => {
      const messages = results.flatMap((r) => r.messages)
        .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
        .map((m) => m.message);
      process.stdout.write(JSON.stringify(messages));
    }, (error) => { console.error(error); process.exit(2); });
  `;
  const run = spawnSync(process.execPath, ['-e', script, code, path.join(root, filePath)], {
    cwd: root,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as string[];
}

describe('the boundary lint (npm run lint)', () => {
  it('refuses Nest, TypeORM and BullMQ in libs/domain', () => {
    const messages = restrictedImportMessages(
      'libs/domain/src/matching/probe.ts',
      "import { Injectable } from '@nestjs/common';\nimport { Repository } from 'typeorm';\nimport { Queue } from 'bullmq';\nexport const used = [Injectable, Repository, Queue];\n",
    );
    expect(messages).toHaveLength(3);
    expect(messages[0]).toContain('libs/domain holds pure rules');
  });

  it('refuses an upward import from libs/domain into another library', () => {
    const messages = restrictedImportMessages(
      'libs/domain/src/matching/probe.ts',
      "import { Clock } from '@app/core';\nexport const used = Clock;\n",
    );
    expect(messages).toEqual([expect.stringContaining('bottom floor')]);
  });

  it('refuses a library importing an app', () => {
    const messages = restrictedImportMessages(
      'libs/core/src/families/probe.ts',
      "import { ApiModule } from '../../../../apps/api/src/api.module';\nexport const used = ApiModule;\n",
    );
    expect(messages).toEqual([expect.stringContaining('Libraries never import an app')]);
  });

  it('refuses an app importing another app', () => {
    const messages = restrictedImportMessages(
      'apps/api/src/probe.ts',
      "import { createWorkerApp } from '../../worker/src/worker-app';\nexport const used = createWorkerApp;\n",
    );
    expect(messages).toEqual([expect.stringContaining('Apps never import each other')]);
    expect(
      restrictedImportMessages(
        'apps/worker/src/probe.ts',
        "import { createApiApp } from '../../api/src/api-app';\nexport const used = createApiApp;\n",
      ),
    ).toEqual([expect.stringContaining('Apps never import each other')]);
  });

  it('lets apps/standalone compose the API and the worker', () => {
    const messages = restrictedImportMessages(
      'apps/standalone/src/probe.ts',
      "import { createApiApp } from '../../api/src/api-app';\nimport { createWorkerApp } from '../../worker/src/worker-app';\nexport const used = [createApiApp, createWorkerApp];\n",
    );
    expect(messages).toEqual([]);
  });

  it('lets a feature library import the domain', () => {
    const messages = restrictedImportMessages(
      'libs/core/src/families/probe.ts',
      "import { matchCohort } from '@app/domain';\nexport const used = matchCohort;\n",
    );
    expect(messages).toEqual([]);
  });
});
