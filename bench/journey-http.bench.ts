import {
  AccessTokens,
  actorOf,
  Clock,
  FamiliesService,
  LinkUpsService,
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
import { ApiModule } from '../apps/api/src/api.module';
import { configureApi } from '../apps/api/src/configure-api';
import {
  benchApiConfig,
  benchDatabase,
  postgresCpuBetween,
  round,
  samplePostgresCpu,
  type Benchmark,
} from './bench-kit';
import { generateLoad, type LoadSpec } from './load-generator';
import { measureNestFloor } from './nest-floor';

const CLIENTS = 64;
const DURATION_MS = 20_000;
const WARMUP_MS = 2_000;

/** A site, a coach, a Seeking family with its family user, a Sharing family, and their link-up. */
export async function seedSmallWinLinkUp(
  app: INestApplication,
): Promise<{ linkUpId: string; familyToken: string }> {
  const system: Caller = {
    actor: {
      id: '00000000-0000-4000-8000-000000000000',
      role: 'admin',
      siteId: null,
      familyId: null,
      supervisorId: null,
    },
    requestId: 'bench',
  };
  const site = await app
    .get(SitesService)
    .createSite(system, { name: `Bench ${randomBytes(3).toString('hex')}` });
  const users = app.get(UsersService);
  const password = randomBytes(12).toString('hex');
  const coach = await users.createUser(system, {
    email: `coach-${randomBytes(4).toString('hex')}@bench.local`,
    displayName: 'Bench coach',
    role: 'coach',
    password,
    siteId: site.id,
  });
  const asCoach: Caller = { actor: actorOf(coach), requestId: 'bench' };
  const families = app.get(FamiliesService);
  const seeking = await families.registerFamily(asCoach, {
    kind: 'seeking',
    displayName: 'Bench seeking',
    siteId: site.id,
  });
  const sharing = await families.registerFamily(asCoach, {
    kind: 'sharing',
    displayName: 'Bench sharing',
    siteId: site.id,
  });
  const linkUp = await app.get(LinkUpsService).startLinkUp({
    siteId: site.id,
    seekingFamilyId: seeking.id,
    sharingFamilyId: sharing.id,
    coachId: coach.id,
    matchProposalId: null,
    startedAt: app.get(Clock).now(),
    actorId: coach.id,
  });
  const familyUser = await users.createUser(system, {
    email: `family-${randomBytes(4).toString('hex')}@bench.local`,
    displayName: 'Bench family',
    role: 'family',
    password,
    siteId: site.id,
    familyId: seeking.id,
  });
  const familyToken = (await app.get(AccessTokens).issueToken(familyUser)).accessToken;
  return { linkUpId: linkUp.id, familyToken };
}

/** Issue 5: the busiest family action, `POST` a small win, against a bare authenticated `GET /api/me`. */
export const smallWinsHttp: Benchmark = {
  name: `journey: POST /api/link-ups/:id/small-wins vs GET /api/me, ${CLIENTS} clients × ${DURATION_MS / 1000} s each (HTTP; the load from a separate process; local database and queue)`,
  issue: 5,
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
      const { linkUpId, familyToken } = await seedSmallWinLinkUp(app);
      const headers = { authorization: `Bearer ${familyToken}`, 'content-type': 'application/json' };
      const me: LoadSpec = { url: `${base}/api/me`, headers, clients: CLIENTS, durationMs: DURATION_MS };
      const win: LoadSpec = {
        url: `${base}/api/link-ups/${linkUpId}/small-wins`,
        method: 'POST',
        headers,
        body: JSON.stringify({
          text: 'We made it to playgroup together',
          occurredOn: app.get(Clock).today(),
        }),
        clients: CLIENTS,
        durationMs: DURATION_MS,
      };

      // The load comes from a child process (bench/load-generator.ts), not from the API's own event loop.
      // Besides rate and latency (which the machine's other load moves), the API process's own CPU time
      // per answered request: what a change to the request path saves, whatever else runs.
      // PostgreSQL's share likewise, from /proc when the server runs on this machine: its backends (the
      // API's pool) per request, and its writers (walwriter, background writer, checkpointer: shared
      // with every database of the server).
      const measured = async (spec: LoadSpec) => {
        const pgBefore = await samplePostgresCpu(database.url);
        const before = process.cpuUsage();
        const result = await generateLoad(spec);
        const used = process.cpuUsage(before);
        const pg = postgresCpuBetween(pgBefore, await samplePostgresCpu(database.url));
        const perRequest = (ms: number) => round(ms / Math.max(1, result.requests), 2);
        return {
          ...result,
          cpuMs: perRequest((used.user + used.system) / 1000),
          pgCpuMs: pg === null ? null : perRequest(pg.backendsMs),
          pgServerCpuMs: pg === null ? null : perRequest(pg.serverMs),
        };
      };
      const pgSummary = (result: Awaited<ReturnType<typeof measured>>) =>
        result.pgCpuMs === null
          ? ''
          : `, PostgreSQL CPU ${result.pgCpuMs} ms/request (+ ${result.pgServerCpuMs} server-wide writers)`;
      await generateLoad({ ...me, durationMs: WARMUP_MS });
      const meResult = await measured(me);
      await generateLoad({ ...win, durationMs: WARMUP_MS });
      const winResult = await measured(win);
      // The same route on a bare Nest app, after the API's load: the framework's floor under a win.
      const floor = await measureNestFloor(win, WARMUP_MS);
      const ratio = round(winResult.perSecond / meResult.perSecond, 2);
      const backend = config.queueBackend === 'redis' ? 'Redis' : 'PostgreSQL';
      return {
        summary:
          `small win: ${winResult.perSecond} req/s, p50 ${winResult.p50} ms, p99 ${winResult.p99} ms, API CPU ${winResult.cpuMs} ms/request${pgSummary(winResult)}, load generator CPU ${winResult.clientCpuMs} ms/request (${winResult.failures} failed); ` +
          `GET /api/me: ${meResult.perSecond} req/s, p50 ${meResult.p50} ms, p99 ${meResult.p99} ms, API CPU ${meResult.cpuMs} ms/request${pgSummary(meResult)}, load generator CPU ${meResult.clientCpuMs} ms/request; ` +
          `throughput ratio ${ratio} (queue on ${backend}); ` +
          `the small win's route, DTO and validation on a bare Nest app (same adapter; no guard, hooks, logs or database): ${floor.perSecond} req/s, p99 ${floor.p99} ms, API CPU ${floor.cpuMs} ms/request`,
        metrics: {
          winPerSecond: winResult.perSecond,
          winP50Ms: winResult.p50,
          winP99Ms: winResult.p99,
          winFailures: winResult.failures,
          mePerSecond: meResult.perSecond,
          meP50Ms: meResult.p50,
          meP99Ms: meResult.p99,
          meCpuMsPerRequest: meResult.cpuMs,
          winCpuMsPerRequest: winResult.cpuMs,
          ...(winResult.pgCpuMs === null
            ? {}
            : {
                winPostgresCpuMsPerRequest: winResult.pgCpuMs,
                mePostgresCpuMsPerRequest: meResult.pgCpuMs ?? Number.NaN,
              }),
          ratio,
          floorPerSecond: floor.perSecond,
          floorP99Ms: floor.p99,
          floorCpuMsPerRequest: floor.cpuMs,
        },
      };
    } finally {
      await app?.close();
      await database.drop();
    }
  },
};
