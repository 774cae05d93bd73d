import { ConfigModule } from '@app/config';
import { DomainError, LoggingModule } from '@app/core';
import { makeUser, tokenFor } from '@app/testing';
import {
  Body,
  Controller,
  Get,
  Injectable,
  Module,
  Post,
  RequestMethod,
  type MiddlewareConsumer,
  type NestMiddleware,
  type NestModule,
} from '@nestjs/common';
import { createHttpAdapter, initHttpApp } from '@app/http';
import { Test } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { Server } from 'node:http';
import request from 'supertest';
import { configureApi } from '../apps/api/src/configure-api';
import { startTestApp, type TestApp } from './support/test-app';

class ChildDto {
  @IsInt()
  @Min(0)
  @Max(17)
  age: number;
}

class ProbeDto {
  @IsString()
  @MaxLength(10)
  name: string;

  @ValidateNested()
  @Type(() => ChildDto)
  child: ChildDto;
}

/** A route that exists only in this test, to exercise the global validation set-up of the API. */
@Controller('probe')
class ProbeController {
  @Post()
  accept(@Body() body: ProbeDto): { name: string; age: number; ageType: string } {
    return { name: body.name, age: body.child.age, ageType: typeof body.child.age };
  }

  @Get('behind-middleware')
  behindMiddleware(): { reached: true } {
    return { reached: true };
  }
}

/**
 * A Nest middleware that refuses: Nest runs middleware through @fastify/middie on Node's own request
 * and response, and hands what it throws to the global error filter with those, not Fastify's.
 */
@Injectable()
class RefusingMiddleware implements NestMiddleware {
  use(): void {
    throw new DomainError('PROBE.REFUSED', 'forbidden', 'Refused by a middleware.', { by: 'middleware' });
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(RefusingMiddleware)
      .forRoutes({ path: 'probe/behind-middleware', method: RequestMethod.ALL });
  }
}

const errorShape = (statusCode: number, code: string) => ({
  statusCode,
  code,
  message: expect.any(String),
  requestId: expect.stringMatching(/^[A-Za-z0-9._-]{8,64}$/),
});

describe('HTTP errors and validation', () => {
  let t: TestApp;
  let probe: INestApplication;
  let adminToken: string;

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    adminToken = await tokenFor(t.app, await makeUser(t.app, { role: 'admin' }));
    // The same configuration as main, with the probe route added.
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(t.config), LoggingModule, ProbeModule],
    }).compile();
    probe = moduleRef.createNestApplication(createHttpAdapter(), { bufferLogs: true });
    configureApi(probe);
    await initHttpApp(probe);
  });
  afterAll(async () => {
    await probe.close();
    await t.close();
  });

  it('answers an unknown route with 404 in the error shape and echoes the request id', async () => {
    const res = await t.http().get('/api/no-such-thing').set('x-request-id', 'test-req-0001').expect(404);
    expect(res.body).toEqual({ ...errorShape(404, 'NOT_FOUND'), requestId: 'test-req-0001' });
    expect(res.headers['x-request-id']).toBe('test-req-0001');
  });

  it('answers a path that cannot be decoded with 400 in the error shape, without repeating it', async () => {
    const res = await t.http().get('/api/%E0%A4').set('x-request-id', 'test-req-0002').expect(400);
    expect(res.body).toEqual({
      ...errorShape(400, 'BAD_REQUEST'),
      message: 'The address of the request is not valid.',
      requestId: 'test-req-0002',
    });
    expect(res.headers['x-request-id']).toBe('test-req-0002');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('gives a client five minutes to send a whole request, as Node does (Fastify would set no limit)', () => {
    expect((t.app.getHttpServer() as Server).requestTimeout).toBe(300_000);
  });

  it('answers malformed JSON with 400 MALFORMED_JSON and a request id', async () => {
    const res = await t
      .http()
      .post('/api/system/pings')
      .set('content-type', 'application/json')
      .send('{"not json')
      .expect(400);
    expect(res.body).toEqual(errorShape(400, 'MALFORMED_JSON'));
  });

  it('answers a malformed id with 400 VALIDATION_FAILED naming the field', async () => {
    const res = await t
      .http()
      .get('/api/system/pings/not-a-uuid')
      .set('authorization', `Bearer ${adminToken}`)
      .expect(400);
    expect(res.body).toEqual({
      ...errorShape(400, 'VALIDATION_FAILED'),
      details: { fields: [{ field: 'id', problems: ['id must be a UUID'] }] },
    });
  });

  it('refuses unknown fields and lists every invalid one, nested paths included', async () => {
    const res = await request(probe.getHttpServer())
      .post('/api/probe')
      .send({ name: 'far too long a name', child: { age: 30 }, admin: true })
      .expect(400);
    expect(res.body).toMatchObject(errorShape(400, 'VALIDATION_FAILED'));
    const fields = (res.body as { details: { fields: { field: string }[] } }).details.fields.map(
      (f) => f.field,
    );
    expect(fields.sort()).toEqual(['admin', 'child.age', 'name']);
  });

  it('turns valid input into typed values', async () => {
    const res = await request(probe.getHttpServer())
      .post('/api/probe')
      .send({ name: 'Ana', child: { age: 7 } })
      .expect(201);
    expect(res.body).toEqual({ name: 'Ana', age: 7, ageType: 'number' });
  });

  it('answers what a Nest middleware throws in the error shape, on the bare Node response', async () => {
    const res = await request(probe.getHttpServer())
      .get('/api/probe/behind-middleware')
      .set('x-request-id', 'test-req-0003')
      .expect(403);
    expect(res.body).toEqual({
      statusCode: 403,
      code: 'PROBE.REFUSED',
      message: 'Refused by a middleware.',
      details: { by: 'middleware' },
      requestId: 'test-req-0003',
    });
    expect(res.headers['x-request-id']).toBe('test-req-0003');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('sets security headers (helmet)', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    // Helmet's default policy, except `upgrade-insecure-requests` (a blank page over plain HTTP).
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('sets helmet’s other headers on every answer: a route’s, the docs’, a refusal’s, an unknown and an undecodable path’s', async () => {
    const answers = [
      await t.http().get('/health').expect(200),
      await t.http().get('/docs').expect(200),
      await t.http().get('/api/me').expect(401),
      await t.http().get('/api/no-such-thing').expect(404),
      await t.http().get('/api/%E0%A4').expect(400),
    ];
    for (const res of answers) {
      expect(res.headers).toMatchObject({
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'x-frame-options': 'SAMEORIGIN',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'referrer-policy': 'no-referrer',
        'x-dns-prefetch-control': 'off',
        'x-content-type-options': 'nosniff',
      });
      expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'self'");
    }
  });

  it('serves the OpenAPI document at /docs-json and the UI at /docs', async () => {
    const json = await t.http().get('/docs-json').expect(200);
    expect((json.body as { paths: Record<string, unknown> }).paths).toHaveProperty(['/api/system/pings']);
    const ui = await t.http().get('/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });
});

describe('values PostgreSQL cannot store', () => {
  let t: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    adminToken = await tokenFor(t.app, await makeUser(t.app, { role: 'admin' }));
  });
  afterAll(() => t.close());

  it.each([
    ['a body string', '/api/auth/login', { email: 'a\u0000@example.org', password: 'x' }, 'email'],
    ['a nested body string', '/api/sites', { name: 'North\u0000' }, 'name'],
  ])('refuses a NUL character in %s with 400 naming the field', async (_what, path, body, field) => {
    const res = await t.http().post(path).set('authorization', `Bearer ${adminToken}`).send(body).expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field }] } });
  });

  it('refuses a NUL character in the query string, and a huge offset, with 400', async () => {
    await t.http().get('/api/audit?action=a%00b').set('authorization', `Bearer ${adminToken}`).expect(400);
    const res = await t
      .http()
      .get('/api/audit?offset=99999999999999999999')
      .set('authorization', `Bearer ${adminToken}`)
      .expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
