import { ExportRun, type User } from '@app/core';
import {
  exportRunEnded,
  listenOnFreePort,
  makeSite,
  makeUser,
  seedOutcomeMeasuresExport,
  tokenFor,
  waitFor,
} from '@app/testing';
import http from 'node:http';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app';

/** The route's exports run in a worker thread on a connection of their own (`<app>:export`). */
describe('exports through the worker thread: a reader going away, an error inside the worker', () => {
  let t: TestApp;
  let db: DataSource;
  let port: number;
  let token: string;

  const exportConnections = async (): Promise<number> => {
    const [{ n }] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND application_name LIKE '%:export'`,
    );
    return n;
  };
  const runOf = (runId: string) => exportRunEnded(db, runId);

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    db = t.app.get(DataSource);
    port = await listenOnFreePort(t.app);
    const site = await makeSite(t.app, `Worker ${Date.now()}`);
    const coach = await makeUser(t.app, { role: 'coach', siteId: site.id });
    const evaluator: User = await makeUser(t.app, { role: 'evaluator' });
    token = await tokenFor(t.app, evaluator);
    // Enough rows (~7 MB of CSV) that the export is still running when the reader leaves.
    await seedOutcomeMeasuresExport(t.app, coach, { copies: 50_000 });
  }, 240_000);
  afterAll(async () => {
    await t.close();
  });

  it('stops the worker when the client disconnects: the run fails as client_aborted and no connection is left', async () => {
    const runId = await new Promise<string>((resolve, reject) => {
      const request = http.get(
        {
          host: '127.0.0.1',
          port,
          path: '/api/exports/outcome-measures.csv',
          headers: { authorization: `Bearer ${token}` },
        },
        (response) => {
          expect(response.statusCode).toBe(200);
          response.once('data', () => {
            // The client takes the first bytes and hangs up.
            request.destroy();
            resolve(String(response.headers['x-export-run-id']));
          });
        },
      );
      request.on('error', () => undefined);
      request.on('timeout', reject);
    });
    const run = await runOf(runId);
    expect(run).toMatchObject({ status: 'failed', failureCode: 'client_aborted' });
    expect(run.rowCount).toBeLessThan(50_001);
    expect(run.sha256).toMatch(/^[0-9a-f]{64}$/);
    await waitFor(async () => ((await exportConnections()) === 0 ? true : undefined), {
      what: 'the export worker to close its connection',
    });
  }, 120_000);

  it('answers an error inside the worker as before: 500 INTERNAL_ERROR in the DESIGN §6 shape, no file headers, the run failed', async () => {
    await db.query('ALTER TABLE get_togethers RENAME TO get_togethers_away');
    try {
      const response = await t
        .http()
        .get('/api/exports/link-ups.csv')
        .set('authorization', `Bearer ${token}`);
      expect(response.status).toBe(500);
      expect(response.body).toEqual({
        statusCode: 500,
        code: 'INTERNAL_ERROR',
        message: 'Something went wrong on our side. Quote the request id if you report it.',
        requestId: expect.any(String) as unknown,
      });
      expect(response.headers['content-disposition']).toBeUndefined();
      expect(response.headers['x-export-run-id']).toBeUndefined();
      const [run] = await db
        .getRepository(ExportRun)
        .find({ where: { kind: 'link_ups' }, order: { startedAt: 'DESC' }, take: 1 });
      expect(run).toMatchObject({ status: 'failed', failureCode: 'export_error', rowCount: 0 });
      expect(await exportConnections()).toBe(0);
    } finally {
      await db.query('ALTER TABLE get_togethers_away RENAME TO get_togethers');
    }
  }, 120_000);
});
