import {
  CheckInsService,
  GoalsService,
  LinkUpStagesService,
  MatchProposalsService,
  OutcomeMeasuresService,
  type Family,
  type User,
} from '@app/core';
import {
  DEFAULT_VOCABULARIES,
  END_EARLY_REASONS,
  NOT_PUBLISHED,
  suppressCountTable,
  vocabularyKeys,
  type PublishedCount,
} from '@app/domain';
import {
  callerOf,
  makeApprovedSharingFamily,
  makeGoal,
  makeLinkUp,
  makeMatchProposal,
  makeSeekingFamily,
  makeSite,
  makeUser,
  meetGuardsThroughDoingWith,
  setEvaluationConsent,
  tokenFor,
  type FamilyProfile,
} from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app';

interface Row {
  band: string;
  ended: PublishedCount;
  completed: PublishedCount;
  endedEarly: { reason: string; count: PublishedCount }[];
  goalAttainmentChange: {
    n: PublishedCount;
    meanChange: number | null;
    ciLow: number | null;
    ciHigh: number | null;
  };
}
interface Report {
  suppressionThreshold: number;
  filters: { site: string | null };
  fitBands: { key: string; minPercent: number; maxPercent: number }[];
  bands: Row[];
  allBands: Row;
  notes: string[];
}

const BANDS = ['under_50', '50_to_69', '70_to_84', '85_and_over'];
const OUTCOMES = ['completed', ...END_EARLY_REASONS];
const keys = {
  life: vocabularyKeys(DEFAULT_VOCABULARIES.lifeExperiences),
  interests: vocabularyKeys(DEFAULT_VOCABULARIES.interests),
  slots: vocabularyKeys(DEFAULT_VOCABULARIES.availabilitySlots),
  ages: vocabularyKeys(DEFAULT_VOCABULARIES.ageBands),
};

/**
 * Profiles that put a pair in a band under the default weights (life experiences 3, strengths 3,
 * children's ages 2, interests 1, distance 2, availability 2, load 1; unknown at 0.5; both families
 * in central Adelaide, so distance and load are 1): the test reads the fits back from the snapshots
 * and checks each pair landed where meant.
 */
const PROFILES: Record<'low' | 'mid' | 'high', { seeking: FamilyProfile; sharing: FamilyProfile }> = {
  // Known and all 0 except distance and load: (2 + 1 + 5 × 0.5) / 14 ≈ 39 %.
  low: {
    seeking: {
      lifeExperiences: [keys.life[0]],
      interests: [keys.interests[0]],
      availabilitySlots: [keys.slots[0]],
    },
    sharing: {
      lifeExperiences: [keys.life[1]],
      interests: [keys.interests[1]],
      availabilitySlots: [keys.slots[1]],
    },
  },
  // Nothing but distance and load known: (2 + 1 + 11 × 0.5) / 14 ≈ 61 %.
  mid: { seeking: {}, sharing: {} },
  // Everything but strengths known and matching: (13 − 3 + 3 × 0.5 + …) ≈ 89 %.
  high: {
    seeking: {
      lifeExperiences: [keys.life[0]],
      interests: [keys.interests[0]],
      availabilitySlots: [keys.slots[0], keys.slots[1]],
      childrenAgeBands: [keys.ages[1]],
    },
    sharing: {
      lifeExperiences: [keys.life[0]],
      interests: [keys.interests[0]],
      availabilitySlots: [keys.slots[0], keys.slots[1]],
      childrenAgeBands: [keys.ages[1]],
    },
  },
};

/** Issue 16, item 4: fit at decision time against how link-ups ended, in bands, suppressed. */
describe('GET /api/reports/matching-calibration', () => {
  let t: TestApp;
  let siteA: string;
  let siteB: string;
  let coachA: User;
  let coachB: User;
  const tokens: Record<string, string> = {};
  const db = () => t.app.get(DataSource);

  /** A link-up made from a one-family shortlist, then ended as `end` says; goals rated `ratings`. */
  async function linkUpFromShortlist(
    coach: User,
    profile: keyof typeof PROFILES,
    end: 'completed' | (typeof END_EARLY_REASONS)[number] | 'live',
    options: { consent?: boolean; ratings?: readonly (readonly number[])[] } = {},
  ): Promise<string> {
    const app = t.app;
    const caller = callerOf(coach);
    const seeking = await makeSeekingFamily(app, coach, PROFILES[profile].seeking);
    if (options.consent ?? true) await setEvaluationConsent(app, coach, seeking, true);
    const sharing = await makeApprovedSharingFamily(app, coach, PROFILES[profile].sharing);
    const proposal = await makeMatchProposal(app, coach, seeking, [sharing]);
    const decided = await app.get(MatchProposalsService).recordDecision(caller, proposal.id, {
      decision: 'chose',
      sharingFamilyId: sharing.id,
      sharingFamilyAccepted: true,
      version: proposal.version,
    });
    const linkUpId = decided.linkUpId as string;
    const made = {
      linkUp: { id: linkUpId } as never,
      seekingFamilyId: seeking.id,
      sharingFamilyId: sharing.id,
    };
    const goals = app.get(GoalsService);
    const stages = app.get(LinkUpStagesService);
    // Ratings a minute apart, from now on.
    const rate = async (goalId: string, ratings: readonly number[], firstDone: boolean) => {
      for (const [i, rating] of ratings.entries()) {
        if (i === 0 && firstDone) continue;
        const at = new Date(t.clock.now().getTime() + i * 60_000); // duration
        await goals.rateGoal(caller, goalId, { rating, ratedBy: 'joint', ratedAt: at }, at);
      }
    };
    if (end === 'completed') {
      // The guards' goal is rated 0 first; the ratings given continue from there.
      const goal = await meetGuardsThroughDoingWith(app, coach, made);
      await rate(goal.id, options.ratings?.[0] ?? [0], true);
      for (const goalRatings of options.ratings?.slice(1) ?? []) {
        const extra = await makeGoal(app, coach, linkUpId);
        await rate(extra.id, goalRatings, false);
      }
      await stages.changeStage(caller, linkUpId, { to: 'doing_with', version: 1 });
      await stages.changeStage(caller, linkUpId, { to: 'doing_without', version: 2 });
      await app.get(OutcomeMeasuresService).recordOutcomeMeasure(caller, seeking.id, {
        instrument: 'K10',
        timepoint: 'exit',
        score: 20,
        assessedBy: 'family',
        linkUpId,
      });
      await app.get(CheckInsService).recordHeldCheckIn({
        linkUpId,
        party: 'both',
        kind: 'closure',
        heldAt: t.clock.now(),
        mode: 'in_person',
        completedBy: coach.id,
      });
      await stages.changeStage(caller, linkUpId, {
        to: 'completed',
        closureReason: 'goals_reached',
        version: 3,
      });
    } else {
      for (const goalRatings of options.ratings ?? []) {
        const goal = await makeGoal(app, coach, linkUpId);
        await rate(goal.id, goalRatings, false);
      }
      if (end !== 'live')
        await stages.changeStage(caller, linkUpId, {
          to: 'ended_early',
          closureReason: end,
          reason: end === 'other' ? 'Another reason' : null,
          version: 1,
        });
    }
    return linkUpId;
  }

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    siteA = (await makeSite(t.app)).id;
    siteB = (await makeSite(t.app)).id;
    const supervisorA = await makeUser(t.app, { role: 'supervisor', siteId: siteA });
    coachA = await makeUser(t.app, { role: 'coach', siteId: siteA, supervisorId: supervisorA.id });
    coachB = await makeUser(t.app, { role: 'coach', siteId: siteB });
    tokens.evaluator = await tokenFor(t.app, await makeUser(t.app, { role: 'evaluator' }));
    tokens.admin = await tokenFor(t.app, await makeUser(t.app, { role: 'admin' }));
    tokens.supervisorA = await tokenFor(t.app, supervisorA);
    tokens.coachA = await tokenFor(t.app, coachA);

    // Site A. 85 % and over: six completed, five with a goal change (+2, +1, +2, +2 over two goals, −1).
    const highRatings: (readonly (readonly number[])[] | undefined)[] = [
      [[0, 2]],
      [[0, 1]],
      [[0, -1, 2]],
      [
        [0, 2],
        [-1, 1],
      ],
      [[0, -1]],
      undefined,
    ];
    for (const ratings of highRatings) await linkUpFromShortlist(coachA, 'high', 'completed', { ratings });
    // 50–69 %: five ended early as not a good fit (four with a change), one moved away, two other.
    for (const ratings of [[[0, 0]], [[0, -1]], [[0, 1]], [[0, -2]], [[1]]])
      await linkUpFromShortlist(coachA, 'mid', 'not_a_good_fit', { ratings });
    await linkUpFromShortlist(coachA, 'mid', 'moved_away');
    for (let i = 0; i < 2; i += 1) await linkUpFromShortlist(coachA, 'mid', 'other');
    // Under 50 %: five not a good fit, two moved away, one other; seven with a change.
    for (const change of [-1, -1, 0, -2, 0])
      await linkUpFromShortlist(coachA, 'low', 'not_a_good_fit', { ratings: [[0, change]] });
    for (const change of [1, 0])
      await linkUpFromShortlist(coachA, 'low', 'moved_away', { ratings: [[0, change]] });
    await linkUpFromShortlist(coachA, 'low', 'other');
    // Never counted: a Seeking family without evaluation consent, a live link-up, a link-up made
    // without a shortlist.
    await linkUpFromShortlist(coachA, 'high', 'not_a_good_fit', { consent: false, ratings: [[0, 2]] });
    await linkUpFromShortlist(coachA, 'high', 'live', { ratings: [[0, 2]] });
    const direct = await makeLinkUp(t.app, coachA);
    await setEvaluationConsent(t.app, coachA, { id: direct.seekingFamilyId } as Family, true);
    await t.app.get(LinkUpStagesService).changeStage(callerOf(coachA), direct.linkUp.id, {
      to: 'ended_early',
      closureReason: 'other',
      reason: 'Another reason',
      version: 1,
    });

    // Site B: five not a good fit at 85 % and over, two of them with a goal change (a small n).
    for (const ratings of [[[0, 1]], [[0, 2]], undefined, undefined, undefined])
      await linkUpFromShortlist(coachB, 'high', 'not_a_good_fit', { ratings });
  }, 240_000);
  afterAll(() => t.close());

  const get = (who: string, query = '') =>
    t.http().get(`/api/reports/matching-calibration${query}`).set('authorization', `Bearer ${tokens[who]}`);
  const report = async (who: string, query = ''): Promise<Report> =>
    (await get(who, query).expect(200)).body as Report;

  /**
   * The report computed straight from the rows, independently of the service: each ended link-up's
   * fit from the chosen candidate in its shortlist, its goal change from the ratings; one table of
   * site × band rows suppressed by the domain's rule; bands for all sites summed where every part
   * is shown.
   */
  async function directly(siteId: string | null) {
    const rows = await db().query<
      { id: string; site_id: string; status: string; closure_reason: string | null; fit: number }[]
    >(
      `SELECT lu.id, lu.site_id, lu.status, lu.closure_reason,
              (SELECT (c->>'rankingScore')::float8 FROM jsonb_array_elements(mp.candidates) c
                WHERE c->>'sharingFamilyId' = lu.sharing_family_id::text) AS fit
         FROM link_ups lu JOIN match_proposals mp ON mp.id = lu.match_proposal_id
        WHERE lu.status IN ('completed', 'ended_early')
          AND EXISTS (SELECT 1 FROM consents c WHERE c.family_id = lu.seeking_family_id
                       AND c.kind = 'evaluation_use' AND c.withdrawn_at IS NULL)`,
    );
    const ratings = await db().query<{ link_up_id: string; goal_id: string; rating: number }[]>(
      `SELECT g.link_up_id, r.goal_id, r.rating FROM goal_ratings r JOIN goals g ON g.id = r.goal_id
        ORDER BY r.rated_at, r.created_at, r.id`,
    );
    const goalsOf = new Map<string, Map<string, number[]>>();
    for (const r of ratings) {
      const goals = goalsOf.get(r.link_up_id) ?? new Map<string, number[]>();
      goals.set(r.goal_id, [...(goals.get(r.goal_id) ?? []), r.rating]);
      goalsOf.set(r.link_up_id, goals);
    }
    const bandOf = (fit: number) => {
      const p = Math.round(fit * 100);
      return p < 50 ? 0 : p < 70 ? 1 : p < 85 ? 2 : 3;
    };
    const sites = (await db().query<{ id: string }[]>('SELECT id FROM sites ORDER BY name, id')).map(
      (s) => s.id,
    );
    const counts = sites.flatMap(() => BANDS.map(() => OUTCOMES.map(() => 0)));
    const changes: number[][] = counts.map(() => []);
    for (const row of rows) {
      const r = sites.indexOf(row.site_id) * 4 + bandOf(row.fit);
      counts[r][
        OUTCOMES.indexOf(row.status === 'completed' ? 'completed' : (row.closure_reason as string))
      ] += 1;
      const perGoal = [...(goalsOf.get(row.id)?.values() ?? [])]
        .filter((g) => g.length >= 2)
        .map((g) => g[g.length - 1] - g[0]);
      if (perGoal.length > 0) changes[r].push(perGoal.reduce((s, d) => s + d, 0) / perGoal.length);
    }
    const table = suppressCountTable({ rowLabels: counts.map(String), columnLabels: OUTCOMES, counts }, 5);
    const siteRows = siteId === null ? sites.map((_, i) => i) : [sites.indexOf(siteId)];
    const add = (values: PublishedCount[]) =>
      values.includes(NOT_PUBLISHED) ? NOT_PUBLISHED : values.reduce<number>((s, v) => s + (v as number), 0);
    const meanOf = (groups: number[][]) => {
      const all = groups.flat();
      if (all.length === 0) return { n: 0, meanChange: null };
      if (groups.some((g) => g.length > 0 && g.length < 5)) return { n: NOT_PUBLISHED, meanChange: null };
      return {
        n: all.length,
        meanChange: Math.round((all.reduce((s, d) => s + d, 0) / all.length) * 100) / 100,
      };
    };
    const bands = BANDS.map((band, b) => {
      const parts = siteRows.map((s) => s * 4 + b);
      return {
        band,
        ended: add(parts.map((p) => table.rowTotals[p])),
        completed: add(parts.map((p) => table.cells[p][0])),
        endedEarly: END_EARLY_REASONS.map((reason, k) => ({
          reason,
          count: add(parts.map((p) => table.cells[p][k + 1])),
        })),
        goalAttainmentChange: expect.objectContaining(meanOf(parts.map((p) => changes[p]))) as unknown,
      };
    });
    return { bands, table, counts, changes, sites };
  }

  /** Every count in a report: none from 1 to 4. */
  function countsIn(r: Report): PublishedCount[] {
    return [...r.bands, r.allBands].flatMap((row) => [
      row.ended,
      row.completed,
      ...row.endedEarly.map((e) => e.count),
      row.goalAttainmentChange.n,
    ]);
  }

  it('puts each seeded pair in the band its profile was meant for', async () => {
    const { counts, sites } = await directly(null);
    const a = sites.indexOf(siteA);
    const b = sites.indexOf(siteB);
    const ended = (site: number, band: number) => counts[site * 4 + band].reduce((s, n) => s + n, 0);
    expect([0, 1, 2, 3].map((band) => ended(a, band))).toEqual([8, 8, 0, 6]);
    expect([0, 1, 2, 3].map((band) => ended(b, band))).toEqual([0, 0, 0, 5]);
  });

  it('gives one site the bands a direct computation gives, with the suppression rule applied', async () => {
    const r = await report('evaluator', `?siteId=${siteA}`);
    expect(r.suppressionThreshold).toBe(5);
    expect(r.fitBands.map((b) => [b.key, b.minPercent, b.maxPercent])).toEqual([
      ['under_50', 0, 49],
      ['50_to_69', 50, 69],
      ['70_to_84', 70, 84],
      ['85_and_over', 85, 100],
    ]);
    const expected = await directly(siteA);
    expect(r.bands).toEqual(expected.bands.map((band) => expect.objectContaining(band) as unknown));
    // What that means here, in figures. 85 % and over: six completed; a goal change for five of them.
    const [low, mid, , high] = r.bands;
    expect(high).toMatchObject({ ended: 6, completed: 6 });
    expect(high.goalAttainmentChange).toEqual({
      n: 5,
      meanChange: 1.2,
      ciLow: expect.any(Number) as unknown,
      ciHigh: expect.any(Number) as unknown,
    });
    // Under 50 %: eight ended, five as not a good fit; moved away (2) and other (1) are n.p., and so
    // are 50–69 %'s moved away (1) and other (2), which protect them.
    const early = (row: Row, reason: string) => row.endedEarly.find((e) => e.reason === reason)?.count;
    expect(low.ended).toBe(8);
    expect([early(low, 'not_a_good_fit'), early(low, 'moved_away'), early(low, 'other')]).toEqual([
      5,
      'n.p.',
      'n.p.',
    ]);
    expect([early(mid, 'not_a_good_fit'), early(mid, 'moved_away'), early(mid, 'other')]).toEqual([
      5,
      'n.p.',
      'n.p.',
    ]);
    expect(low.goalAttainmentChange).toMatchObject({ n: 7, meanChange: -0.43 });
    // 50–69 %: four changes only, withheld.
    expect(mid.goalAttainmentChange).toEqual({
      n: NOT_PUBLISHED,
      meanChange: null,
      ciLow: null,
      ciHigh: null,
    });
    expect(countsIn(r).filter((n) => typeof n === 'number' && n >= 1 && n <= 4)).toEqual([]);
  });

  it('gives every site the sums of the sites’ shown cells, withholds any with a small part, and never a count of 1–4', async () => {
    const r = await report('evaluator');
    const expected = await directly(null);
    expect(r.filters.site).toBeNull();
    expect(r.bands).toEqual(expected.bands.map((band) => expect.objectContaining(band) as unknown));
    // 85 % and over, all sites: site A's six completed and site B's five not a good fit; the goal
    // change is withheld, as site B's n of 2 is part of it.
    expect(r.bands[3]).toMatchObject({ ended: 11, completed: 6 });
    expect(r.bands[3].goalAttainmentChange).toEqual({
      n: NOT_PUBLISHED,
      meanChange: null,
      ciLow: null,
      ciHigh: null,
    });
    // The all-bands row is the suppressed table's own totals.
    expect(r.allBands.ended).toBe(expected.table.grandTotal);
    expect(r.allBands.completed).toBe(expected.table.columnTotals[0]);
    expect(countsIn(r).filter((n) => typeof n === 'number' && n >= 1 && n <= 4)).toEqual([]);
    const b = await report('admin', `?siteId=${siteB}`);
    expect(countsIn(b).filter((n) => typeof n === 'number' && n >= 1 && n <= 4)).toEqual([]);
    expect(b.bands[3]).toMatchObject({ ended: 5, completed: 0 });
    expect(b.bands[3].goalAttainmentChange.n).toBe(NOT_PUBLISHED);
    expect(b.allBands).toMatchObject({ ended: 5, completed: 0 });
  });

  it('gives a supervisor its own site; another site is 404, a coach 403, a bad query 400', async () => {
    const own = await report('supervisorA');
    expect(own.bands).toEqual((await report('evaluator', `?siteId=${siteA}`)).bands);
    expect((await get('supervisorA', `?siteId=${siteB}`).expect(404)).body).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await get('coachA').expect(403)).body).toMatchObject({
      statusCode: 403,
      code: 'ACCESS.FORBIDDEN',
    });
    const bad = await get('evaluator', `?from=${t.clock.todayPlus(0)}`).expect(400);
    expect(bad.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    await get('evaluator', '?siteId=not-a-site').expect(400);
    const month = (days: number) => t.clock.todayPlus(days).slice(0, 7);
    await get('evaluator', `?from=${month(70)}&to=${month(0)}`).expect(400);
  });

  it('filters by the month the link-ups started, and documents its terms in the data dictionary', async () => {
    const later = t.clock.todayPlus(70).slice(0, 7);
    const empty = await report('evaluator', `?from=${later}`);
    expect(countsIn(empty).every((n) => n === 0)).toBe(true);
    const dictionary = (
      await t
        .http()
        .get('/api/exports/data-dictionary.json')
        .set('authorization', `Bearer ${tokens.evaluator}`)
        .expect(200)
    ).body as { reports: { report: string; terms: { name: string; description: string }[] }[] };
    const terms = dictionary.reports.find((x) => x.report === 'matching-calibration')?.terms ?? [];
    expect(terms.map((x) => x.name)).toEqual(
      expect.arrayContaining(['fitAtDecision', 'fitBand', 'goalAttainmentChange']),
    );
    expect(terms.find((x) => x.name === 'goalAttainmentChange')?.description).toMatch(
      /last .* minus the first/,
    );
  });
});
