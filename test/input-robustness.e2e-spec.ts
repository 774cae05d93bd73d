import { makeSite, makeUser, tokenFor, countRows } from '@app/testing';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Each numbered cause of issue 12 that answered 500 to client input: now a 4xx in the error shape,
 * with nothing written.
 */
describe('input that used to answer 500', () => {
  let t: TestApp;
  let adminToken: string;
  let coachToken: string;
  let siteId: string;

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    const site = await makeSite(t.app);
    siteId = site.id;
    adminToken = await tokenFor(t.app, await makeUser(t.app, { role: 'admin' }));
    coachToken = await tokenFor(t.app, await makeUser(t.app, { role: 'coach', siteId: site.id }));
  });
  afterAll(() => t.close());

  /** Sends the request and checks the answer's status and code, and that no table changed. */
  async function expectRefused(
    send: () => Promise<{ status: number; body: unknown }>,
    status: number,
    code: string,
  ): Promise<{ body: unknown }> {
    const before = await countRows(t.app);
    const res = await send();
    expect({ status: res.status, code: (res.body as { code?: string }).code }).toEqual({ status, code });
    expect(res.body).toMatchObject({
      statusCode: status,
      message: expect.any(String),
      requestId: expect.any(String),
    });
    // Audit rows of refused requests are not written either (a sign-in failure would be).
    expect(await countRows(t.app)).toEqual(before);
    return res;
  }

  const deep = (levels: number): string => '['.repeat(levels) + ']'.repeat(levels);

  it('1. refuses JSON nested thousands of levels deep with 400 before sign-in, on any route', async () => {
    for (const path of ['/api/auth/login', '/api/families', '/api/no-such-route']) {
      await expectRefused(
        () =>
          t
            .http()
            .post(path)
            .set('content-type', 'application/json')
            .send(`{"a":${deep(4000)}}`),
        400,
        'BODY_TOO_DEEP',
      );
    }
    // Brackets inside strings do not count.
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'x@example.org', password: '['.repeat(100) });
    expect(res.status).toBe(401);
  });

  it.each(['gzip', 'deflate', 'br'])(
    '2. answers a body claiming content-encoding %s that it does not have with 400',
    async (encoding) => {
      await expectRefused(
        () =>
          t
            .http()
            .post('/api/auth/login')
            .set('content-type', 'application/json')
            .set('content-encoding', encoding)
            .send('{"email":"x@example.org","password":"y"}'),
        400,
        'MALFORMED_BODY',
      );
    },
  );

  it('2. answers an unknown content-encoding with 415 and a too large body with 413', async () => {
    await expectRefused(
      () =>
        t
          .http()
          .post('/api/auth/login')
          .set('content-type', 'application/json')
          .set('content-encoding', 'compress')
          .send('{}'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    await expectRefused(
      () =>
        t
          .http()
          .post('/api/auth/login')
          .set('content-type', 'application/json')
          .send(JSON.stringify({ email: 'x'.repeat(2_000_000) })),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('4. refuses a lone surrogate ("\\ud800") in an email with 400 naming the field', async () => {
    const res = await expectRefused(
      () =>
        t
          .http()
          .post('/api/users')
          .set('authorization', `Bearer ${adminToken}`)
          .set('content-type', 'application/json')
          .send('{"email":"\\ud800","displayName":"Sam","role":"admin","password":"long-enough-password"}'),
      400,
      'VALIDATION_FAILED',
    );
    expect(res.body).toMatchObject({ details: { fields: [{ field: 'email' }] } });
  });

  it('5. answers an unknown siteId on POST /api/families with 404', async () => {
    await expectRefused(
      () =>
        t
          .http()
          .post('/api/families')
          .set('authorization', `Bearer ${adminToken}`)
          .send({
            kind: 'seeking',
            displayName: 'The Test family',
            siteId: '00000000-0000-4000-8000-000000000000',
            languages: ['english'],
          }),
      404,
      'NOT_FOUND',
    );
  });

  it.each([
    ['seekingFamilyIds', { seekingFamilyIds: null }],
    ['fairnessPerWeekWaiting', { fairnessPerWeekWaiting: null }],
    ['fairnessMaxWeeks', { fairnessMaxWeeks: null }],
  ])('6, 7. refuses %s: null on the cohort proposal with 400 naming it', async (field, extra) => {
    const res = await expectRefused(
      () =>
        t
          .http()
          .post('/api/matching/cohort')
          .set('authorization', `Bearer ${coachToken}`)
          .send({ siteId, ...extra }),
      400,
      'VALIDATION_FAILED',
    );
    expect(res.body).toMatchObject({ details: { fields: [{ field }] } });
  });

  it('7. answers an unknown siteId on the cohort proposal with 404, not an empty proposal', async () => {
    await expectRefused(
      () =>
        t
          .http()
          .post('/api/matching/cohort')
          .set('authorization', `Bearer ${adminToken}`)
          .send({ siteId: '00000000-0000-4000-8000-000000000000' }),
      404,
      'NOT_FOUND',
    );
    await t
      .http()
      .post('/api/matching/cohort')
      .set('authorization', `Bearer ${adminToken}`)
      .send({ siteId })
      .expect(200);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    'refuses a key named like a built-in property (%s) with 400, like any unknown field',
    async (key) => {
      const res = await expectRefused(
        () =>
          t
            .http()
            .post('/api/sites')
            .set('authorization', `Bearer ${adminToken}`)
            .set('content-type', 'application/json')
            .send(`{"name":"A new site","${key}":{"x":1}}`),
        400,
        'VALIDATION_FAILED',
      );
      expect(res.body).toMatchObject({ details: { fields: [{ field: key }] } });
    },
  );

  it('refuses a built-in key nested in the body and in the query string', async () => {
    await expectRefused(
      () =>
        t
          .http()
          .post('/api/matching/cohort')
          .set('authorization', `Bearer ${coachToken}`)
          .set('content-type', 'application/json')
          .send(`{"siteId":"${siteId}","seekingFamilyIds":[],"x":{"constructor":1}}`),
      400,
      'VALIDATION_FAILED',
    );
    await expectRefused(
      () => t.http().get('/api/audit?toString=1').set('authorization', `Bearer ${adminToken}`),
      400,
      'VALIDATION_FAILED',
    );
  });
});
