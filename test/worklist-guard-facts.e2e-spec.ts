import {
  CheckInsService,
  GoalsService,
  LinkUp,
  LinkUpStagesService,
  OutcomeMeasuresService,
  SafeguardingService,
  type User,
} from '@app/core';
import {
  callerOf,
  makeFamily,
  makeGoal,
  makeLinkUp,
  makeLinkUpWithHistory,
  makeSite,
  makeUser,
  meetGuardsThroughDoingWith,
} from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app';

const DAY_MS = 86_400_000;

/**
 * Issue 17: the worklist reads the stage-guard facts of all a coach's link-ups with a few
 * set-based statements (`guardFactsOfMany`); they must be the facts the per-link-up reads give.
 */
describe('stage-guard facts of many link-ups at once', () => {
  let t: TestApp;
  let coach: User;

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    const site = await makeSite(t.app);
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id });
  });
  afterAll(() => t.close());

  it('equal the facts read link-up by link-up, for link-ups in every kind of state', async () => {
    const caller = callerOf(coach);
    const now = t.clock.now();
    const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
    const measures = t.app.get(OutcomeMeasuresService);

    // Everything the guards up to doing_without ask for, an exit measure and a closure check-in.
    const full = await makeLinkUp(t.app, coach);
    await meetGuardsThroughDoingWith(t.app, coach, full);
    await measures.recordOutcomeMeasure(caller, full.seekingFamilyId, {
      instrument: 'K10',
      timepoint: 'exit',
      score: 20,
      assessedBy: 'family',
      linkUpId: full.linkUp.id,
    });
    await t.app.get(CheckInsService).recordHeldCheckIn({
      linkUpId: full.linkUp.id,
      party: 'both',
      kind: 'closure',
      heldAt: t.clock.now(),
      mode: 'phone',
      completedBy: coach.id,
    });
    await t.app.get(SafeguardingService).raiseConcern(caller, {
      linkUpId: full.linkUp.id,
      severity: 'medium',
      description: 'Worried about the car seat.',
    });

    // Nothing recorded, then an urgent concern about its Sharing family (it pauses the link-up).
    const bare = await makeLinkUp(t.app, coach);
    await t.app.get(SafeguardingService).raiseConcern(caller, {
      familyId: bare.sharingFamilyId,
      severity: 'high',
      description: 'Something the coach must look at.',
    });

    // A re-match: an intake baseline before the first link-up belongs to it; the one taken between
    // the two belongs to the second, and so does the rating after it.
    const seeking = await makeFamily(t.app, coach, 'seeking');
    const baseline = { instrument: 'K10', timepoint: 'baseline', score: 28, assessedBy: 'family' } as const;
    await measures.recordOutcomeMeasure(caller, seeking.id, { ...baseline, administeredAt: daysAgo(100) });
    const first = await makeLinkUpWithHistory(t.app, coach, {
      seeking,
      sharing: await makeFamily(t.app, coach, 'sharing'),
      startedAt: daysAgo(90),
      steps: [{ kind: 'complete', at: daysAgo(30), closureReason: 'goals_met' }],
    });
    await measures.recordOutcomeMeasure(caller, seeking.id, { ...baseline, administeredAt: daysAgo(20) });
    const second = await makeLinkUp(t.app, coach, { seekingFamily: seeking, startedAt: daysAgo(10) });
    const goal = await makeGoal(t.app, coach, second.linkUp.id);
    await t.app.get(GoalsService).rateGoal(caller, goal.id, { rating: 1, ratedBy: 'joint' });

    const linkUps = await t.app
      .get(DataSource)
      .getRepository(LinkUp)
      .findBy([{ id: full.linkUp.id }, { id: bare.linkUp.id }, { id: first.id }, { id: second.linkUp.id }]);
    const ordered = [full.linkUp.id, bare.linkUp.id, first.id, second.linkUp.id].map(
      (id) => linkUps.find((l) => l.id === id) as LinkUp,
    );
    const stages = t.app.get(LinkUpStagesService);
    const together = await stages.guardFactsOfMany(ordered, now);
    const oneByOne = [];
    for (const linkUp of ordered) oneByOne.push(await stages.guardFactsOneByOne(linkUp, now));
    expect(together).toEqual(oneByOne);

    // The scenario covers what it means to: each fact differs somewhere.
    expect(together.map((f) => f.smallWins)).toEqual([1, 0, 0, 0]);
    expect(together.map((f) => f.closureCheckInCompleted)).toEqual([true, false, false, false]);
    expect(together.map((f) => f.exitMeasureRecordedOrDeclined)).toEqual([true, false, false, false]);
    expect(together.map((f) => f.baselineMeasureRecordedOrDeclined)).toEqual([true, false, true, true]);
    expect(together.map((f) => f.goalRatingsAfterBaseline)).toEqual([1, 0, 0, 1]);
    expect(together.map((f) => f.openSafeguardingConcerns)).toEqual([1, 1, 0, 0]);
    expect(together.map((f) => f.openUrgentSafeguardingConcerns)).toEqual([0, 1, 0, 0]);
    expect(together.map((f) => f.activeGoalsBySeekingFamily)).toEqual([1, 0, 0, 1]);
    expect(together[0].completedCheckInsSinceStart).toBeGreaterThanOrEqual(2);

    expect(await stages.guardFactsOfMany([], now)).toEqual([]);
  });
});
