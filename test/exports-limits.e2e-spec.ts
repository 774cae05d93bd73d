import { ExportLimits, ExportRun, ExportsService, type User } from '@app/core';
import {
  exportRunEnded,
  listenOnFreePort,
  makeSite,
  makeUser,
  seedOutcomeMeasuresExport,
  tokenFor,
  waitFor,
} from '@app/testing';
import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app';

/** An export whose reader took the first chunk and then stopped reading: it stays open, stalled. */
interface StalledExport {
  readonly request: ClientRequest;
  readonly response: IncomingMessage;
  readonly runId: string;
  /** Resolves when the server ends or cuts the response. */
  readonly closed: Promise<void>;
}

describe('exports under load: concurrency, time limit, aborted readers, interrupted runs', () => {
  let t: TestApp;
  let db: DataSource;
  let port: number;
  const tokens: Record<string, string> = {};
  let evaluator: User;

  /** Starts `GET path` as `who`; resolves with the response once its headers and first bytes are in. */
  const requests: ClientRequest[] = [];
  const open = (who: string, path = '/api/exports/outcome-measures.csv') =>
    new Promise<{ request: ClientRequest; response: IncomingMessage }>((resolve, reject) => {
      const request = http.get(
        { host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${tokens[who]}` } },
        (response) => resolve({ request, response }),
      );
      requests.push(request);
      request.on('error', reject);
    });
  const stall = async (who: string): Promise<StalledExport> => {
    const { request, response } = await open(who);
    expect(response.statusCode).toBe(200);
    await new Promise<void>((resolve) =>
      response.once('data', () => {
        response.pause();
        resolve();
      }),
    );
    const closed = new Promise<void>((resolve) => {
      response.once('close', () => resolve());
      request.once('error', () => resolve());
    });
    request.on('error', () => undefined);
    return { request, response, runId: String(response.headers['x-export-run-id']), closed };
  };
  const refusal = async (who: string) => {
    const { response } = await open(who);
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    return {
      status: response.statusCode,
      retryAfter: response.headers['retry-after'],
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { code: string },
    };
  };
  const runOf = (runId: string) => exportRunEnded(db, runId);
  const noTransactionLeftOpen = () =>
    waitFor(
      async () => {
        const [{ n }] = await db.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
        );
        return n === 0 ? true : undefined;
      },
      { what: 'no connection idle in transaction' },
    );

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    db = t.app.get(DataSource);
    port = await listenOnFreePort(t.app);
    const site = await makeSite(t.app, `Limits ${Date.now()}`);
    const coach = await makeUser(t.app, { role: 'coach', siteId: site.id });
    evaluator = await makeUser(t.app, { role: 'evaluator' });
    const users: [string, User][] = [
      ['evaluator', evaluator],
      ['evaluator2', await makeUser(t.app, { role: 'evaluator' })],
      ['admin', await makeUser(t.app, { role: 'admin' })],
    ];
    for (const [name, user] of users) tokens[name] = await tokenFor(t.app, user);
    // Enough rows (~15 MB of CSV) that a reader who stops reading stalls the export on backpressure.
    await seedOutcomeMeasuresExport(t.app, coach, { copies: 100_000 });
    // Generous: 100,000 rows on a loaded 2-core machine (a passing run does not wait for it).
  }, 240_000);
  afterAll(async () => {
    for (const request of requests) request.destroy();
    await t.close();
  });

  it('runs at most one export per user and two per process; more get 429 EXPORT.TOO_MANY_AT_ONCE with Retry-After', async () => {
    const first = await stall('evaluator');
    const sameUser = await refusal('evaluator');
    expect(sameUser).toMatchObject({ status: 429, body: { code: 'EXPORT.TOO_MANY_AT_ONCE' } });
    expect(Number(sameUser.retryAfter)).toBeGreaterThan(0);
    const second = await stall('admin');
    const third = await refusal('evaluator2');
    expect(third).toMatchObject({ status: 429, body: { code: 'EXPORT.TOO_MANY_AT_ONCE' } });
    expect(Number(third.retryAfter)).toBeGreaterThan(0);

    // The readers go away: each run is recorded as aborted with what had been sent, and frees its slot.
    for (const stalled of [first, second]) stalled.request.destroy();
    for (const stalled of [first, second]) {
      const run = await runOf(stalled.runId);
      expect(run).toMatchObject({ status: 'failed', failureCode: 'client_aborted' });
      expect(run.rowCount).toBeGreaterThan(0);
      expect(run.rowCount).toBeLessThan(100_001);
      expect(Number(run.byteCount)).toBeGreaterThan(0);
      expect(run.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    await noTransactionLeftOpen();
    const audit = await db.query<{ action: string; details: { failureCode: string } }[]>(
      `SELECT action, details FROM audit_events WHERE entity_type = 'export_run' AND entity_id = $1 ORDER BY occurred_at`,
      [first.runId],
    );
    expect(audit.map((a) => a.action)).toEqual(['export.run', 'export.failed']);
    expect(audit[1].details.failureCode).toBe('client_aborted');

    const next = await stall('evaluator2');
    next.request.destroy();
    await runOf(next.runId);
  }, 180_000);

  it('stops an export at its time limit and records it as failed (timed_out)', async () => {
    const limits = t.app.get(ExportLimits);
    const before = limits.maxDurationMs;
    limits.maxDurationMs = 1_000;
    try {
      const stalled = await stall('evaluator');
      // The client does nothing: the server stops the export at the limit and cuts the response.
      const run = await runOf(stalled.runId);
      expect(run).toMatchObject({ status: 'failed', failureCode: 'timed_out' });
      expect(Number(run.byteCount)).toBeGreaterThan(0);
      expect(run.sha256).toMatch(/^[0-9a-f]{64}$/);
      await noTransactionLeftOpen();
      // Reading on, the client finds the file cut short (no clean end).
      let received = 0;
      stalled.response.on('data', (chunk: Buffer) => (received += chunk.length));
      stalled.response.resume();
      await stalled.closed;
      expect(stalled.response.complete).toBe(false);
      expect(received).toBeLessThan(Number(run.byteCount));
    } finally {
      limits.maxDurationMs = before;
    }
  }, 120_000);

  it('marks runs left running by a process that died as failed (interrupted), and leaves live ones alone', async () => {
    const runs = db.getRepository(ExportRun);
    const base = {
      kind: 'link_ups' as const,
      actorId: evaluator.id,
      actorRole: 'evaluator',
      requestId: null,
      filters: { siteId: null, from: null, to: null },
      status: 'running' as const,
      rowCount: null,
      byteCount: null,
      sha256: null,
      failureCode: null,
      finishedAt: null,
    };
    const stale = await runs.save(runs.create({ ...base, startedAt: t.clock.daysFromNow(-1) }));
    const live = await runs.save(runs.create({ ...base, startedAt: t.clock.now() }));
    expect(await t.app.get(ExportsService).sweepInterruptedRuns()).toBeGreaterThanOrEqual(1);
    expect(await runs.findOneByOrFail({ id: stale.id })).toMatchObject({
      status: 'failed',
      failureCode: 'interrupted',
    });
    expect((await runs.findOneByOrFail({ id: live.id })).status).toBe('running');
    await runs.delete({ id: live.id });
  });
});
