import { createTestDatabase, waitFor, type TestDatabase } from '@app/testing';
import { Writable } from 'node:stream';
import { DataSource, type QueryRunner } from 'typeorm';
import { SystemClock } from '../clock';
import {
  CsvStreamFailure,
  queryRunnerConnection,
  withReadOnlyCursor,
  type CursorConnection,
} from './csv-export.stream';
import { resolveExportFilters } from './export-filters';
import { exportConnectionConfig, streamExportInWorker, type PostgresSettings } from './export-in-worker';

/**
 * Issue 17 follow-up: an export stopped before its cursor is open (the app shutting down destroys its
 * sink) stops then, not once its DECLARE is through: a DECLARE waiting for a table's lock held the
 * shutdown until the lock was free (up to the export's statement_timeout).
 */
describe('an export stopped while it is still opening its cursor', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const at = new SystemClock().now();

  /** The export backends, and how many of them wait for a lock. */
  const exportBackends = async (): Promise<{ open: number; waiting: number }> => {
    const [row] = await dataSource.query<{ open: number; waiting: number }[]>(
      `SELECT count(*)::int AS open, count(*) FILTER (WHERE wait_event_type = 'Lock')::int AS waiting
         FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE '%:export'`,
    );
    return row;
  };

  beforeAll(async () => {
    database = await createTestDatabase({ queueOnPostgres: false });
    dataSource = await new DataSource({ type: 'postgres', url: database.url, poolSize: 3 }).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('stops the worker when the sink is destroyed while its DECLARE waits for a lock: no backend left', async () => {
    // Another transaction holds the goals table: the export's DECLARE waits for it.
    const holder: QueryRunner = dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('LOCK TABLE goals IN ACCESS EXCLUSIVE MODE');
    try {
      const sink = new Writable({ write: (_chunk, _encoding, callback) => callback() });
      let settled = false;
      const exporting = streamExportInWorker({
        data: {
          connection: exportConnectionConfig(dataSource.options as PostgresSettings),
          name: 'goals',
          filters: resolveExportFilters({}),
          at,
          pseudonymSecret: 'opening-test-pseudonym-secret-0123456789',
          bom: false,
          maxDurationMs: 600_000,
        },
        sink,
      })
        .catch((error: unknown) => error)
        .finally(() => (settled = true));
      await waitFor(async () => ((await exportBackends()).waiting === 1 ? true : undefined), {
        what: 'the export’s DECLARE waiting for the lock',
      });
      const stop = new Error('The app is shutting down.');
      sink.destroy(stop);
      // Settles while the lock is still held (without the early stop, only once it is free).
      await waitFor(() => (settled ? true : undefined), {
        timeoutMs: 30_000,
        what: 'the export to stop while its DECLARE waits',
      });
      const failure = await exporting;
      expect(failure).toBeInstanceOf(CsvStreamFailure);
      expect((failure as CsvStreamFailure).cause).toBe(stop);
      expect((failure as CsvStreamFailure).sent).toMatchObject({ rowCount: 0, byteCount: 0 });
      await waitFor(async () => ((await exportBackends()).open === 0 ? true : undefined), {
        what: 'the export’s connection closed',
      });
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
  });

  it('sends no statement once stopped while connecting: the connection is given back unused', async () => {
    const stopping = new AbortController();
    const stop = new Error('stopped');
    const sent: string[] = [];
    let released = false;
    // A real pooled connection; the stop comes while it is being taken.
    const connect = async (): Promise<CursorConnection> => {
      const connection = await queryRunnerConnection(dataSource)();
      stopping.abort(stop);
      return {
        ...connection,
        begin: () => {
          sent.push('BEGIN');
          return connection.begin();
        },
        query: (sql, parameters) => {
          sent.push(sql);
          return connection.query(sql, parameters);
        },
        release: () => {
          released = true;
          return connection.release();
        },
      };
    };
    await expect(
      withReadOnlyCursor(connect, { sql: 'SELECT 1', parameters: [] }, 10, () => Promise.resolve(), {
        at,
        signal: stopping.signal,
      }),
    ).rejects.toBe(stop);
    expect(sent).toEqual([]);
    expect(released).toBe(true);
  });
});
