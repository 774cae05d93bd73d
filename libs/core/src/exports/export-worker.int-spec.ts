import { createTestDatabase, TcpProxy, waitFor, type TestDatabase } from '@app/testing';
import { DataSource } from 'typeorm';
import type { CursorConnection } from './csv-export.stream';
import { exportConnectionConfig } from './export-in-worker';
import { pgConnection } from './export-worker';

/**
 * The export worker's own connection (`pgConnection`), run here on the main thread: the cancel a
 * stopped export sends from a second, short-lived connection. Both connections go through a TCP
 * proxy, whose count of accepted connections shows whether the cancel opened one (it has no other
 * way to name the backend to PostgreSQL).
 */
/** The advisory lock the cancelled statement waits for. */
const LOCK_KEY = 917_017;

describe("the export worker's connection", () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let proxy: TcpProxy;
  const connect = (): Promise<CursorConnection> =>
    pgConnection(
      exportConnectionConfig({ url: proxy.rewrite(database.url), applicationName: 'family-link-test' }),
    )();
  const backendPid = async (connection: CursorConnection): Promise<number> => {
    const [{ pid }] = (await connection.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
    return pid;
  };
  const backendAlive = async (pid: number): Promise<boolean> => {
    const [{ n }] = await dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1',
      [pid],
    );
    return n > 0;
  };

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    dataSource = await new DataSource({ type: 'postgres', url: database.url, poolSize: 2 }).initialize();
    proxy = await TcpProxy.start(database.url);
  });
  afterAll(async () => {
    await proxy.close();
    await dataSource.destroy();
    await database.drop();
  });

  it('cancels the running statement from a connection of its own while the server holds the backend', async () => {
    const connection = await connect();
    // A lock the test holds: the export's statement waits for it (running until cancelled), not for time.
    const holder = dataSource.createQueryRunner();
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    try {
      const pid = await backendPid(connection);
      const running = connection
        .query(`SELECT pg_advisory_lock(${LOCK_KEY})`)
        .catch((error: unknown) => error);
      await waitFor(
        async () => {
          const [row] = await dataSource.query<{ waiting: boolean }[]>(
            `SELECT wait_event = 'advisory' AS waiting FROM pg_stat_activity WHERE pid = $1 AND state = 'active'`,
            [pid],
          );
          return row?.waiting === true ? true : undefined;
        },
        { what: 'the statement waiting for the lock' },
      );
      const before = proxy.accepted;
      await connection.cancel?.();
      // One connection opened for the cancel, and the statement cancelled (query_canceled).
      expect(proxy.accepted).toBe(before + 1);
      expect(((await running) as { code?: unknown }).code).toBe('57014');
      expect(await backendAlive(pid)).toBe(true);
    } finally {
      await connection.release();
      await holder.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
      await holder.release();
    }
  });

  it('sends no cancel once the server has ended the backend: its pid may be another session’s by then', async () => {
    const connection = await connect();
    try {
      await connection.begin();
      const pid = await backendPid(connection);
      // The server ends the backend (as an idle timeout or a restart would); waits until it has gone.
      const [{ terminated }] = await dataSource.query<{ terminated: boolean }[]>(
        'SELECT pg_terminate_backend($1, 30000) AS terminated',
        [pid],
      );
      expect(terminated).toBe(true);
      expect(await backendAlive(pid)).toBe(false);
      // node-postgres has read the end: it refuses statements (and has told its listeners).
      await waitFor(
        () =>
          connection.query('SELECT 1').then(
            () => undefined,
            (error: unknown) =>
              error instanceof Error && /not queryable/.test(error.message) ? true : undefined,
          ),
        { what: 'the client to see its connection ended' },
      );
      const before = proxy.accepted;
      await connection.cancel?.();
      // No connection opened: no pg_cancel_backend named the pid.
      expect(proxy.accepted).toBe(before);
      // The stop goes on: the rollback and the release settle without a server to answer them.
      await expect(connection.rollback()).resolves.toBeUndefined();
    } finally {
      await connection.release();
    }
  });
});
