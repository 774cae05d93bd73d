import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { CheckInsService } from '../check-ins';
import { TransactionContext } from '../transaction';
import { DemoProgramme } from './demo-programme';
import { DemoSeeder } from './demo-seeder.service';

/** The demo programme takes its transaction from the TransactionContext, not a `manager` (issue 13). */
describe('the demo programme in the transaction of the async context', () => {
  let t: TestApp;
  let transactions: TransactionContext;
  const failure = new Error('boom');
  let seededWith: Parameters<DemoProgramme['seedOnce']> | undefined;

  /**
   * What the programme writes: link-ups, their history, concerns, goals, and their audit lines (the
   * families' consents are granted when they are made, before the programme).
   */
  const programmeRows = async (): Promise<Record<string, number>> => {
    const [row] = await t.app.get(DataSource).query<Record<string, number>[]>(
      `SELECT (SELECT count(*)::int FROM link_ups) AS "linkUps",
              (SELECT count(*)::int FROM link_up_events) AS events,
              (SELECT count(*)::int FROM safeguarding_concerns) AS concerns,
              (SELECT count(*)::int FROM goals) AS goals,
              (SELECT count(*)::int FROM audit_events
                WHERE action LIKE 'link_up%' OR action LIKE 'goal%' OR action LIKE 'safeguarding%'
                   OR action LIKE 'check_in%') AS audit`,
    );
    return row;
  };

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    transactions = t.app.get(TransactionContext);
  });
  afterAll(() => t.close());

  it('seeds the programme in the run it is called in: the run failing takes back every link-up, its history, concerns and audit lines', async () => {
    // The demo users and families commit as before; the programme (link-ups and what happened in
    // them) is made in a run that fails.
    const programme = t.app.get(DemoProgramme);
    const seedOnce = programme.seedOnce.bind(programme);
    let inside: Record<string, number> | undefined;
    const spy = jest.spyOn(programme, 'seedOnce').mockImplementation((...args) =>
      transactions.run(async () => {
        seededWith = args;
        await seedOnce(...args);
        inside = await programmeRows();
        throw failure;
      }),
    );
    try {
      await expect(t.app.get(DemoSeeder).seedOnce()).rejects.toBe(failure);
    } finally {
      spy.mockRestore();
    }
    expect(seededWith).toBeDefined();
    const nothing = { linkUps: 0, events: 0, concerns: 0, goals: 0, audit: 0 };
    // Read from another connection while the run was open: nothing committed yet.
    expect(inside).toEqual(nothing);
    expect(await programmeRows()).toEqual(nothing);
  }, 120_000);

  it('commits the programme seeded outside any run, link-up by link-up', async () => {
    // The same families as above (the seeder finds them made and hands none over again).
    if (seededWith === undefined) throw new Error('the programme was not seeded above');
    await t.app.get(DemoProgramme).seedOnce(...seededWith);
    const after = await programmeRows();
    expect(after.linkUps).toBeGreaterThan(0);
    expect(after.events).toBeGreaterThan(after.linkUps);
    expect(after.concerns).toBeGreaterThan(0);
    expect(after.goals).toBeGreaterThan(0);
    expect(after.audit).toBeGreaterThan(0);
  }, 120_000);
});

/** Issue 13 follow-up: a check-in the demo cannot hold does not take the caller's run down with it. */
describe('the demo programme seeded inside a run that commits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('leaves a check-in the worker moved on meanwhile open, and the run commits the rest', async () => {
    const transactions = t.app.get(TransactionContext);
    const programme = t.app.get(DemoProgramme);
    const checkIns = t.app.get(CheckInsService);
    const seedOnce = programme.seedOnce.bind(programme);
    const openDueBefore = checkIns.openCheckInsDueBefore.bind(checkIns);
    let movedOn: { id: string; version: number } | undefined;
    // Between the demo's read of the open check-ins and its holding them, the worker's sweep marks the
    // first one due (its version moves on), in the run's transaction: its completion is refused.
    const reading = jest.spyOn(checkIns, 'openCheckInsDueBefore').mockImplementation(async (...args) => {
      const open = await openDueBefore(...args);
      if (movedOn === undefined && open.length > 1) {
        movedOn = { id: open[0].id, version: open[0].version };
        await transactions.manager.query(
          `UPDATE check_ins SET status = 'due', version = version + 1, updated_at = CURRENT_TIMESTAMP
            WHERE id = $1 AND status = 'scheduled'`,
          [movedOn.id],
        );
      }
      return open;
    });
    const seeding = jest
      .spyOn(programme, 'seedOnce')
      .mockImplementation((...args) => transactions.run(() => seedOnce(...args)));
    try {
      await t.app.get(DemoSeeder).seedOnce();
    } finally {
      seeding.mockRestore();
      reading.mockRestore();
    }
    if (movedOn === undefined) throw new Error('no check-in was moved on');

    const dataSource = t.app.get(DataSource);
    const [moved] = await dataSource.query<{ status: string; version: number; held: boolean }[]>(
      'SELECT status, version, held_at IS NOT NULL AS held FROM check_ins WHERE id = $1',
      [movedOn.id],
    );
    expect(moved).toEqual({ status: 'due', version: movedOn.version + 1, held: false });
    const [committed] = await dataSource.query<{ linkUps: number; held: number }[]>(
      `SELECT (SELECT count(*)::int FROM link_ups) AS "linkUps",
              (SELECT count(*)::int FROM check_ins WHERE status = 'completed') AS held`,
    );
    expect(committed.linkUps).toBeGreaterThan(0);
    expect(committed.held).toBeGreaterThan(0);
  }, 120_000);
});
