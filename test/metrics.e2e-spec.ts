import { ExportsService, processMetrics, type User } from '@app/core';
import { JobProducer, sweepAt } from '@app/queue';
import { initHttpApp } from '@app/http';
import { callerOf, makeFamily, makeSite, makeUser, startTestLinkUp, tokenFor, waitFor } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createWorkerApp } from '../apps/worker/src/worker-app';
import {
  reconcilerOf,
  defaultQueueBackend,
  redisAvailable,
  startTestApp,
  type TestApp,
} from './support/test-app';

const TOKEN = 'metrics-e2e-token-0123456789abcdef';

/** One sample of the Prometheus text: `name{labels} value`. */
interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (match === null) throw new Error(`Not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1]] = pair[2];
    }
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** The value of the one sample named `name` whose labels include `labels`, or undefined. */
function valueOf(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const found = parseSamples(text).filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

/** How long ago the oldest of `addWaitingJobs` was added, by BullMQ's own (real-time) stamp. */
const OLDEST_AGE_SECONDS = 120;

/**
 * Two waiting jobs: the first stamped as added 2 minutes ago (as if no worker had run since), the
 * second now. The lag gauge must follow the oldest.
 */
async function addWaitingJobs(producer: JobProducer): Promise<void> {
  const system = producer.queue('system');
  const addedAt = Date.now() - OLDEST_AGE_SECONDS * 1000; // BullMQ's time: real ms
  await system.add('system.ping', { pingId: randomUUID() }, { jobId: randomUUID(), timestamp: addedAt });
  await producer.enqueue('system.ping', { pingId: randomUUID() });
}

describe('GET /metrics without METRICS_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('answers 404, as for any unknown path, with or without a token', async () => {
    for (const auth of [undefined, `Bearer ${TOKEN}`]) {
      const call = t.http().get('/metrics');
      const res = await (auth === undefined ? call : call.set('authorization', auth));
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
      expect(typeof res.body.requestId).toBe('string');
    }
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  let t: TestApp;
  let coach: User;
  let admin: User;
  let coachToken: string;

  const scrape = async (): Promise<string> => {
    const res = await t.http().get('/metrics').set('authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    return res.text;
  };

  beforeAll(async () => {
    // The process's own metrics are started by `main`, as here (once per process: see ProcessMetrics).
    processMetrics.collectProcessMetrics();
    // No worker: the jobs this test adds stay where it put them.
    t = await startTestApp({ worker: false, env: { METRICS_TOKEN: TOKEN } });
    const site = await makeSite(t.app);
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id });
    admin = await makeUser(t.app, { role: 'admin' });
    coachToken = await tokenFor(t.app, coach);
  });
  afterAll(() => t.close());

  it('refuses a missing, wrong or differently shaped token with 401 in the error shape', async () => {
    const cases: (string | undefined)[] = [
      undefined,
      'Bearer wrong-token',
      `Bearer ${TOKEN.slice(0, -1)}x`,
      `Bearer ${TOKEN}x`,
      `Basic ${Buffer.from(`metrics:${TOKEN}`).toString('base64')}`,
      `Bearer ${coachToken}`,
    ];
    for (const auth of cases) {
      const call = t.http().get('/metrics');
      const res = await (auth === undefined ? call : call.set('authorization', auth));
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        statusCode: 401,
        code: 'METRICS.TOKEN_INVALID',
        message: expect.any(String),
        requestId: expect.any(String),
      });
      expect(res.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    }
  });

  it('answers 200 in the Prometheus text format with the right token (any case of "Bearer")', async () => {
    const res = await t.http().get('/metrics').set('authorization', `bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(valueOf(res.text, 'family_link_queue_up')).toBe(1);
    expect(valueOf(res.text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('is in the OpenAPI document, outside /api, without the user bearer scheme', async () => {
    const res = await t.http().get('/docs-json');
    expect(res.status).toBe(200);
    const paths = res.body.paths as Record<string, { get?: { security?: unknown } }>;
    expect(Object.keys(paths)).toContain('/metrics');
    expect(paths['/metrics'].get?.security).toBeUndefined();
  });

  it('times requests by route template, never by the raw path with its id', async () => {
    const family = await makeFamily(t.app, coach, 'seeking', { displayName: 'The Quibblewick family' });
    const labels = { method: 'GET', route: '/api/families/:id', status_code: '200' };
    const before = valueOf(await scrape(), 'family_link_http_request_duration_seconds_count', labels) ?? 0;
    const res = await t.http().get(`/api/families/${family.id}`).set('authorization', `Bearer ${coachToken}`);
    expect(res.status).toBe(200);
    const missing = await t
      .http()
      .get(`/api/families/${randomUUID()}`)
      .set('authorization', `Bearer ${coachToken}`);
    expect(missing.status).toBe(404);

    const text = await scrape();
    expect(valueOf(text, 'family_link_http_request_duration_seconds_count', labels)).toBe(before + 1);
    expect(
      valueOf(text, 'family_link_http_request_duration_seconds_count', { ...labels, status_code: '404' }),
    ).toBeGreaterThanOrEqual(1);
    expect(valueOf(text, 'family_link_http_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(
      before + 1,
    );
    // Unknown paths are counted under one label, not under their own paths.
    await t.http().get(`/api/no-such-thing/${randomUUID()}`).expect(404);
    await t.http().get(`/no-such-page/${randomUUID()}`).expect(404);
    expect(
      valueOf(await scrape(), 'family_link_http_request_duration_seconds_count', {
        method: 'GET',
        route: 'unmatched',
        status_code: '404',
      }),
    ).toBeGreaterThanOrEqual(2);
    // No id, name or contact anywhere in the scrape.
    expect(text).not.toContain(family.id);
    expect(text).not.toContain('Quibblewick');
    expect(text).not.toContain(coach.email);
    const routes = new Set(
      parseSamples(text)
        .filter((s) => s.name === 'family_link_http_request_duration_seconds_count')
        .map((s) => s.labels.route),
    );
    for (const route of routes) expect(route).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('reports the depth of each queue by state, and the age of the oldest waiting job', async () => {
    const producer = t.app.get(JobProducer);
    const before = await scrape();
    const depth = (text: string, state: string): number | undefined =>
      valueOf(text, 'family_link_queue_jobs', { queue: 'system', state });
    expect(depth(before, 'delayed')).toBe(0);
    expect(depth(before, 'waiting')).toBe(0);
    expect(valueOf(before, 'family_link_queue_oldest_waiting_job_age_seconds', { queue: 'system' })).toBe(0);

    await producer.enqueue('system.ping', { pingId: randomUUID() }, { runAt: t.clock.daysFromNow(1) });
    await addWaitingJobs(producer);
    const after = await scrape();
    expect(depth(after, 'delayed')).toBe(1);
    expect(depth(after, 'waiting')).toBe(2);
    expect(depth(after, 'active')).toBe(0);
    expect(depth(after, 'failed')).toBe(0);
    const lag = valueOf(after, 'family_link_queue_oldest_waiting_job_age_seconds', { queue: 'system' });
    expect(lag).toBeGreaterThanOrEqual(OLDEST_AGE_SECONDS);
    expect(lag).toBeLessThan(OLDEST_AGE_SECONDS + 60);
    // Every queue, every state: a series each.
    for (const queue of ['system', 'check-ins', 'safeguarding', 'notifications', 'families']) {
      for (const state of ['waiting', 'delayed', 'active', 'failed']) {
        expect(valueOf(after, 'family_link_queue_jobs', { queue, state })).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('counts the reconciler’s repairs from its report', async () => {
    const kinds = [
      ['markedDue', 'marked_due'],
      ['markedMissed', 'marked_missed'],
      ['jobsRestored', 'jobs_restored'],
      ['concernsEscalated', 'concerns_escalated'],
      ['emailJobsRestored', 'email_jobs_restored'],
      ['failedJobsCleared', 'failed_jobs_cleared'],
    ] as const;
    const repairs = (text: string, kind: string): number =>
      valueOf(text, 'family_link_reconciler_repairs_total', { kind }) ?? 0;
    const passes = (text: string): number =>
      (valueOf(text, 'family_link_reconciler_passes_total', { result: 'clean' }) ?? 0) +
      (valueOf(text, 'family_link_reconciler_passes_total', { result: 'with_errors' }) ?? 0);

    // A pending check-in whose queue job was lost: the reconciler derives it again.
    const linkUp = await startTestLinkUp(t.app, coach);
    const [checkIn] = await t.app
      .get(DataSource)
      .query<{ due_at: Date }[]>(
        `SELECT due_at FROM check_ins WHERE link_up_id = $1 AND status = 'scheduled'`,
        [linkUp.id],
      );
    expect(await t.app.get(JobProducer).withdraw('check-ins.sweep', sweepAt(checkIn.due_at))).toBe(true);

    const before = await scrape();
    const report = await reconcilerOf(t.app).reconcile();
    expect(report.jobsRestored).toBeGreaterThanOrEqual(1);
    const after = await scrape();
    for (const [field, kind] of kinds) {
      expect({ kind, delta: repairs(after, kind) - repairs(before, kind) }).toEqual({
        kind,
        delta: report[field],
      });
    }
    expect(passes(after) - passes(before)).toBe(1);
    expect(
      (valueOf(after, 'family_link_reconciler_errors_total') ?? 0) -
        (valueOf(before, 'family_link_reconciler_errors_total') ?? 0),
    ).toBe(report.errors);
  });

  it('counts exports while they stream, and none once they are done or refused', async () => {
    const exportsRunning = async (): Promise<number | undefined> =>
      valueOf(await scrape(), 'family_link_exports_running');
    expect(await exportsRunning()).toBe(0);

    const started = await t.app.get(ExportsService).startExport(callerOf(admin), 'link-ups', {});
    expect(await exportsRunning()).toBe(1);
    const sink = new PassThrough();
    sink.resume();
    const outcome = await started.writeTo(sink);
    expect(outcome.status).toBe('finished');
    expect(await exportsRunning()).toBe(0);

    const adminToken = await tokenFor(t.app, admin);
    const res = await t.http().get('/api/exports/goals.csv').set('authorization', `Bearer ${adminToken}`);
    expect(res.status).toBe(200);
    const refused = await t
      .http()
      .get(`/api/exports/goals.csv?siteId=${randomUUID()}`)
      .set('authorization', `Bearer ${adminToken}`);
    expect(refused.status).toBe(404);
    expect(await exportsRunning()).toBe(0);
  });
});

describe('GET /metrics on the worker’s own port (a separate worker process)', () => {
  let t: TestApp;
  let worker: INestApplication | null = null;
  beforeAll(async () => {
    t = await startTestApp({ worker: false, env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  it('needs the token too, and counts the failed attempts of its queue workers', async () => {
    // A ping whose row does not exist: the worker fails it (not found: no retry).
    await t.app.get(JobProducer).enqueue('system.ping', { pingId: randomUUID() });
    worker = (await createWorkerApp(t.config, { withHealth: true, clock: t.clock })) as INestApplication;
    await initHttpApp(worker);
    const http = () => request(worker?.getHttpServer());
    expect((await http().get('/metrics')).status).toBe(401);
    expect((await http().get('/metrics').set('authorization', 'Bearer wrong-token')).body).toMatchObject({
      statusCode: 401,
      code: 'METRICS.TOKEN_INVALID',
    });
    const text = await waitFor(
      async () => {
        const res = await http().get('/metrics').set('authorization', `Bearer ${TOKEN}`);
        expect(res.status).toBe(200);
        const failed = valueOf(res.text, 'family_link_queue_jobs', { queue: 'system', state: 'failed' });
        return failed === 1 ? res.text : undefined;
      },
      { what: 'the failed ping in the worker’s metrics' },
    );
    expect(valueOf(text, 'family_link_job_attempts_failed_total', { queue: 'system' })).toBe(1);
    expect(valueOf(text, 'family_link_queue_up')).toBe(1);
  });
});

// The queue gauges read through BullMQ: check them on the backend the suite above did not use.
// (Without Redis there is no other backend: the suite above ran on PostgreSQL.)
const otherBackend = defaultQueueBackend() === 'redis' ? 'postgres' : redisAvailable() ? 'redis' : null;
const describeOtherBackend = otherBackend === null ? (): void => undefined : describe;
describeOtherBackend(`queue metrics on the ${otherBackend} backend`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      worker: false,
      queue: otherBackend ?? 'postgres',
      env: { METRICS_TOKEN: TOKEN },
    });
  });
  afterAll(() => t.close());

  it('reports a delayed and a waiting job', async () => {
    const producer = t.app.get(JobProducer);
    await producer.enqueue('system.ping', { pingId: randomUUID() }, { runAt: t.clock.daysFromNow(1) });
    await addWaitingJobs(producer);
    const res = await t.http().get('/metrics').set('authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(valueOf(res.text, 'family_link_queue_up')).toBe(1);
    expect(valueOf(res.text, 'family_link_queue_jobs', { queue: 'system', state: 'delayed' })).toBe(1);
    expect(valueOf(res.text, 'family_link_queue_jobs', { queue: 'system', state: 'waiting' })).toBe(2);
    const lag = valueOf(res.text, 'family_link_queue_oldest_waiting_job_age_seconds', { queue: 'system' });
    expect(lag).toBeGreaterThanOrEqual(OLDEST_AGE_SECONDS);
    expect(lag).toBeLessThan(OLDEST_AGE_SECONDS + 60);
  });
});
