import {
  listenOnFreePort,
  makeSite,
  makeUser,
  seedOutcomeMeasuresExport,
  tokenFor,
  waitFor,
} from '@app/testing';
import http from 'node:http';
import { DataSource } from 'typeorm';
import { closeApiApp } from '../apps/api/src/api-app';
import { startTestApp, type TestApp } from './support/test-app';

/** The advisory lock the export's first read waits for. */
const LOCK_KEY = 917_019;

/** The app shutting down while an export streams: the run is ended and audited before the database goes. */
describe('exports when the app shuts down', () => {
  let t: TestApp;
  let observer: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ worker: false, queue: 'postgres' });
    // The app's own data source is destroyed with it: the test reads through one of its own.
    observer = await new DataSource({ type: 'postgres', url: t.database.url, poolSize: 2 }).initialize();
  }, 240_000);
  afterAll(async () => {
    await observer?.destroy();
    // The app is closed by the test itself.
    await t.database.drop();
  });

  it('stops a running export and records it as failed (interrupted, with its audit line) before closing', async () => {
    const site = await makeSite(t.app, `Shutdown ${Date.now()}`);
    const coach = await makeUser(t.app, { role: 'coach', siteId: site.id });
    const token = await tokenFor(t.app, await makeUser(t.app, { role: 'evaluator' }));
    await seedOutcomeMeasuresExport(t.app, coach);
    // The export's first FETCH kept running: in place of the table, a view that, when first read, waits
    // for an advisory lock the test holds (until the shutdown cancels it), not for time.
    const holder = observer.createQueryRunner();
    await holder.connect();
    let request: http.ClientRequest | undefined;
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
      await observer.query('ALTER TABLE outcome_measures RENAME TO outcome_measures_away');
      await observer.query(
        `CREATE VIEW outcome_measures AS SELECT * FROM outcome_measures_away
          WHERE (SELECT pg_advisory_lock(${LOCK_KEY})) IS NOT NULL`,
      );
      const port = await listenOnFreePort(t.app);
      request = http.get({
        host: '127.0.0.1',
        port,
        path: '/api/exports/outcome-measures.csv',
        headers: { authorization: `Bearer ${token}` },
      });
      request.on('error', () => undefined);
      await waitFor(
        async () => {
          const [{ n }] = await observer.query<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND application_name LIKE '%:export'
                AND state = 'active' AND query LIKE 'FETCH%'`,
          );
          return n > 0 ? true : undefined;
        },
        { what: 'the export FETCH running' },
      );
      // As the API's process closes it: the HTTP drain first (it cuts the export's response after its
      // deadline), then the modules.
      await closeApiApp(t.app, 500);
      // Once the app has closed, the run has ended (not left running for the next start's sweep).
      const [run] = await observer.query<{ id: string; status: string; failureCode: string | null }[]>(
        `SELECT id, status, failure_code AS "failureCode" FROM export_runs WHERE kind = 'outcome_measures'`,
      );
      expect(run).toMatchObject({ status: 'failed', failureCode: 'interrupted' });
      const audit = await observer.query<{ action: string; details: { failureCode: string } }[]>(
        `SELECT action, details FROM audit_events WHERE entity_type = 'export_run' AND entity_id = $1 ORDER BY occurred_at`,
        [run.id],
      );
      expect(audit.map(({ action }) => action)).toEqual(['export.run', 'export.failed']);
      expect(audit[1].details.failureCode).toBe('interrupted');
    } finally {
      request?.destroy();
      // The export's backends first, so that none takes the lock and reads on once it is let go.
      await observer.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND application_name LIKE '%:export'`,
      );
      await holder.query('SELECT pg_advisory_unlock_all()').finally(() => holder.release());
    }
  }, 120_000);
});
