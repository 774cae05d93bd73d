import type { AppConfig } from '@app/config';
import { Clock } from '@app/core';
import { migrateDatabase } from '@app/database';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiModule } from '../apps/api/src/api.module';
import { configureApi } from '../apps/api/src/configure-api';
import { benchApiConfig, benchDatabase, round, type Benchmark } from './bench-kit';
import { seedSmallWinLinkUp } from './journey-http.bench';
import { generateLoad, type LoadResult, type LoadSpec } from './load-generator';

const CLIENTS = 64;
const DURATION_MS = 15_000;
const WARMUP_MS = 2_000;
/** Express, Fastify, Express, Fastify: each adapter measured twice, neither always first. */
const ORDER = ['Express', 'Fastify', 'Express', 'Fastify'] as const;

type AdapterName = (typeof ORDER)[number];

interface Measured extends LoadResult {
  /** The API process's CPU time (user + system) per answered request, in ms. */
  readonly cpuMs: number;
}

interface Round {
  readonly adapter: AdapterName;
  readonly me: Measured;
  readonly win: Measured;
}

/**
 * The real ApiModule on one adapter, with only the pieces that run on both (`expressOnlyParts: false`:
 * no helmet, no Express JSON parser and its checks, no queue dashboard, no OpenAPI pages, no web app).
 */
async function boot(
  adapter: AdapterName,
  config: AppConfig,
): Promise<{ app: INestApplication; base: string }> {
  const httpAdapter = adapter === 'Express' ? new ExpressAdapter() : new FastifyAdapter();
  const app = await NestFactory.create(ApiModule.forRoot(config), httpAdapter, {
    logger: false,
    bufferLogs: true,
  });
  configureApi(app, { expressOnlyParts: false });
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  return { app, base: `http://127.0.0.1:${port}` };
}

/** One request of `spec`, refused loudly unless it succeeds: a failing adapter would measure its errors. */
async function checkAnswers(adapter: AdapterName, spec: LoadSpec): Promise<void> {
  const res = await fetch(spec.url, {
    method: spec.method ?? 'GET',
    headers: spec.headers,
    ...(spec.body === undefined ? {} : { body: spec.body }),
  });
  if (!res.ok)
    throw new Error(
      `${adapter}: ${spec.method ?? 'GET'} ${spec.url} answered ${res.status}: ${await res.text()}`,
    );
}

/** Load from a child process; the CPU this process (the API) spent meanwhile, per answered request. */
async function measured(spec: LoadSpec): Promise<Measured> {
  await generateLoad({ ...spec, durationMs: WARMUP_MS });
  const before = process.cpuUsage();
  const result = await generateLoad(spec);
  const used = process.cpuUsage(before);
  return { ...result, cpuMs: round((used.user + used.system) / 1000 / Math.max(1, result.requests), 2) };
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

function describe(rounds: readonly Round[], adapter: AdapterName) {
  const mine = rounds.filter((r) => r.adapter === adapter);
  const of = (pick: (r: Round) => number, digits = 1) => round(mean(mine.map(pick)), digits);
  return {
    mePerSecond: of((r) => r.me.perSecond, 0),
    meP50Ms: of((r) => r.me.p50),
    meP99Ms: of((r) => r.me.p99),
    meCpuMs: of((r) => r.me.cpuMs, 2),
    winPerSecond: of((r) => r.win.perSecond, 0),
    winP50Ms: of((r) => r.win.p50),
    winP99Ms: of((r) => r.win.p99),
    winCpuMs: of((r) => r.win.cpuMs, 2),
    failures: mine.reduce((n, r) => n + r.me.failures + r.win.failures, 0),
  };
}

/**
 * Issue 17: is the HTTP adapter the limit? The real ApiModule booted twice in one process, on Express
 * (as production) and on @nestjs/platform-fastify, on one database and one seeded link-up, each
 * serving `GET /api/me` and the small-win `POST` to the child-process load generator, in turns.
 */
export const adapterHttp: Benchmark = {
  name: `adapter: Express vs Fastify, the same ApiModule, GET /api/me and POST small win, ${CLIENTS} clients × ${DURATION_MS / 1000} s each, turns ${ORDER.join(', ')} after a warm-up of each (HTTP; the load from a separate process)`,
  issue: 17,
  async run() {
    const database = await benchDatabase();
    const config = benchApiConfig(database.url, {
      // One signing key for both apps, so one token serves both.
      JWT_SECRET: randomBytes(32).toString('hex'),
    });
    const apps = new Map<AdapterName, { app: INestApplication; base: string }>();
    try {
      await migrateDatabase(database.url, { queueOnPostgres: config.queueBackend === 'postgres' });
      // Both alive throughout (the idle one costs the same in every turn), each with its own pool.
      apps.set('Express', await boot('Express', config));
      apps.set('Fastify', await boot('Fastify', config));
      const seeder = apps.get('Express')!.app;
      const { linkUpId, familyToken } = await seedSmallWinLinkUp(seeder);
      const headers = { authorization: `Bearer ${familyToken}`, 'content-type': 'application/json' };
      const body = JSON.stringify({
        text: 'We made it to playgroup together',
        occurredOn: seeder.get(Clock).today(),
      });
      const specs = (base: string) => ({
        me: { url: `${base}/api/me`, headers, clients: CLIENTS, durationMs: DURATION_MS } satisfies LoadSpec,
        win: {
          url: `${base}/api/link-ups/${linkUpId}/small-wins`,
          method: 'POST',
          headers,
          body,
          clients: CLIENTS,
          durationMs: DURATION_MS,
        } satisfies LoadSpec,
      });
      for (const [adapter, { base }] of apps) {
        await checkAnswers(adapter, specs(base).me);
        await checkAnswers(adapter, specs(base).win);
      }

      // A turn of each, not measured, first: otherwise the first turn also pays for warming the code both
      // adapters share (the guard, the services, TypeORM), and the first turn is always Express's.
      for (const { base } of apps.values()) {
        await generateLoad({ ...specs(base).me, durationMs: WARMUP_MS * 2 });
        await generateLoad({ ...specs(base).win, durationMs: WARMUP_MS * 2 });
      }
      const rounds: Round[] = [];
      for (const adapter of ORDER) {
        const { me, win } = specs(apps.get(adapter)!.base);
        const round_: Round = { adapter, me: await measured(me), win: await measured(win) };
        rounds.push(round_);
        console.log(
          `  turn ${rounds.length} ${adapter}: GET /api/me ${round_.me.perSecond} req/s, p50 ${round_.me.p50} / p99 ${round_.me.p99} ms, CPU ${round_.me.cpuMs} ms/req; ` +
            `small win ${round_.win.perSecond} req/s, p50 ${round_.win.p50} / p99 ${round_.win.p99} ms, CPU ${round_.win.cpuMs} ms/req ` +
            `(${round_.me.failures + round_.win.failures} failed)`,
        );
      }
      const express = describe(rounds, 'Express');
      const fastify = describe(rounds, 'Fastify');
      const ratio = (a: number, b: number) => round(a / b, 2);
      const line = (name: AdapterName, d: ReturnType<typeof describe>) =>
        `${name}: GET /api/me ${d.mePerSecond} req/s, p50 ${d.meP50Ms} / p99 ${d.meP99Ms} ms, CPU ${d.meCpuMs} ms/req; ` +
        `small win ${d.winPerSecond} req/s, p50 ${d.winP50Ms} / p99 ${d.winP99Ms} ms, CPU ${d.winCpuMs} ms/req (${d.failures} failed)`;
      return {
        summary:
          `means of 2 turns each — ${line('Express', express)}; ${line('Fastify', fastify)}; ` +
          `Fastify/Express CPU per request: GET /api/me ${ratio(fastify.meCpuMs, express.meCpuMs)}, small win ${ratio(fastify.winCpuMs, express.winCpuMs)}`,
        metrics: {
          ...Object.fromEntries(Object.entries(express).map(([k, v]) => [`express.${k}`, v])),
          ...Object.fromEntries(Object.entries(fastify).map(([k, v]) => [`fastify.${k}`, v])),
        },
      };
    } finally {
      for (const { app } of apps.values()) await app.close();
      await database.drop();
    }
  },
};
