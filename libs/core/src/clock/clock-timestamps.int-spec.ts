import { makeSite, makeUser } from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';

describe('Entity timestamps come from the Clock (issue 11)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it("stamps created_at, updated_at and DEFAULT now() columns with the clock's time, not PostgreSQL's", async () => {
    t.clock.advance({ days: 400 });
    const expected = t.clock.now().getTime();
    const site = await makeSite(t.app);
    const user = await makeUser(t.app, { role: 'coach', siteId: site.id });
    const rows = await t.app
      .get(DataSource)
      .query<{ site_created: Date; user_created: Date; user_updated: Date; audit_at: Date }[]>(
        `SELECT s.created_at AS site_created, u.created_at AS user_created, u.updated_at AS user_updated,
                (SELECT max(occurred_at) FROM audit_events) AS audit_at
           FROM sites s, users u WHERE s.id = $1 AND u.id = $2`,
        [site.id, user.id],
      );
    for (const at of Object.values(rows[0])) {
      // Within a minute of the moved clock: 400 days away from the database's own now().
      expect(Math.abs(at.getTime() - expected)).toBeLessThan(60_000);
    }
  });
});
