import { DEMO_PASSWORD, DemoSeeder, demoEmail, type UserRole } from '@app/core';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 15: on a fresh embedded start, the demo site is a living programme — every role's home
 * page has something real to show, all dated relative to the clock.
 */
describe('the living demo', () => {
  let t: TestApp;
  const tokens: Partial<Record<UserRole, string>> = {};
  const get = (role: UserRole, path: string) =>
    t.http().get(path).set('authorization', `Bearer ${tokens[role]}`).expect(200);

  beforeAll(async () => {
    t = await startTestApp();
    const seeder = t.app.get(DemoSeeder);
    // Two starts at once, then another: seeded once.
    await Promise.all([seeder.seedOnce(), seeder.seedOnce()]);
    await seeder.seedOnce();
    for (const role of ['admin', 'supervisor', 'coach', 'evaluator', 'family'] as const) {
      const res = await t
        .http()
        .post('/api/auth/login')
        .send({ email: demoEmail(role), password: DEMO_PASSWORD })
        .expect(200);
      tokens[role] = (res.body as { accessToken: string }).accessToken;
    }
  }, 300_000);
  afterAll(() => t.close());

  it('has link-ups at every stage, one paused for a concern, completed ones and one ended early, in the past', async () => {
    const rows = await t.app
      .get(DataSource)
      .query<{ stage: string; status: string; started_at: Date }[]>(
        `SELECT lu.stage, lu.status, lu.started_at FROM link_ups lu JOIN sites s ON s.id = lu.site_id WHERE s.demo`,
      );
    const live = rows.filter((r) => r.status === 'active');
    expect(new Set(live.map((r) => r.stage))).toEqual(
      new Set(['relationship_building', 'doing_with', 'doing_without']),
    );
    expect(rows.filter((r) => r.status === 'paused')).toHaveLength(1);
    expect(rows.filter((r) => r.status === 'completed').length).toBeGreaterThanOrEqual(5);
    expect(rows.filter((r) => r.status === 'ended_early')).toHaveLength(1);
    const now = t.clock.now().getTime();
    expect(rows.every((r) => r.started_at.getTime() < now)).toBe(true);
    // History over past months.
    expect(Math.min(...rows.map((r) => r.started_at.getTime()))).toBeLessThan(now - 180 * 86_400_000);
    const concerns = await t.app
      .get(DataSource)
      .query<{ n: number }[]>(`SELECT count(*)::int AS n FROM safeguarding_concerns`);
    expect(concerns[0].n).toBe(1);
  });

  it('the family’s home: its live link-up with goals, the latest ratings, wins and get-togethers', async () => {
    const me = (await get('family', '/api/me')).body as { familyId: string };
    const family = (await get('family', `/api/families/${me.familyId}`)).body as {
      languages: string[];
      people: { preferredName: string }[];
    };
    expect(family.languages).toContain('english');
    expect(family.people.map((p) => p.preferredName)).toEqual(expect.arrayContaining(['Alex', 'Jordan']));
    const list = (await get('family', '/api/link-ups')).body as { items: { id: string; status: string }[] };
    const current = list.items.find((l) => l.status === 'active');
    expect(current).toBeDefined();
    const details = (await get('family', `/api/link-ups/${current?.id}`)).body as {
      stage: string;
      goals: { ratings: unknown[] }[];
      smallWins: unknown[];
      getTogethers: unknown[];
      partnerShares: boolean;
    };
    expect(details.stage).toBe('doing_with');
    expect(details.goals.length).toBeGreaterThanOrEqual(2);
    expect(details.goals.every((g) => g.ratings.length >= 2)).toBe(true);
    expect(details.smallWins.length).toBeGreaterThanOrEqual(3);
    expect(details.getTogethers.length).toBeGreaterThanOrEqual(3);
    expect(details.partnerShares).toBe(true);
  });

  it('the coach’s and supervisor’s day: check-ins due today and overdue (missed), live link-ups, an open concern', async () => {
    for (const role of ['coach', 'supervisor'] as const) {
      const w = (await get(role, '/api/worklist')).body as {
        checkIns: { urgency: string }[];
        linkUps: unknown[];
        concerns: unknown[];
      };
      const urgencies = new Set(w.checkIns.map((c) => c.urgency));
      expect(urgencies.has('due')).toBe(true);
      // Overdue: past its grace period and not held (the worker marks it missed).
      const missed = (await get(role, '/api/check-ins?view=missed')).body as { items: unknown[] };
      expect(missed.items.length + w.checkIns.filter((c) => c.urgency === 'overdue').length).toBeGreaterThan(
        0,
      );
      expect(w.linkUps.length).toBeGreaterThanOrEqual(4);
      expect(w.concerns.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('the evaluator’s reports and the admin’s lists are not empty', async () => {
    const summary = (await get('evaluator', '/api/reports/summary')).body as Record<string, unknown>;
    expect(JSON.stringify(summary)).not.toBe('{}');
    const csv = await get('evaluator', '/api/exports/outcome-measures.csv');
    expect(csv.text.trim().split(/\r?\n/).length).toBeGreaterThan(10);
    const linkUps = await get('evaluator', '/api/exports/link-ups.csv');
    expect(linkUps.text.trim().split(/\r?\n/).length).toBeGreaterThan(8);
    const users = (await get('admin', '/api/users')).body as { items: unknown[] };
    expect(users.items.length).toBeGreaterThanOrEqual(5);
  });
});
