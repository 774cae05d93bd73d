import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
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

/**
 * Runs the project's import rules (`npm run lint:imports`: dependency-cruiser with .dependency-cruiser.cjs)
 * over a tree of probe files laid out like the repository, in a temporary folder (the real tree is never
 * touched), where `@app/<lib>` names `libs/<lib>/src` as in tsconfig.json. Returns the exit status and
 * what it printed.
 */
function importRuleRun(files: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'family-link-import-rules-'));
  try {
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'commonjs', baseUrl: '.', paths: { '@app/*': ['libs/*/src'] } },
      }),
    );
    for (const [file, code] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), code);
    }
    const run = spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
        'libs',
        'apps',
        '--config',
        path.join(root, '.dependency-cruiser.cjs'),
        '--output-type',
        'err',
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the import rules (npm run lint:imports, part of npm run lint)', () => {
  it('refuses files importing each other in a loop', () => {
    const run = importRuleRun({
      'libs/core/src/families/a.ts': "import { b } from '../link-ups/b';\nexport const a = () => b;\n",
      'libs/core/src/link-ups/b.ts': "import { c } from './c';\nexport const b = () => c;\n",
      'libs/core/src/link-ups/c.ts': "import { a } from '../families/a';\nexport const c = () => a;\n",
      'apps/api/src/main.ts': 'export const main = 1;\n',
    });
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('no-import-loop');
    expect(run.output).toContain('libs/core/src/families/a.ts');
  });

  it('refuses two entities naming each other even in types only (a loop between features all the same)', () => {
    const run = importRuleRun({
      'libs/core/src/families/family.entity.ts':
        "import type { User } from '../users';\nexport class Family { coach?: User; }\n",
      'libs/core/src/families/index.ts': "export * from './family.entity';\n",
      'libs/core/src/users/user.entity.ts':
        "import type { Family } from '../families';\nexport class User { family?: Family; }\n",
      'libs/core/src/users/index.ts': "export * from './user.entity';\n",
      'apps/api/src/main.ts': 'export const main = 1;\n',
    });
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('no-import-loop');
  });

  it('refuses the kernel importing a feature (an upward import)', () => {
    const run = importRuleRun({
      'libs/core/src/audit/audit.service.ts':
        "import { FamiliesService } from '../families/families.service';\nexport const audit = FamiliesService;\n",
      'libs/core/src/families/families.service.ts': 'export class FamiliesService {}\n',
      'apps/api/src/main.ts': 'export const main = 1;\n',
    });
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('kernel-imports-no-feature');
  });

  it('lets a feature stand on the kernel', () => {
    const run = importRuleRun({
      'libs/core/src/families/families.service.ts':
        "import { Clock } from '../clock';\nexport const families = Clock;\n",
      'libs/core/src/clock/clock.ts': 'export class Clock {}\n',
      'libs/core/src/clock/index.ts': "export * from './clock';\n",
      'apps/api/src/main.ts': 'export const main = 1;\n',
    });
    expect(run.output).toContain('no dependency violations');
    expect(run.status).toBe(0);
  });

  it('refuses libs/core importing libs/http (HTTP stands on the core, never under it)', () => {
    const run = importRuleRun({
      'libs/core/src/families/families.service.ts':
        "import { ErrorFilter } from '@app/http';\nexport const families = ErrorFilter;\n",
      'libs/http/src/index.ts': 'export class ErrorFilter {}\n',
      'apps/api/src/main.ts': 'export const main = 1;\n',
    });
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('core-imports-no-http');
    expect(run.output).toContain('libs/core/src/families/families.service.ts');
  });

  it('lets libs/http stand on libs/core, and an app import both', () => {
    const run = importRuleRun({
      'libs/core/src/index.ts': 'export class DomainError {}\n',
      'libs/http/src/index.ts':
        "import { DomainError } from '@app/core';\nexport class ErrorFilter { kind = DomainError; }\n",
      'apps/api/src/main.ts':
        "import { DomainError } from '@app/core';\nimport { ErrorFilter } from '@app/http';\nexport const main = [DomainError, ErrorFilter];\n",
    });
    expect(run.output).toContain('no dependency violations');
    expect(run.status).toBe(0);
  });

  it("refuses a feature reaching past another folder's index.ts", () => {
    const run = importRuleRun({
      'libs/core/src/matching/match-proposals.service.ts':
        "import { FamiliesService } from '../families/families.service';\nexport const proposals = FamiliesService;\n",
      'libs/core/src/families/families.service.ts': 'export class FamiliesService {}\n',
      'libs/core/src/families/index.ts': "export * from './families.service';\n",
      'apps/api/src/main.ts': 'export const main = 1;\n',
    });
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('feature-enters-by-index');
    expect(run.output).toContain('libs/core/src/matching/match-proposals.service.ts');
  });

  it("lets a feature import another's index.ts, and its own files directly", () => {
    const run = importRuleRun({
      'libs/core/src/matching/match-proposals.service.ts':
        "import { FamiliesService } from '../families';\nimport { rule } from './matching.rules';\nexport const proposals = [FamiliesService, rule];\n",
      'libs/core/src/matching/matching.rules.ts': 'export const rule = 1;\n',
      'libs/core/src/families/families.service.ts': 'export class FamiliesService {}\n',
      'libs/core/src/families/index.ts': "export * from './families.service';\n",
      'apps/api/src/main.ts': 'export const main = 1;\n',
    });
    expect(run.output).toContain('no dependency violations');
    expect(run.status).toBe(0);
  });
});
