import { callerOf, makeLinkUp, makeSite, makeUser, waitFor } from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { TransactionContext } from '../transaction';
import type { User } from '../users';
import { CheckInPlanningService } from './check-in-planning.service';
import { CheckInsService } from './check-ins.service';

/** Check-ins (held and planned) take their transaction from the TransactionContext, not a `manager` (issue 13). */
describe('check-ins in the transaction of the async context', () => {
  let t: TestApp;
  let coach: User;
  let checkIns: CheckInsService;
  let planning: CheckInPlanningService;
  let transactions: TransactionContext;
  const failure = new Error('boom');

  const written = async (
    linkUpId: string,
  ): Promise<{ planned: number; completed: number; plannedAudit: number; completedAudit: number }> => {
    const [row] = await t.app
      .get(DataSource)
      .query<{ planned: number; completed: number; plannedAudit: number; completedAudit: number }[]>(
        `SELECT (SELECT count(*)::int FROM check_ins WHERE link_up_id = $1) AS planned,
              (SELECT count(*)::int FROM check_ins WHERE link_up_id = $1 AND status = 'completed') AS completed,
              (SELECT count(*)::int FROM audit_events
                WHERE action = 'check_in.planned' AND entity_id = $2) AS "plannedAudit",
              (SELECT count(*)::int FROM audit_events
                WHERE action = 'check_in.completed' AND details->>'linkUpId' = $2) AS "completedAudit"`,
        [linkUpId, linkUpId],
      );
    return row;
  };

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    const site = await makeSite(t.app);
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id });
    checkIns = t.app.get(CheckInsService);
    planning = t.app.get(CheckInPlanningService);
    transactions = t.app.get(TransactionContext);
  });
  afterAll(() => t.close());

  it('plans in the run it is called in: the run failing takes back the planned check-ins and their audit line', async () => {
    const made = await makeLinkUp(t.app, coach);
    await expect(
      transactions.run(async () => {
        const outcome = await planning.planLinkUp(made.linkUp.id);
        expect(outcome.created).toBeGreaterThan(0);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await written(made.linkUp.id)).toEqual({
      planned: 0,
      completed: 0,
      plannedAudit: 0,
      completedAudit: 0,
    });
  });

  it('completes a check-in in the run it is called in: the run failing takes back the completion and its audit line', async () => {
    const made = await makeLinkUp(t.app, coach);
    const outcome = await planning.planLinkUp(made.linkUp.id);
    const before = await written(made.linkUp.id);
    expect(before).toEqual({ planned: outcome.created, completed: 0, plannedAudit: 1, completedAudit: 0 });
    const page = await checkIns.listCheckIns(callerOf(coach), {
      view: 'open',
      linkUpId: made.linkUp.id,
      limit: 1,
      offset: 0,
    });
    const [first] = page.items;
    const input = {
      heldAt: t.clock.now(),
      mode: 'phone' as const,
      relationshipRating: 4,
      wellbeingRating: 4,
      version: first.version,
    };
    await expect(
      transactions.run(async () => {
        const held = await checkIns.completeCheckIn(callerOf(coach), first.id, input);
        expect(held).toMatchObject({ status: 'completed', version: first.version + 1 });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await written(made.linkUp.id)).toEqual(before);

    await checkIns.completeCheckIn(callerOf(coach), first.id, input);
    expect(await written(made.linkUp.id)).toEqual({ ...before, completed: 1, completedAudit: 1 });
  });

  it('holds the plan lock of a planner joined to a run until the run commits: another planner waits, then finds the plan made', async () => {
    const made = await makeLinkUp(t.app, coach);
    const dataSource = t.app.get(DataSource);
    let planned!: () => void;
    const inRun = new Promise<void>((resolve) => (planned = resolve));
    let commit!: () => void;
    const ending = new Promise<void>((resolve) => (commit = resolve));
    const first = transactions.run(async () => {
      const outcome = await planning.planLinkUp(made.linkUp.id);
      planned();
      await ending;
      return outcome;
    });
    let secondDone = false;
    let second: Promise<unknown> = Promise.resolve();
    try {
      await inRun;
      second = planning.planLinkUp(made.linkUp.id).finally(() => (secondDone = true));
      // The second planner waits on the plan's advisory lock (not on a row), though the first has planned.
      await waitFor(
        async () => {
          const [row] = await dataSource.query<{ waiting: number }[]>(
            `SELECT count(*)::int AS waiting FROM pg_stat_activity
              WHERE wait_event_type = 'Lock' AND wait_event = 'advisory' AND datname = current_database()`,
          );
          return row.waiting === 1 ? true : undefined;
        },
        { what: 'the second planner waiting on the plan lock' },
      );
      expect(secondDone).toBe(false);
    } finally {
      // Ends the first run whatever happened above, so a failure here does not hold the lock and a
      // pooled connection until the suite's teardown times out.
      commit();
    }
    const made1 = await first;
    expect(made1.created).toBeGreaterThan(0);
    expect(await second).toEqual({ state: 'active', created: 0, rescheduled: 0, cancelled: 0 });
    expect(await written(made.linkUp.id)).toEqual({
      planned: made1.created,
      completed: 0,
      plannedAudit: 1,
      completedAudit: 0,
    });
  });
});
