import { ConsentsService, OutcomeMeasuresService, type User } from '@app/core';
import { tQuantile975 } from '@app/domain';
import { callerOf, makeLinkUp, makeSite, makeUser, tokenFor } from '@app/testing';
import { startTestApp, type TestApp } from './support/test-app';

interface Row {
  instrument: string;
  to: string;
  n: number | string;
  meanChange: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Issue 15: the evaluator's outcome change equals a direct computation; small cells stay suppressed. */
describe('GET /api/reports/outcome-change', () => {
  let t: TestApp;
  let evaluatorToken: string;
  let siteA: string;
  let siteB: string;
  // K10 baseline → exit on site A (five consenting families) and B (two).
  const pairsA: [number, number][] = [
    [32, 26],
    [28, 27],
    [35, 29],
    [30, 30],
    [40, 31],
  ];
  const pairsB: [number, number][] = [
    [20, 18],
    [25, 24],
  ];

  async function seed(coach: User, pairs: [number, number][], consent: boolean, followUp = false) {
    const app = t.app;
    for (const [before, after] of pairs) {
      const { linkUp, seekingFamilyId } = await makeLinkUp(app, coach, {
        startedAt: t.clock.daysFromNow(-120),
      });
      if (consent)
        await app.get(ConsentsService).grantConsent(callerOf(coach), seekingFamilyId, 'evaluation_use');
      const record = (timepoint: 'baseline' | 'exit' | 'follow_up', score: number, daysAgo: number) =>
        app.get(OutcomeMeasuresService).recordOutcomeMeasure(
          callerOf(coach),
          seekingFamilyId,
          {
            instrument: 'K10',
            timepoint,
            score,
            assessedBy: 'joint',
            administeredAt: t.clock.daysFromNow(-daysAgo),
            linkUpId: linkUp.id,
          },
          t.clock.now(),
        );
      await record('baseline', before, 110);
      await record('exit', after, 10);
      if (followUp) await record('follow_up', after - 1, 5);
    }
  }

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    const a = await makeSite(t.app);
    const b = await makeSite(t.app);
    siteA = a.id;
    siteB = b.id;
    const coachA = await makeUser(t.app, { role: 'coach', siteId: a.id });
    const coachB = await makeUser(t.app, { role: 'coach', siteId: b.id });
    await seed(coachA, pairsA, true);
    // Not consenting: never counted.
    await seed(coachA, [[50, 10]], false);
    await seed(coachB, pairsB, true, true);
    evaluatorToken = await tokenFor(t.app, await makeUser(t.app, { role: 'evaluator' }));
  });
  afterAll(() => t.close());

  const report = async (query: string) =>
    (
      await t
        .http()
        .get(`/api/reports/outcome-change${query}`)
        .set('authorization', `Bearer ${evaluatorToken}`)
        .expect(200)
    ).body as { rows: Row[]; suppressionThreshold: number };

  it('gives n, the mean change and its 95 % CI, as computed directly from the seeded scores', async () => {
    const { rows, suppressionThreshold } = await report(`?siteId=${siteA}`);
    expect(suppressionThreshold).toBe(5);
    const diffs = pairsA.map(([before, after]) => after - before);
    const n = diffs.length;
    const mean = diffs.reduce((s, d) => s + d, 0) / n;
    const sd = Math.sqrt(diffs.reduce((s, d) => s + (d - mean) ** 2, 0) / (n - 1));
    const half = tQuantile975(n - 1) * (sd / Math.sqrt(n));
    expect(rows.find((r) => r.instrument === 'K10' && r.to === 'exit')).toEqual({
      instrument: 'K10',
      label: expect.stringContaining('Kessler'),
      to: 'exit',
      n: 5,
      meanChange: round(mean),
      ciLow: round(mean - half),
      ciHigh: round(mean + half),
    });
    // No follow-up measures on site A: 0, no figures.
    expect(rows.find((r) => r.instrument === 'K10' && r.to === 'follow_up')).toMatchObject({
      n: 0,
      meanChange: null,
    });
  });

  it('keeps small cells suppressed: the small site, and every-site figure that would give it away', async () => {
    const b = await report(`?siteId=${siteB}`);
    for (const to of ['exit', 'follow_up']) {
      expect(b.rows.find((r) => r.instrument === 'K10' && r.to === to)).toMatchObject({
        n: 'n.p.',
        meanChange: null,
        ciLow: null,
        ciHigh: null,
      });
    }
    const all = await report('');
    expect(all.rows.find((r) => r.instrument === 'K10' && r.to === 'exit')).toMatchObject({
      n: 'n.p.',
      meanChange: null,
      ciLow: null,
      ciHigh: null,
    });
    expect(JSON.stringify(all)).not.toContain('"n":7');
  });

  it('filters by the period of link-up starts, and refuses a day or a coach', async () => {
    const month = t.clock.todayPlus(-120 + 400).slice(0, 7);
    const later = await report(`?siteId=${siteA}&from=${month}`);
    expect(later.rows.every((r) => r.n === 0)).toBe(true);
    await t
      .http()
      .get(`/api/reports/outcome-change?from=${month}-01`)
      .set('authorization', `Bearer ${evaluatorToken}`)
      .expect(400);
    const coach = await makeUser(t.app, { role: 'coach', siteId: siteA });
    await t
      .http()
      .get('/api/reports/outcome-change')
      .set('authorization', `Bearer ${await tokenFor(t.app, coach)}`)
      .expect(403);
  });
});
