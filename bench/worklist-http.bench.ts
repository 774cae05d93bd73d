import {
  AccessTokens,
  actorOf,
  Clock,
  FamiliesService,
  FamilyLifecycleService,
  isoDay,
  LinkUp,
  LinkUpStagesService,
  SafeguardingService,
  SitesService,
  UsersService,
  type Caller,
} from '@app/core';
import { migrateDatabase } from '@app/database';
import { createHttpAdapter } from '@app/http';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { DataSource, In } from 'typeorm';
import { ApiModule } from '../apps/api/src/api.module';
import { configureApi } from '../apps/api/src/configure-api';
import { startLinkUpOf } from '../libs/testing/src/start-link-up';
import { benchApiConfig, benchDatabase, percentile, round, type Benchmark } from './bench-kit';

const OTHER_FAMILIES = 20_000;
const LINK_UPS = 25;
const WAITING = 10;
const REQUESTS = 300;
const WARMUP = 30;

const SYSTEM: Caller = {
  actor: {
    id: '00000000-0000-4000-8000-000000000000',
    role: 'admin',
    siteId: null,
    familyId: null,
    supervisorId: null,
  },
  requestId: 'bench',
};

/**
 * 20,000 families of other coaches of the same site (half Seeking, half approved Sharing with an adult),
 * waiting and with checks expiring as of `now` (the app's clock).
 */
async function insertOtherFamilies(url: string, siteId: string, coachId: string, now: Date): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO families (kind, status, display_name, site_id, primary_coach_id, suburb, waiting_since)
       SELECT CASE WHEN i % 2 = 0 THEN 'seeking' ELSE 'sharing' END,
              CASE WHEN i % 2 = 0 THEN 'choosing' ELSE 'approved' END,
              'Other family ' || i, $1, $2, 'Adelaide',
              CASE WHEN i % 2 = 0 THEN $3::timestamptz - (i % 60) * interval '1 day' END
         FROM generate_series(1, $4) AS i`,
      [siteId, coachId, now.toISOString(), OTHER_FAMILIES],
    );
    await client.query(
      `INSERT INTO people (family_id, role, preferred_name, wwcc_number, wwcc_expires_on)
       SELECT id, 'adult', 'Adult', 'WWC1', $2::date + (random() * 700)::int
         FROM families WHERE kind = 'sharing' AND primary_coach_id = $1`,
      [coachId, isoDay(now)],
    );
    await client.query('ANALYZE families; ANALYZE people');
  } finally {
    await client.end();
  }
}

/** A coach with 60 families: 25 link-ups (50 families, check-ins planned), 10 waiting; a few concerns. */
async function seed(app: INestApplication, url: string): Promise<string> {
  const site = await app
    .get(SitesService)
    .createSite(SYSTEM, { name: `Bench ${randomBytes(3).toString('hex')}` });
  const users = app.get(UsersService);
  const password = randomBytes(12).toString('hex');
  const makeCoach = (name: string) =>
    users.createUser(SYSTEM, {
      email: `${name}-${randomBytes(4).toString('hex')}@bench.local`,
      displayName: name,
      role: 'coach',
      password,
      siteId: site.id,
    });
  const coach = await makeCoach('Bench coach');
  const others = await makeCoach('Other coach');
  const now = app.get(Clock).now();
  await insertOtherFamilies(url, site.id, others.id, now);

  const asCoach: Caller = { actor: actorOf(coach), requestId: 'bench' };
  const families = app.get(FamiliesService);
  for (let i = 0; i < LINK_UPS; i += 1) {
    const seeking = await families.registerFamily(asCoach, {
      kind: 'seeking',
      displayName: `Seeking ${i}`,
      siteId: site.id,
    });
    const sharing = await families.registerFamily(asCoach, {
      kind: 'sharing',
      displayName: `Sharing ${i}`,
      siteId: site.id,
    });
    const startedAt = new Date(now.getTime() - i * 7 * 86_400_000);
    const linkUp = await startLinkUpOf(app, coach, {
      seekingFamilyId: seeking.id,
      sharingFamilyId: sharing.id,
      startedAt,
      announce: true,
    });
    if (i % 8 === 0) {
      await app.get(SafeguardingService).raiseConcern(asCoach, {
        linkUpId: linkUp.id,
        severity: 'medium',
        description: 'Bench concern',
      });
    }
  }
  for (let i = 0; i < WAITING; i += 1) {
    let family = await families.registerFamily(asCoach, {
      kind: 'seeking',
      displayName: `Waiting ${i}`,
      siteId: site.id,
    });
    for (const to of ['intake', 'choosing']) {
      family = await app
        .get(FamilyLifecycleService)
        .changeFamilyStatus(asCoach, family.id, { to, version: family.version });
    }
  }
  return (await app.get(AccessTokens).issueToken(coach)).accessToken;
}

/** One request after the other: the latency a coach sees opening the page, without queueing. */
async function measure(
  send: () => Promise<Response>,
): Promise<{ p50: number; p99: number; failures: number }> {
  const latencies: number[] = [];
  let failures = 0;
  for (let i = 0; i < WARMUP + REQUESTS; i += 1) {
    const t0 = performance.now();
    const res = await send();
    await res.arrayBuffer();
    if (!res.ok) failures += 1;
    else if (i >= WARMUP) latencies.push(performance.now() - t0);
  }
  latencies.sort((a, b) => a - b);
  return { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), failures };
}

/**
 * Issue 17: the guard facts of the live link-ups as the worklist reads them now (a few set-based
 * statements) and as it read them before (eleven statements per link-up, five link-ups at a time),
 * alternately, in the same run.
 */
async function measureGuardFacts(app: INestApplication): Promise<{
  count: number;
  together: { p50: number; p99: number };
  oneByOne: { p50: number; p99: number };
}> {
  const linkUps = await app
    .get(DataSource)
    .getRepository(LinkUp)
    .find({ where: { status: In(['active', 'paused']) }, order: { startedAt: 'ASC', id: 'ASC' } });
  const stages = app.get(LinkUpStagesService);
  const now = app.get(Clock).now();
  const together: number[] = [];
  const oneByOne: number[] = [];
  for (let i = 0; i < WARMUP + REQUESTS / 3; i += 1) {
    const t0 = performance.now();
    await stages.guardFactsOfMany(linkUps, now);
    const t1 = performance.now();
    for (let k = 0; k < linkUps.length; k += 5) {
      await Promise.all(linkUps.slice(k, k + 5).map((linkUp) => stages.guardFactsOneByOne(linkUp, now)));
    }
    const t2 = performance.now();
    if (i >= WARMUP) {
      together.push(t1 - t0);
      oneByOne.push(t2 - t1);
    }
  }
  const summary = (times: number[]) => {
    times.sort((a, b) => a - b);
    return { p50: round(percentile(times, 50)), p99: round(percentile(times, 99)) };
  };
  return { count: linkUps.length, together: summary(together), oneByOne: summary(oneByOne) };
}

/** Issue 14: `GET /api/worklist` for a coach with 60 families and 25 link-ups among 20,000 families. */
export const worklistHttp: Benchmark = {
  name: `worklist: GET /api/worklist vs GET /api/me, a coach with ${LINK_UPS * 2 + WAITING} families and ${LINK_UPS} link-ups among ${OTHER_FAMILIES.toLocaleString('en')} families, ${REQUESTS} sequential requests each (HTTP, in-process API)`,
  issue: 14,
  async run() {
    const database = await benchDatabase();
    const config = benchApiConfig(database.url);
    let app: INestApplication | null = null;
    try {
      await migrateDatabase(database.url, { queueOnPostgres: config.queueBackend === 'postgres' });
      app = await NestFactory.create(ApiModule.forRoot(config), createHttpAdapter(), {
        logger: false,
        bufferLogs: true,
      });
      configureApi(app);
      await app.listen(0, '127.0.0.1');
      const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
      const base = `http://127.0.0.1:${port}`;
      const token = await seed(app, database.url);
      const headers = { authorization: `Bearer ${token}` };
      const me = await measure(() => fetch(`${base}/api/me`, { headers }));
      const worklist = await measure(() => fetch(`${base}/api/worklist`, { headers }));
      const guards = await measureGuardFacts(app);
      const sample = (await (await fetch(`${base}/api/worklist`, { headers })).json()) as Record<
        string,
        unknown[]
      >;
      const rows = ['checkIns', 'linkUps', 'waitingFamilies', 'sharingFamilies', 'concerns']
        .map((k) => `${k} ${sample[k]?.length ?? 0}`)
        .join(', ');
      return {
        summary:
          `worklist: p50 ${worklist.p50} ms, p99 ${worklist.p99} ms (${worklist.failures} failed; ${rows}); ` +
          `GET /api/me: p50 ${me.p50} ms, p99 ${me.p99} ms; ` +
          `the ${guards.count} link-ups' guard facts in-process, set-based p50 ${guards.together.p50} ms, p99 ${guards.together.p99} ms ` +
          `vs per link-up in batches of 5 (before issue 17) p50 ${guards.oneByOne.p50} ms, p99 ${guards.oneByOne.p99} ms`,
        metrics: {
          worklistP50Ms: worklist.p50,
          worklistP99Ms: worklist.p99,
          worklistFailures: worklist.failures,
          meP50Ms: me.p50,
          meP99Ms: me.p99,
          guardsSetP50Ms: guards.together.p50,
          guardsSetP99Ms: guards.together.p99,
          guardsOneByOneP50Ms: guards.oneByOne.p50,
          guardsOneByOneP99Ms: guards.oneByOne.p99,
        },
      };
    } finally {
      await app?.close();
      await database.drop();
    }
  },
};
