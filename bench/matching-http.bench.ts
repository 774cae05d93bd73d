import { loadConfig, readTestServers } from '@app/config';
import {
  AccessTokens,
  actorOf,
  Clock,
  FamiliesService,
  isoDay,
  SitesService,
  UsersService,
  type Caller,
} from '@app/core';
import { EmbeddedPostgresServer, migrateDatabase, withDatabase } from '@app/database';
import { generateDemoFamilies, type DemoFamily } from '@app/domain';
import { createHttpAdapter } from '@app/http';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { ApiModule } from '../apps/api/src/api.module';
import { configureApi } from '../apps/api/src/configure-api';
import { percentile, round, type Benchmark } from './bench-kit';

const SHARING_COUNT = 20_000;
const SEEKING_COUNT = 20;

/** A PostgreSQL server: TEST_DATABASE_URL when set, otherwise an embedded one in a temp folder. */
async function startServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const given = readTestServers().databaseUrl;
  if (given !== null) return { url: given, stop: () => Promise.resolve() };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fl-bench-'));
  const server = await EmbeddedPostgresServer.start({
    dataDir: path.join(dir, 'postgres'),
    port: 54000 + Math.floor(Math.random() * 900),
    database: 'family_link',
    relocateIfUnreachable: true,
    fast: true,
  });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function onServer<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Nullable lists travel as JSON; this turns one back into a text[] (or NULL). */
const list = (column: string): string =>
  `CASE WHEN jsonb_typeof(r.${column}) = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(r.${column})) ELSE NULL END`;

/**
 * Benchmarks may insert rows directly: 20,000 approved Sharing families, their adults and their
 * participation consents, in bulk.
 */
async function insertSharingFamilies(
  url: string,
  siteId: string,
  coachId: string,
  families: readonly DemoFamily[],
) {
  await onServer(url, async (client) => {
    for (let start = 0; start < families.length; start += 2_000) {
      const chunk = families.slice(start, start + 2_000);
      await client.query(
        `INSERT INTO families (id, kind, status, display_name, site_id, primary_coach_id, suburb, postcode,
           latitude, longitude, languages, interests, life_experiences, strengths, availability_slots,
           children_age_bands, household_traits, max_concurrent_link_ups, training_completed_at,
           coach_sign_off_by, coach_sign_off_at)
         SELECT r.id, 'sharing', 'approved', r.display_name, $2, $3, r.suburb, r.postcode, r.latitude, r.longitude,
           ARRAY(SELECT jsonb_array_elements_text(r.languages)), ${list('interests')}, ${list('life_experiences')},
           ${list('strengths')}, ${list('availability_slots')}, ${list('children_age_bands')},
           ${list('household_traits')}, r.capacity, now(), $3, now()
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, display_name text, suburb text, postcode text,
           latitude float8, longitude float8, languages jsonb, interests jsonb, life_experiences jsonb,
           strengths jsonb, availability_slots jsonb, children_age_bands jsonb, household_traits jsonb, capacity int)`,
        [
          JSON.stringify(
            chunk.map((f) => ({
              id: f.id,
              display_name: f.displayName,
              suburb: f.suburb,
              postcode: f.postcode,
              latitude: f.location?.lat ?? null,
              longitude: f.location?.lng ?? null,
              languages: f.languages,
              interests: f.interests,
              life_experiences: f.lifeExperiences,
              strengths: f.strengths,
              availability_slots: f.availabilitySlots,
              children_age_bands: f.childrenAgeBands,
              household_traits: f.householdTraits,
              capacity: f.maxConcurrentLinkUps ?? 1,
            })),
          ),
          siteId,
          coachId,
        ],
      );
      await client.query(
        `INSERT INTO people (family_id, role, preferred_name, wwcc_number, wwcc_expires_on)
         SELECT r.family_id, 'adult', r.name, r.wwcc, r.expiry
         FROM jsonb_to_recordset($1::jsonb) AS r(family_id uuid, name text, wwcc text, expiry date)`,
        [
          JSON.stringify(
            chunk.flatMap((f) =>
              f.adults.map((a) => ({
                family_id: f.id,
                name: a.preferredName,
                wwcc: a.wwccNumber,
                expiry: a.wwccExpiry,
              })),
            ),
          ),
        ],
      );
      // Approved families have given participation consent (a hard matching constraint).
      await client.query(
        `INSERT INTO consents (family_id, kind, granted_at, granted_by)
         SELECT id, 'participation', now(), $2 FROM unnest($1::uuid[]) AS id`,
        [chunk.map((f) => f.id), coachId],
      );
    }
    await client.query('ANALYZE families; ANALYZE people; ANALYZE consents');
  });
}

/**
 * Issue 4: `GET /api/families/:id/suggestions` over HTTP (a coach's token, a real socket) with
 * 20,000 approved Sharing families in the site: the database read of every candidate with its
 * checks and live link-ups, the engine, and the JSON.
 */
export const suggestionsOverHttp: Benchmark = {
  name: 'matching: GET /api/families/:id/suggestions among 20,000 Sharing families (over HTTP)',
  issue: 4,
  async run() {
    const server = await startServer();
    const name = `fl_bench_${randomBytes(5).toString('hex')}`;
    await onServer(withDatabase(server.url, 'postgres'), (c) => c.query(`CREATE DATABASE ${name}`));
    const url = withDatabase(server.url, name);
    let app: INestApplication | null = null;
    try {
      await migrateDatabase(url, { queueOnPostgres: true });
      const config = loadConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: url,
        RUN_WORKER_IN_API: 'false',
        RUN_MIGRATIONS: 'false',
        SEED_DEMO: 'false',
        QUEUE_PREFIX: name,
      });
      app = await NestFactory.create(ApiModule.forRoot(config), createHttpAdapter(), { logger: false });
      configureApi(app);
      await app.listen(0, '127.0.0.1');
      const { port } = (app.getHttpServer() as Server).address() as AddressInfo;

      const system: Caller = {
        actor: { id: randomUUID(), role: 'admin', siteId: null, familyId: null, supervisorId: null },
        requestId: 'bench',
      };
      const site = await app.get(SitesService).createSite(system, { name: `Bench ${name}` });
      const coach = await app.get(UsersService).createUser(system, {
        email: `coach-${name}@bench.family-link.local`,
        displayName: 'Bench coach',
        role: 'coach',
        password: randomBytes(16).toString('hex'),
        siteId: site.id,
        familyId: null,
        supervisorId: null,
      });
      const data = generateDemoFamilies({
        seed: 20260302,
        siteId: site.id,
        seekingCount: SEEKING_COUNT,
        sharingCount: SHARING_COUNT,
        today: isoDay(app.get(Clock).now()),
        allSharingAvailable: true,
      });
      await insertSharingFamilies(url, site.id, coach.id, data.sharing);
      const coachCaller: Caller = { actor: actorOf(coach), requestId: 'bench' };
      const families = app.get(FamiliesService);
      const seekingIds: string[] = [];
      for (const f of data.seeking) {
        const family = await families.registerFamily(coachCaller, {
          kind: 'seeking',
          displayName: f.displayName,
          siteId: site.id,
          suburb: f.suburb,
          postcode: f.postcode,
          latitude: f.location?.lat ?? null,
          longitude: f.location?.lng ?? null,
          languages: f.languages,
          interpreterArranged: f.interpreterArranged,
          interests: f.interests,
          lifeExperiences: f.lifeExperiences,
          goalThemes: f.goalThemes,
          availabilitySlots: f.availabilitySlots,
          childrenAgeBands: f.childrenAgeBands,
        });
        seekingIds.push(family.id);
      }
      const { accessToken } = await app.get(AccessTokens).issueToken(coach);

      const warmup = 10;
      const runs = 100;
      const times: number[] = [];
      let eligible = 0;
      let bytes = 0;
      for (let i = 0; i < warmup + runs; i++) {
        const id = seekingIds[i % seekingIds.length];
        const started = process.hrtime.bigint();
        const res = await fetch(`http://127.0.0.1:${port}/api/families/${id}/suggestions?limit=10`, {
          headers: { authorization: `Bearer ${accessToken}` },
        });
        const text = await res.text();
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (res.status !== 200) throw new Error(`suggestions answered ${res.status}: ${text.slice(0, 200)}`);
        if (i >= warmup) {
          times.push(ms);
          eligible += (JSON.parse(text) as { eligibleCount: number }).eligibleCount;
          bytes += text.length;
        }
      }
      times.sort((a, b) => a - b);
      const p50 = round(percentile(times, 50));
      const p99 = round(percentile(times, 99));
      return {
        summary: `p50 ${p50} ms, p99 ${p99} ms over ${runs} requests (mean ${Math.round(eligible / runs)} eligible of 20,000; ~${Math.round(bytes / runs / 1024)} KiB per answer)`,
        metrics: { p50Ms: p50, p99Ms: p99, runs },
      };
    } finally {
      await app?.close();
      await onServer(withDatabase(server.url, 'postgres'), (c) =>
        c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      );
      await server.stop();
    }
  },
};
