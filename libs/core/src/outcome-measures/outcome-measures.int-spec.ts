import { callerOf, makeLinkUp, makeSite, makeUser, type MadeLinkUp } from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import type { User } from '../users';
import { LinkUpStagesService } from '../link-up-stages';
import { TransactionContext } from '../transaction';
import { OutcomeMeasuresService, type NewOutcomeMeasureInput } from './outcome-measures.service';

/** Outcome measures take their transaction from the TransactionContext, not a `manager` (issue 13). */
describe('outcome measures in the transaction of the async context', () => {
  let t: TestApp;
  let coach: User;
  let made: MadeLinkUp;
  let measures: OutcomeMeasuresService;
  let transactions: TransactionContext;
  const failure = new Error('boom');

  const baseline = (): NewOutcomeMeasureInput => ({
    instrument: 'K10',
    timepoint: 'baseline',
    score: 30,
    assessedBy: 'joint',
    linkUpId: made.linkUp.id,
  });
  const recorded = async (): Promise<{ measures: number; audit: number }> => {
    const [row] = await t.app.get(DataSource).query<{ measures: number; audit: number }[]>(
      `SELECT (SELECT count(*)::int FROM outcome_measures WHERE family_id = $1) AS measures,
              (SELECT count(*)::int FROM audit_events
                WHERE action = 'outcome_measure.recorded' AND entity_id = $2) AS audit`,
      [made.seekingFamilyId, made.seekingFamilyId],
    );
    return row;
  };

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    const site = await makeSite(t.app);
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id });
    made = await makeLinkUp(t.app, coach);
    measures = t.app.get(OutcomeMeasuresService);
    transactions = t.app.get(TransactionContext);
  });
  afterAll(() => t.close());

  it('records a measure in the run it is called in: the run failing takes back the measure and its audit line', async () => {
    await expect(
      transactions.run(async () => {
        await measures.recordOutcomeMeasure(callerOf(coach), made.seekingFamilyId, baseline());
        expect(await recorded()).toEqual({ measures: 0, audit: 0 });
        expect(await measures.baselineFor(made.linkUp)).toMatchObject({ recordedOrDeclined: true });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await recorded()).toEqual({ measures: 0, audit: 0 });
    expect(await measures.baselineFor(made.linkUp)).toEqual({ recordedOrDeclined: false, at: null });
  });

  it('lets the stage guards read a measure written in the transaction they are called in', async () => {
    const stages = t.app.get(LinkUpStagesService);
    const now = t.clock.now();
    await expect(
      t.app.get(DataSource).transaction(async (manager) => {
        await transactions.within(manager, () =>
          measures.recordOutcomeMeasure(callerOf(coach), made.seekingFamilyId, baseline()),
        );
        const one = await transactions.within(manager, () => stages.guardFacts(made.linkUp, now));
        const [many] = await transactions.within(manager, () => stages.guardFactsOfMany([made.linkUp], now));
        const oneByOne = await transactions.within(manager, () =>
          stages.guardFactsOneByOne(made.linkUp, now),
        );
        for (const facts of [one, many, oneByOne]) expect(facts.baselineMeasureRecordedOrDeclined).toBe(true);
        throw failure;
      }),
    ).rejects.toBe(failure);
    const after = await stages.guardFacts(made.linkUp, now);
    expect(after.baselineMeasureRecordedOrDeclined).toBe(false);
    expect(await recorded()).toEqual({ measures: 0, audit: 0 });
  });

  it('commits a measure recorded outside any run in a transaction of its own', async () => {
    await measures.recordOutcomeMeasure(callerOf(coach), made.seekingFamilyId, baseline());
    expect(await recorded()).toEqual({ measures: 1, audit: 1 });
    expect(await measures.baselineFor(made.linkUp)).toMatchObject({ recordedOrDeclined: true });
  });
});
