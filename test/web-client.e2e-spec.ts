import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The web app's typed API client (apps/web/src/api/openapi.gen.d.mts) is generated from the OpenAPI
 * document: this fails when the committed file no longer matches the document the API produces
 * (fix: `npm run web:client` against a running API).
 */
describe('the web app’s generated API client', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    dir = mkdtempSync(path.join(os.tmpdir(), 'openapi-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('matches the API’s OpenAPI document', async () => {
    const res = await t.http().get('/docs-json').expect(200);
    const file = path.join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(res.body));
    const script = path.resolve(__dirname, '../apps/web/scripts/generate-client.mjs');
    const run = spawnSync(process.execPath, [script, '--check', file], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('notices a stale client', async () => {
    const res = await t.http().get('/docs-json').expect(200);
    const changed = {
      ...res.body,
      paths: { ...res.body.paths, '/api/brand-new': { get: { responses: { 200: {} } } } },
    };
    const file = path.join(dir, 'changed.json');
    writeFileSync(file, JSON.stringify(changed));
    const script = path.resolve(__dirname, '../apps/web/scripts/generate-client.mjs');
    const run = spawnSync(process.execPath, [script, '--check', file], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('is stale');
  });
});
