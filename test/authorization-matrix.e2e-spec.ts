import { makeSite, makeUser, tokenFor } from '@app/testing';
import { Controller, Get, Module } from '@nestjs/common';
import { createHttpAdapter, initHttpApp } from '@app/http';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { ApiModule } from '../apps/api/src/api.module';
import { AUDIENCES, ROUTE_ACCESS, type Audience, type RouteAccessRow } from './support/route-access';
import { listRoutes } from './support/route-inventory';
import { configureApi } from '../apps/api/src/configure-api';
import { ROUTE_FIXTURES, type FixtureContext } from './support/route-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/** A route that forgets its access declaration, to prove the guard refuses it. */
@Controller('undeclared-probe')
class UndeclaredController {
  @Get()
  probe(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [UndeclaredController] })
class UndeclaredModule {}

describe('authorization: every route declares who may call it, and the matrix holds', () => {
  let t: TestApp;
  const tokens = new Map<Audience, string | null>();
  const fixtures = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
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
    const context: FixtureContext = {
      t,
      siteA,
      siteB,
      users,
      otherCoach,
      token: (user) => tokenFor(t.app, user),
    };
    // Every record a row names, made once by its feature's fixture factory.
    const names = new Set(ROUTE_ACCESS.flatMap((row) => Object.values(row.params ?? {})));
    for (const name of names) {
      const factory = ROUTE_FIXTURES[name];
      if (factory === undefined)
        throw new Error(`No fixture factory for "${name}" in test/support/route-fixtures`);
      fixtures.set(name, await factory(context));
    }
  });
  afterAll(() => t.close());

  it('finds no route without @Allow or @Public', () => {
    const undeclared = listRoutes(t.app).filter((r) => r.access === undefined);
    expect(undeclared.map((r) => `${r.route} (${r.handler})`)).toEqual([]);
  });

  it('has exactly one matrix row per route of the app, and the OpenAPI document lists the same routes', async () => {
    const registered = listRoutes(t.app).map((r) => r.route);
    const rows = ROUTE_ACCESS.map((r) => r.route);
    expect(new Set(rows).size).toBe(rows.length);
    expect([...rows].sort()).toEqual([...registered].sort());

    const doc = (await t.http().get('/docs-json').expect(200)).body as { paths: Record<string, object> };
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(documented.sort()).toEqual([...registered].sort());
  });

  it('refuses a route that declares nothing, even to an anonymous caller (403 ACCESS.UNDECLARED)', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ApiModule.forRoot(t.config), UndeclaredModule],
    }).compile();
    const probe = moduleRef.createNestApplication(createHttpAdapter(), { bufferLogs: true });
    configureApi(probe);
    await initHttpApp(probe);
    try {
      expect(listRoutes(probe).find((r) => r.route === 'GET /api/undeclared-probe')?.access).toBeUndefined();
      const res = await request(probe.getHttpServer()).get('/api/undeclared-probe').expect(403);
      expect(res.body).toMatchObject({ statusCode: 403, code: 'ACCESS.UNDECLARED' });
    } finally {
      await probe.close();
    }
  });

  const call = (row: RouteAccessRow, audience: Audience): Promise<request.Response> => {
    const [method, pattern] = row.route.split(' ');
    const path = pattern.replace(/:(\w+)/g, (_m, name: string) => {
      const fixture = row.params?.[name];
      if (fixture === undefined) throw new Error(`${row.route}: no fixture for :${name}`);
      return fixtures.get(fixture) ?? '';
    });
    let req = t.http()[method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](path);
    const token = tokens.get(audience);
    if (token !== null && token !== undefined) req = req.set('authorization', `Bearer ${token}`);
    // Writes get an empty body: an allowed call then mostly stops at validation (400); the few writes
    // that take no body (deactivate, reactivate, a ping) really act, on fixtures made for this test.
    return method === 'GET' ? req : req.send({});
  };

  it.each(ROUTE_ACCESS.map((row) => [row.route, row] as const))(
    '%s answers each audience as the matrix says',
    async (_route, row) => {
      const mismatches: string[] = [];
      for (const audience of AUDIENCES) {
        const expected = row.access[audience];
        const res = await call(row, audience);
        const ok =
          expected === 'allowed'
            ? row.route.startsWith('GET ')
              ? res.status >= 200 && res.status < 300
              : res.status < 500 && ![401, 403, 404].includes(res.status)
            : res.status === expected;
        if (!ok)
          mismatches.push(`${audience}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
      }
      expect(mismatches).toEqual([]);
    },
  );
});
