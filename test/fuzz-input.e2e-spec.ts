import { listenOnFreePort, makeSite, makeUser, tokenFor, waitFor } from '@app/testing';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { ROUTE_ACCESS, type Audience, type RouteAccessRow } from './support/route-access';
import { ROUTE_FIXTURES, type FixtureContext } from './support/route-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Schema-driven fuzzing (issue 12, "No 5xx from input"): reads the app's OpenAPI document and, for
 * every operation that takes a JSON body, query parameters or a path id, sends malformed and
 * boundary inputs derived from its schemas (fast-check, seed pinned by FC_SEED) as a caller the
 * route access rows allow. It asserts that nothing answers 5xx, and that a batch of requests that
 * were all refused (4xx) changed no row.
 *
 * The fingerprint (`fingerprint` below) covers every base table of the app's `public` schema except
 * `migrations`: per table, its row count and an md5 over the md5 of every row's full text, so an
 * insert, delete or any changed column shows. Not covered: the queue (BullMQ keys in Redis) and the
 * pg-boss/queue schema, if any; sequences.
 */

/** Total requests per run; CI asserts at least 5,000. */
const TARGET_REQUESTS = 5_200;
/** Requests in flight together; the fingerprint is taken around each batch. */
const BATCH = 8;
/** CI pins it (FC_SEED, set globally by test/setup/fast-check.ts); locally each run draws a new one. */
const SEED = fc.readConfigureGlobal().seed ?? Math.floor(Math.random() * 2 ** 31);

/**
 * Routes not fuzzed, and why:
 * - POST /api/me/password: the fuzzing callers' own password; wrong current passwords count toward
 *   the sign-in throttle and could lock the calling account out.
 * - POST /api/auth/login: every refused sign-in writes a throttle counter and an audit row by design
 *   (so the "no write on refusal" check does not apply), and the callers use tokens, not sign-in;
 *   test/login-throttle.e2e-spec.ts and test/input-robustness.e2e-spec.ts cover its input.
 */
const SKIPPED = new Set(['POST /api/me/password', 'POST /api/auth/login']);

/**
 * The other public sign-in routes count a well-formed attempt that fails (a wrong invitation token or
 * reset code, a throttled reset request) in the throttle's counters and audit it, by design: that is
 * how guessing is slowed. So these two tables may change in a refused batch when it holds such an
 * attempt, i.e. a refusal after validation; a refusal by validation itself must still write nothing.
 */
const COUNTED_ATTEMPTS = new Set([
  'POST /api/auth/join',
  'POST /api/auth/password-reset',
  'POST /api/auth/password-reset/complete',
]);
const ATTEMPT_TABLES = new Set(['login_throttle_counters', 'audit_events']);
/** Refusals before any service runs: the body parser, the size and depth limits, the validation pipe. */
const INPUT_REFUSALS = new Set([
  'VALIDATION_FAILED',
  'MALFORMED_BODY',
  'BODY_TOO_DEEP',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
]);

type Schema = {
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: boolean | Schema;
  $ref?: string;
};

interface OpenApiParameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema?: Schema;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: OpenApiParameter[];
        requestBody?: { content?: Record<string, { schema?: Schema }> };
      }
    >
  >;
  components: { schemas: Record<string, Schema> };
}

interface Operation {
  readonly route: string;
  readonly method: string;
  readonly pattern: string;
  readonly pathParams: string[];
  readonly query: OpenApiParameter[];
  readonly body: Schema | null;
  readonly row: RouteAccessRow;
}

/** One request to send: the path, the query string, the raw body and a short description. */
interface FuzzCase {
  readonly path: string;
  readonly query: string;
  readonly body: string | null;
  readonly summary: string;
}

const LONE_SURROGATES = ['\ud800', '\udfff', 'a\ud83d', '\ude00b'];
const HUGE = (n: number): string => 'x'.repeat(n);
const deepArray = (levels: number): unknown => {
  let v: unknown = [];
  for (let i = 0; i < levels; i++) v = [v];
  return v;
};
const deepObject = (levels: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
};

function resolve(schema: Schema | undefined, components: Record<string, Schema>): Schema {
  if (schema === undefined) return {};
  if (schema.$ref !== undefined) return resolve(components[schema.$ref.split('/').pop() ?? ''], components);
  if (schema.allOf?.length === 1)
    return { ...resolve(schema.allOf[0], components), nullable: schema.nullable };
  if (schema.oneOf !== undefined && schema.oneOf.length > 0) return resolve(schema.oneOf[0], components);
  return schema;
}

/** A value the schema accepts (or nearly: vocabularies and ids of records are random). */
/**
 * Ids of the records the test made, by kind: a uuid field gets one whose kind its name suggests, so a
 * schema-shaped body reaches past "no such record" (404) into the service.
 */
const KNOWN_IDS: { kind: RegExp; ids: string[] }[] = [];
/** Well-formed dates and instants, from the app's clock (filled in `beforeAll`): a month and a year ago. */
const VALID_DATES: string[] = [];
const VALID_INSTANTS: string[] = [];
/** The clock's year, for malformed dates that are malformed in any year (month 13, hour 25…). */
let clockYear = 0;
function idFor(name: string): fc.Arbitrary<string> {
  const known = KNOWN_IDS.find((k) => k.kind.test(name))?.ids ?? KNOWN_IDS.flatMap((k) => k.ids);
  return known.length === 0
    ? fc.uuid()
    : fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 4 }, { arbitrary: fc.uuid(), weight: 1 });
}

function validValue(schema: Schema, c: Record<string, Schema>, depth = 0, name = ''): fc.Arbitrary<unknown> {
  const s = resolve(schema, c);
  if (s.enum !== undefined && s.enum.length > 0) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'string':
      if (s.format === 'uuid') return idFor(name);
      if (s.format === 'date-time') return fc.constantFrom(...VALID_INSTANTS);
      if (s.format === 'date') return fc.constantFrom(...VALID_DATES);
      return fc.string({ minLength: s.minLength ?? 1, maxLength: Math.min(s.maxLength ?? 12, 12) });
    case 'number':
    case 'integer':
      return fc.integer({ min: Math.ceil(s.minimum ?? 0), max: Math.floor(s.maximum ?? 10) });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 3
        ? fc.constant([])
        : fc.array(validValue(s.items ?? {}, c, depth + 1, name), {
            minLength: s.minItems ?? 0,
            maxLength: Math.min(s.maxItems ?? 2, 2),
          });
    default:
      if (s.properties !== undefined && depth <= 3) return validObject(s, c, depth + 1);
      return fc.constantFrom<unknown>('x', 1, null);
  }
}

function validObject(s: Schema, c: Record<string, Schema>, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const required = new Set(s.required ?? []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, prop] of Object.entries(props)) model[key] = validValue(prop, c, depth, key);
  return fc.record(model, { requiredKeys: Object.keys(props).filter((k) => required.has(k)) });
}

/** Values the schema refuses, or that sit at and just beyond its boundaries. */
function malformedValue(schema: Schema, c: Record<string, Schema>): fc.Arbitrary<unknown> {
  const s = resolve(schema, c);
  const common: fc.Arbitrary<unknown>[] = [
    fc.constant(null),
    fc.constant({}),
    fc.constant([]),
    fc.constant(true),
    fc.constantFrom(...LONE_SURROGATES),
    fc.constantFrom(deepArray(300), deepObject(300), deepArray(50)),
    fc.constantFrom(HUGE(100_000), HUGE(10_001)),
    fc.constantFrom('\u0000', ' ', '', '%00', '<script>', "'; DROP TABLE users; --"),
    fc.constantFrom(-1, 0, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  ];
  const specific: fc.Arbitrary<unknown>[] = [];
  if (s.enum !== undefined)
    specific.push(
      fc.constantFrom('not-a-value', String(s.enum[0]).toUpperCase(), `${String(s.enum[0])} `, 0),
    );
  if (s.type === 'string') {
    if (s.format === 'uuid')
      specific.push(
        fc.constantFrom(
          'not-a-uuid',
          '00000000-0000-0000-0000-000000000000',
          'ffffffff-ffff-ffff-ffff-ffffffffffff',
          '123e4567-e89b-12d3-a456-42661417400',
          '123e4567e89b12d3a456426614174000',
          `{${'1'.repeat(8)}-1111-4111-8111-111111111111}`,
        ),
        fc.uuid().map((u) => u.toUpperCase()),
      );
    if (s.format === 'date-time' || s.format === 'date')
      specific.push(
        fc.constantFrom(
          `${clockYear}-13-45`,
          `${clockYear}-02-30T25:61:00Z`,
          'yesterday',
          '0000-00-00',
          // The fixed edges of JavaScript's Date and of four-digit years, whatever today is.
          '+275760-09-13T00:00:00.001Z',
          '-271821-04-20T00:00:00Z',
          '9999-12-31T23:59:59.999Z',
          '1970-01-01T00:00:00Z',
          `${clockYear}-06-01T00:00:00+99:00`,
        ),
      );
    if (s.maxLength !== undefined)
      specific.push(fc.constant(HUGE(s.maxLength + 1)), fc.constant(HUGE(s.maxLength)));
    if (s.minLength !== undefined && s.minLength > 0) specific.push(fc.constant(HUGE(s.minLength - 1)));
    specific.push(fc.integer(), fc.string({ unit: 'binary', maxLength: 30 }));
  }
  if (s.type === 'number' || s.type === 'integer') {
    const min = s.minimum ?? 0;
    const max = s.maximum ?? 1_000_000;
    specific.push(
      fc.constantFrom(min, min - 1, min - 0.5, max, max + 1, max + 0.001, 2 ** 31, -(2 ** 31) - 1, 2 ** 63),
      fc.constantFrom('1', '', 'NaN', 'Infinity', '1e309'),
      fc.double(),
    );
  }
  if (s.type === 'boolean') specific.push(fc.constantFrom('true', 'false', 1, 0, 'yes'));
  if (s.type === 'array') {
    const item = resolve(s.items, c);
    specific.push(
      fc.constant([]),
      fc.constant('x'),
      fc.array(malformedValue(item.type === 'array' ? {} : item, c), { minLength: 1, maxLength: 3 }),
      fc.constant(Array.from({ length: Math.max((s.maxItems ?? 1000) + 1, 1001) }, () => 'x')),
      fc.constant([null]),
    );
  }
  if (s.properties !== undefined)
    specific.push(
      validObject(s, c, 2).chain((obj) =>
        Object.keys(s.properties ?? {}).length === 0
          ? fc.constant(obj)
          : fc.constantFrom(...Object.keys(s.properties ?? {})).map((k) => ({ ...obj, [k]: null })),
      ),
    );
  return specific.length > 0
    ? fc.oneof({ arbitrary: fc.oneof(...specific), weight: 3 }, { arbitrary: fc.oneof(...common), weight: 2 })
    : fc.oneof(...common);
}

/** Inserts a raw `"key": value` member at the start of a JSON object text. */
const withRawKey = (json: string, key: string, value: string): string =>
  json === '{}' ? `{"${key}":${value}}` : `{"${key}":${value},${json.slice(1)}`;

/** A body: the schema's object with one thing broken (or not an object at all). */
function bodyCase(
  schema: Schema,
  c: Record<string, Schema>,
): fc.Arbitrary<{ body: string; summary: string }> {
  const s = resolve(schema, c);
  const props = Object.keys(s.properties ?? {});
  const required = s.required ?? [];
  const valid = validObject(s, c);
  const cases: fc.Arbitrary<{ body: string; summary: string }>[] = [
    valid.map((o) => ({ body: JSON.stringify(o), summary: 'schema-shaped' })),
    fc
      .constantFrom<unknown>(null, [], 'x', 0, true, [{}], deepArray(300), deepObject(400))
      .map((v) => ({ body: JSON.stringify(v), summary: `top-level ${show(v)}` })),
    fc
      .constantFrom('', '{', '{"a":}', '{"a":1,}', "{'a':1}", '\u0000', '{"a":"\\ud800"', 'nul', '[]]')
      .map((raw) => ({ body: raw, summary: `invalid JSON ${JSON.stringify(raw)}` })),
    fc
      .tuple(
        valid,
        fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'),
      )
      .map(([o, key]) => ({
        body: withRawKey(JSON.stringify(o), key, '{"polluted":true}'),
        summary: `built-in key ${key}`,
      })),
    fc
      .tuple(
        valid,
        fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !props.includes(k)),
        fc.jsonValue({ maxDepth: 1 }),
      )
      .map(([o, key, v]) => ({
        body: JSON.stringify({ ...o, [key]: v }),
        summary: `unknown field ${JSON.stringify(key)}`,
      })),
  ];
  if (props.length > 0)
    cases.push(
      fc.tuple(valid, fc.constantFrom(...props)).chain(([o, key]) =>
        malformedValue((s.properties ?? {})[key], c).map((v) => ({
          body: JSON.stringify({ ...o, [key]: v }),
          summary: `${key}: ${show(v)}`,
        })),
      ),
    );
  if (required.length > 0)
    cases.push(
      fc.tuple(valid, fc.constantFrom(...required)).map(([o, key]) => {
        const { [key]: _dropped, ...rest } = o;
        return { body: JSON.stringify(rest), summary: `missing required ${key}` };
      }),
    );
  return fc.oneof(...cases.map((arbitrary, i) => ({ arbitrary, weight: i === 5 ? 6 : i === 0 ? 1 : 2 })));
}

/** A query string: each parameter valid, missing or broken, plus unknown and repeated keys. */
function queryCase(
  params: OpenApiParameter[],
  c: Record<string, Schema>,
): fc.Arbitrary<{ query: string; summary: string }> {
  const enc = (v: unknown): string => {
    const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
    try {
      return encodeURIComponent(text.length > 20_000 ? text.slice(0, 20_000) : text);
    } catch {
      return '%ED%A0%80'; // a lone surrogate, as a client would send its CESU-8 bytes
    }
  };
  const one = (p: OpenApiParameter): fc.Arbitrary<string | null> =>
    fc.oneof(
      { arbitrary: fc.constant(null), weight: 2 },
      { arbitrary: validValue(p.schema ?? {}, c, 0, p.name).map((v) => `${p.name}=${enc(v)}`), weight: 2 },
      { arbitrary: malformedValue(p.schema ?? {}, c).map((v) => `${p.name}=${enc(v)}`), weight: 3 },
      {
        arbitrary: fc.constantFrom(
          `${p.name}=1&${p.name}=2`,
          `${p.name}[]=1`,
          `${p.name}[a]=1`,
          `${p.name}=%`,
          `${p.name}=%ZZ`,
          `${p.name}=%ED%A0%80`,
          `${p.name}=%00`,
          p.name,
          `${p.name}=`,
        ),
        weight: 2,
      },
    );
  const extras = fc.constantFrom(
    null,
    null,
    'unknownParam=1',
    '__proto__[polluted]=1',
    'constructor[prototype][x]=1',
    'toString=1',
    `a=${HUGE(5_000)}`,
    '&&&=&',
  );
  return fc.tuple(fc.tuple(...params.map(one)), extras).map(([parts, extra]) => {
    const all = [...parts, extra].filter((p): p is string => p !== null);
    const query = all.join('&');
    return { query, summary: `?${query.length > 120 ? `${query.slice(0, 120)}…` : query}` };
  });
}

/** A path id: the fixture's (so the body or query is what is fuzzed) or a broken one. */
function pathIdCase(fixtureId: string): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constant(fixtureId), weight: 4 },
    {
      arbitrary: fc.constantFrom(
        'not-a-uuid',
        '00000000-0000-0000-0000-000000000000',
        fixtureId.toUpperCase(),
        `${fixtureId}x`,
        fixtureId.slice(0, -1),
        '1',
        '-1',
        '9'.repeat(400),
        HUGE(5_000),
        '%00',
        '%ED%A0%80',
        '%',
        '%2e%2e%2f',
        'null',
        'undefined',
        '__proto__',
        'constructor',
      ),
      weight: 3,
    },
    { arbitrary: fc.uuid(), weight: 1 },
  );
}

function show(v: unknown): string {
  if (typeof v === 'string') return v.length > 40 ? `string(${v.length})` : JSON.stringify(v);
  if (Array.isArray(v)) return `array(${v.length})`;
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

describe('fuzzing every route that takes input: no 5xx, no write on refusal (issue 12)', () => {
  let t: TestApp;
  let baseUrl: string;
  let fingerprintSql: string;
  const tokens = new Map<Audience, string | null>();
  const fixtures = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    VALID_DATES.push(t.clock.todayPlus(-30), t.clock.todayPlus(-365));
    VALID_INSTANTS.push(t.clock.daysFromNow(-30).toISOString(), t.clock.daysFromNow(-365).toISOString());
    clockYear = t.clock.now().getUTCFullYear();
    const [siteA, siteB] = await Promise.all([makeSite(t.app), makeSite(t.app)]);
    const supervisor = await makeUser(t.app, { role: 'supervisor', siteId: siteA.id });
    const [admin, coach, evaluator, family, otherCoach] = await Promise.all([
      makeUser(t.app, { role: 'admin' }),
      makeUser(t.app, { role: 'coach', siteId: siteA.id, supervisorId: supervisor.id }),
      makeUser(t.app, { role: 'evaluator' }),
      makeUser(t.app, { role: 'family', siteId: siteA.id }),
      makeUser(t.app, { role: 'coach', siteId: siteA.id, supervisorId: supervisor.id }),
    ]);
    const users = { admin, supervisor, coach, evaluator, family };
    tokens.set('anonymous', null);
    for (const user of Object.values(users)) tokens.set(user.role, await tokenFor(t.app, user));
    const context: FixtureContext = { t, siteA, siteB, users, otherCoach, token: (u) => tokenFor(t.app, u) };
    const names = new Set(ROUTE_ACCESS.flatMap((row) => Object.values(row.params ?? {})));
    for (const name of names) {
      const factory = ROUTE_FIXTURES[name];
      if (factory === undefined) throw new Error(`No fixture factory for "${name}"`);
      fixtures.set(name, await factory(context));
    }

    const fixtureIds = (pattern: RegExp): string[] =>
      [...fixtures].filter(([name]) => pattern.test(name)).map(([, id]) => id);
    KNOWN_IDS.push(
      { kind: /site/i, ids: [siteA.id, siteB.id] },
      { kind: /coach|user|actor|supervisor/i, ids: [admin, supervisor, coach, otherCoach].map((u) => u.id) },
      { kind: /linkUp/i, ids: fixtureIds(/link-up/) },
      { kind: /proposal/i, ids: fixtureIds(/proposal/) },
      { kind: /famil/i, ids: [...fixtureIds(/family$/), family.familyId ?? siteA.id] },
      { kind: /goal/i, ids: fixtureIds(/goal/) },
      { kind: /person|people/i, ids: fixtureIds(/person/) },
    );

    const tables = await t.app.get(DataSource).query<{ name: string }[]>(
      `SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'
          ORDER BY table_name`,
    );
    fingerprintSql = tables
      .map(
        ({ name }) =>
          `SELECT '${name}' AS name, count(*)::int AS n,
                  md5(coalesce(string_agg(md5(x::text), '' ORDER BY md5(x::text)), '')) AS h
             FROM "${name}" x`,
      )
      .join(' UNION ALL ');

    baseUrl = `http://127.0.0.1:${await listenOnFreePort(t.app)}`;
  });
  afterAll(() => t.close());

  async function fingerprint(): Promise<Map<string, string>> {
    const rows = await t.app.get(DataSource).query<{ name: string; n: number; h: string }[]>(fingerprintSql);
    return new Map(rows.map((r) => [r.name, `${r.n}:${r.h}`]));
  }

  async function exportsRunning(): Promise<boolean> {
    const [{ n }] = await t.app
      .get(DataSource)
      .query<{ n: number }[]>(`SELECT count(*)::int AS n FROM export_runs WHERE status = 'running'`);
    return n > 0;
  }

  function operations(doc: OpenApiDocument): Operation[] {
    const rows = new Map(ROUTE_ACCESS.map((r) => [r.route, r]));
    const ops: Operation[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const pattern = path.replace(/\{(\w+)\}/g, ':$1');
        const route = `${method.toUpperCase()} ${pattern}`;
        const row = rows.get(route);
        if (row === undefined) throw new Error(`${route}: no access row`);
        const params = op.parameters ?? [];
        const pathParams = params.filter((p) => p.in === 'path').map((p) => p.name);
        const query = params.filter((p) => p.in === 'query');
        const body = op.requestBody?.content?.['application/json']?.schema ?? null;
        if (pathParams.length === 0 && query.length === 0 && body === null) continue;
        if (SKIPPED.has(route)) continue;
        ops.push({ route, method: method.toUpperCase(), pattern, pathParams, query, body, row });
      }
    }
    return ops;
  }

  /** The caller: anonymous on public routes, else admin, else the first role the row allows. */
  function callerOf(row: RouteAccessRow): Audience {
    if (row.access.anonymous === 'allowed') return 'anonymous';
    const order: Audience[] = ['admin', 'supervisor', 'coach', 'evaluator', 'family'];
    const audience = order.find((a) => row.access[a] === 'allowed');
    if (audience === undefined) throw new Error(`${row.route}: no role may call it`);
    return audience;
  }

  function casesFor(
    op: Operation,
    components: Record<string, Schema>,
    runs: number,
    seed: number,
  ): FuzzCase[] {
    const ids = op.pathParams.map((name) => {
      const fixture = op.row.params?.[name];
      const id = fixture === undefined ? undefined : fixtures.get(fixture);
      if (id === undefined) throw new Error(`${op.route}: no fixture for :${name}`);
      return pathIdCase(id);
    });
    const arb = fc.record({
      ids: fc.tuple(...ids),
      query: op.query.length > 0 ? queryCase(op.query, components) : fc.constant(null),
      body: op.body !== null ? bodyCase(op.body, components) : fc.constant(null),
    });
    return fc.sample(arb, { numRuns: runs, seed }).map(({ ids: values, query, body }) => {
      let i = 0;
      const path = op.pattern.replace(/:(\w+)/g, () => {
        const v = values[i++];
        return /^[%\w.-]*$/.test(v) ? v : encodeURIComponent(v);
      });
      const pathSummary = op.pathParams.length > 0 ? ` ${show(path)}` : '';
      return {
        path,
        query: query?.query ?? '',
        body: body?.body ?? (op.method === 'GET' ? null : ''),
        summary: `${pathSummary} ${query?.summary ?? ''} ${body?.summary ?? ''}`.trim(),
      };
    });
  }

  it('answers every malformed and boundary input with a status below 500, and writes nothing when it refuses', async () => {
    const doc = (await fetch(`${baseUrl}/docs-json`).then((r) => r.json())) as OpenApiDocument;
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(50);
    const runs = Math.ceil(TARGET_REQUESTS / ops.length);

    const work = ops.flatMap((op, index) =>
      casesFor(op, doc.components.schemas, runs, SEED + index).map((c) => ({ op, c })),
    );

    const tally = new Map<number, number>();
    const serverErrors: string[] = [];
    const writesOnRefusal: string[] = [];
    let sent = 0;
    let checkedBatches = 0;
    let before = await fingerprint();
    for (let start = 0; start < work.length; start += BATCH) {
      const batch = work.slice(start, start + BATCH);
      const answers = await Promise.all(
        batch.map(async ({ op, c }) => {
          const token = tokens.get(callerOf(op.row));
          const headers: Record<string, string> = {};
          if (token !== null && token !== undefined) headers.authorization = `Bearer ${token}`;
          if (c.body !== null) headers['content-type'] = 'application/json';
          const res = await fetch(`${baseUrl}${c.path}${c.query === '' ? '' : `?${c.query}`}`, {
            method: op.method,
            headers,
            body: c.body,
          });
          const text = await res.text();
          sent++;
          tally.set(res.status, (tally.get(res.status) ?? 0) + 1);
          if (res.status >= 500)
            serverErrors.push(`${op.route} ${c.summary} → ${res.status} ${text.slice(0, 200)}`);
          let code: unknown;
          try {
            code = (JSON.parse(text) as { code?: unknown }).code;
          } catch {
            code = undefined;
          }
          return { status: res.status, code, route: op.route };
        }),
      );
      const refused = answers.every((a) => a.status >= 400 && a.status < 500);
      // Work an accepted request finishes after its answer (an export records its end just after
      // the last byte; listeners of a change run after commit) must not be taken for a write of the
      // next batch: after an accepted request, wait for no export running and two equal fingerprints.
      const after = refused
        ? await fingerprint()
        : await waitFor(
            async () => {
              if (await exportsRunning()) return undefined;
              const [a, b] = [await fingerprint(), await fingerprint()];
              return [...a].every(([table, print]) => b.get(table) === print) ? b : undefined;
            },
            { what: 'accepted requests to settle' },
          );
      if (refused) {
        checkedBatches++;
        const countedAttempt = answers.some(
          (a) => COUNTED_ATTEMPTS.has(a.route) && a.status !== 431 && !INPUT_REFUSALS.has(String(a.code)),
        );
        const changed = [...after]
          .filter(([table, print]) => before.get(table) !== print)
          .map(([table]) => table)
          .filter((table) => !(countedAttempt && ATTEMPT_TABLES.has(table)));
        if (changed.length > 0)
          writesOnRefusal.push(
            `${changed.join(', ')} changed by refused: ${batch.map(({ op, c }) => `${op.route} ${c.summary}`).join(' | ')}`,
          );
      }
      before = after;
    }

    const byStatus = Object.fromEntries([...tally].sort(([a], [b]) => a - b));
    console.log(
      `fuzz: ${sent} requests over ${ops.length} operations (seed ${SEED}); by status ${JSON.stringify(byStatus)}; ` +
        `${checkedBatches} all-refused batches fingerprinted`,
    );
    expect(sent).toBeGreaterThanOrEqual(5_000);
    expect(serverErrors).toEqual([]);
    expect(writesOnRefusal).toEqual([]);
    // The inputs reach past the guard: most are refused by validation, not by access.
    expect(tally.get(400) ?? 0).toBeGreaterThan(sent / 2);
  }, 240_000);
});
