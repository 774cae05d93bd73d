import { callerOf, makeLinkUp, makeSite, makeUser, type MadeLinkUp } from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { Clock } from '../clock';
import { TransactionContext, TransactionRolledBackError } from '../transaction';
import type { User } from '../users';
import { GetTogethersService } from './get-togethers.service';
import { GoalsService } from './goals.service';
import { SmallWinsService } from './small-wins.service';

/** The journey (goals, ratings, small wins, get-togethers) takes its transaction from the TransactionContext (issue 13). */
describe('journey records in the transaction of the async context', () => {
  let t: TestApp;
  let coach: User;
  let made: MadeLinkUp;
  let transactions: TransactionContext;
  let today: string;
  const failure = new Error('boom');

  /** Rows of each journey table for the link-up, with the audit lines naming it. */
  const written = async (): Promise<Record<string, number>> => {
    const [row] = await t.app.get(DataSource).query<Record<string, number>[]>(
      `SELECT (SELECT count(*)::int FROM goals WHERE link_up_id = $1) AS goals,
              (SELECT count(*)::int FROM goal_ratings WHERE link_up_id = $1) AS ratings,
              (SELECT count(*)::int FROM small_wins WHERE link_up_id = $1) AS wins,
              (SELECT count(*)::int FROM get_togethers WHERE link_up_id = $1) AS "getTogethers",
              (SELECT count(*)::int FROM audit_events
                WHERE action IN ('goal.recorded', 'goal.rated', 'small_win.recorded', 'get_together.recorded')
                  AND details->>'linkUpId' = $1::text) AS audit`,
      [made.linkUp.id],
    );
    return row;
  };
  const none = { goals: 0, ratings: 0, wins: 0, getTogethers: 0, audit: 0 };

  /** One of each journey record, by the coach. */
  const recordJourney = async (): Promise<void> => {
    const caller = callerOf(coach);
    const goal = await t.app
      .get(GoalsService)
      .recordGoal(caller, made.linkUp.id, { text: 'Read together each night', theme: 'routines' });
    await t.app.get(GoalsService).rateGoal(caller, goal.id, { rating: 1, ratedBy: 'joint' });
    await t.app
      .get(SmallWinsService)
      .recordSmallWin(caller, made.linkUp.id, { text: 'Read two books', occurredOn: today, goalId: goal.id });
    await t.app
      .get(GetTogethersService)
      .recordGetTogether(caller, made.linkUp.id, { heldOn: today, kind: 'chat', childrenInvolved: true });
  };

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    const site = await makeSite(t.app);
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id });
    made = await makeLinkUp(t.app, coach);
    transactions = t.app.get(TransactionContext);
    today = t.app.get(Clock).today();
  });
  afterAll(() => t.close());

  it('records in the run it is called in: the run failing takes back every record and its audit line', async () => {
    await expect(
      transactions.run(async () => {
        await recordJourney();
        expect(await written()).toEqual(none);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await written()).toEqual(none);
  });

  it('rolls back the run a refused small win was recorded in, though the caller caught the refusal', async () => {
    const caller = callerOf(coach);
    await expect(
      transactions.run(async () => {
        await t.app
          .get(GoalsService)
          .recordGoal(caller, made.linkUp.id, { text: 'Cook on Sundays', theme: 'routines' });
        const refused = await t.app
          .get(SmallWinsService)
          .recordSmallWin(caller, made.linkUp.id, {
            text: 'Cooked pasta',
            occurredOn: today,
            goalId: '00000000-0000-4000-8000-000000000000',
          })
          .then(
            () => null,
            (error: unknown) => error,
          );
        expect(refused).toMatchObject({ code: 'VALIDATION_FAILED' });
      }),
    ).rejects.toBeInstanceOf(TransactionRolledBackError);
    expect(await written()).toEqual(none);
  });

  it('commits records made outside any run, each in a transaction (or statement) of its own', async () => {
    await recordJourney();
    expect(await written()).toEqual({ goals: 1, ratings: 1, wins: 1, getTogethers: 1, audit: 4 });
  });
});
