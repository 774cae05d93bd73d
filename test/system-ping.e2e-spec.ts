import { makeUser, tokenFor, waitFor } from '@app/testing';
import { redisAvailable, startTestApp, type QueueBackendChoice, type TestApp } from './support/test-app';

interface PingBody {
  id: string;
  processedAt: string | null;
  processedVia: string | null;
}

// The round trip runs on both queue backends. Redis runs where TEST_REDIS_URL names one (CI does);
// a fresh machine has none, and there only the PostgreSQL backend can be exercised.
const backends: QueueBackendChoice[] = redisAvailable() ? ['postgres', 'redis'] : ['postgres'];

describe.each(backends)('system.ping round trip on the %s queue backend', (backend) => {
  let t: TestApp;
  let auth: [string, string];

  beforeAll(async () => {
    t = await startTestApp({ queue: backend });
    auth = ['authorization', `Bearer ${await tokenFor(t.app, await makeUser(t.app, { role: 'admin' }))}`];
  });
  afterAll(() => t.close());

  it('is enqueued by the API, processed by the worker, and the effect is visible through the API', async () => {
    const created = await t
      .http()
      .post('/api/system/pings')
      .set(...auth)
      .expect(202);
    const ping = created.body as PingBody;
    expect(ping.processedAt).toBeNull();

    const processed = await waitFor(
      async () => {
        const res = await t
          .http()
          .get(`/api/system/pings/${ping.id}`)
          .set(...auth)
          .expect(200);
        const body = res.body as PingBody;
        return body.processedAt === null ? undefined : body;
      },
      { what: 'the worker to process the ping' },
    );
    expect(processed.processedVia).toBe(backend);
  });

  it('answers 404 in the error shape for a ping that does not exist', async () => {
    const res = await t
      .http()
      .get('/api/system/pings/5f0c2a57-6a4e-4f55-9d53-0d7a3ef8b1c1')
      .set(...auth)
      .expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'Ping not found.',
      requestId: expect.any(String),
    });
  });
});
