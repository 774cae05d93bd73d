import { addDays, calendarDateIn, DEFAULT_TIME_ZONE } from '../clock';
import {
  callerOf,
  makeApprovedSharingFamily,
  makeFamily,
  makeSeekingFamily,
  makeSite,
  makeUser,
} from '@app/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import type { Caller } from '../access';
import { LinkUpsService } from '../link-ups';
import { TransactionContext } from '../transaction';
import type { User } from '../users';
import { ConsentsRepository } from './consents.repository';
import { ConsentsService } from './consents.service';
import { FamiliesService } from './families.service';
import { FamilyLifecycleService } from './family-lifecycle.service';

describe('FamilyLifecycleService.holdSharingFamiliesWithExpiredChecks (DESIGN §4.1)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('puts approved families with an expired check on hold, once, audited, naming their live link-ups', async () => {
    const site = await makeSite(t.app);
    const coach = await makeUser(t.app, { role: 'coach', siteId: site.id });
    const now = t.clock.daysFromNow(90);
    // Days on the site's calendar (a new site keeps the programme's default time zone).
    const day = (days: number): string => addDays(calendarDateIn(now, DEFAULT_TIME_ZONE), days);
    // Valid on approval (today), expired by `now`.
    const expiring = await makeApprovedSharingFamily(t.app, coach, {
      checkExpiries: [day(3000), day(-1)],
    });
    const current = await makeApprovedSharingFamily(t.app, coach, { checkExpiries: [day(0)] });
    const expiredIdle = await makeApprovedSharingFamily(t.app, coach, { checkExpiries: [day(-45)] });
    const seeking = await makeSeekingFamily(t.app, coach);
    const dataSource = t.app.get(DataSource);
    const linkUp = await t.app.get(LinkUpsService).startLinkUp({
      siteId: site.id,
      seekingFamilyId: seeking.id,
      sharingFamilyId: expiring.id,
      coachId: coach.id,
      matchProposalId: null,
      startedAt: t.clock.now(),
      actorId: coach.id,
    });

    const families = t.app.get(FamilyLifecycleService);
    const first = await families.holdSharingFamiliesWithExpiredChecks(now);
    expect([...first.heldFamilyIds].sort()).toEqual([expiring.id, expiredIdle.id].sort());
    expect(first.affectedLinkUps).toEqual([
      { linkUpId: linkUp.id, sharingFamilyId: expiring.id, coachId: coach.id },
    ]);

    const statuses = await dataSource.query<{ id: string; status: string }[]>(
      'SELECT id, status FROM families WHERE id = ANY($1::uuid[])',
      [[expiring.id, current.id, expiredIdle.id]],
    );
    expect(Object.fromEntries(statuses.map((r) => [r.id, r.status]))).toEqual({
      [expiring.id]: 'on_hold',
      [current.id]: 'approved',
      [expiredIdle.id]: 'on_hold',
    });
    const audit = await dataSource.query<{ entity_id: string; actor_id: string | null }[]>(
      `SELECT entity_id, actor_id FROM audit_events WHERE action = 'family.held_for_checks'`,
    );
    expect(audit.map((r) => r.entity_id).sort()).toEqual([expiring.id, expiredIdle.id].sort());

    // Idempotent: nothing more to hold, nothing written.
    const second = await families.holdSharingFamiliesWithExpiredChecks(now);
    expect(second).toEqual({ heldFamilyIds: [], affectedLinkUps: [] });
    const auditAfter = await dataSource.query<unknown[]>(
      `SELECT 1 FROM audit_events WHERE action = 'family.held_for_checks'`,
    );
    expect(auditAfter).toHaveLength(2);
  });
});

/** Families and consents take their transaction from the TransactionContext, not a `manager` (issue 13). */
describe('families in the transaction of the async context', () => {
  let t: TestApp;
  let coach: User;
  let families: FamiliesService;
  let lifecycle: FamilyLifecycleService;
  let consents: ConsentsService;
  let transactions: TransactionContext;
  const failure = new Error('boom');

  /** The family's status, people, status history and consents, and the audit lines of the caller's request. */
  const written = async (
    familyId: string,
    caller: Caller,
  ): Promise<{ status: string | null; people: number; events: number; consents: number; audit: number }> => {
    const [row] = await t.app
      .get(DataSource)
      .query<{ status: string | null; people: number; events: number; consents: number; audit: number }[]>(
        `SELECT (SELECT status FROM families WHERE id = $1) AS status,
              (SELECT count(*)::int FROM people WHERE family_id = $1) AS people,
              (SELECT count(*)::int FROM family_status_events WHERE family_id = $1) AS events,
              (SELECT count(*)::int FROM consents WHERE family_id = $1) AS consents,
              (SELECT count(*)::int FROM audit_events WHERE request_id = $2) AS audit`,
        [familyId, caller.requestId],
      );
    return row;
  };

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    const site = await makeSite(t.app);
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id });
    families = t.app.get(FamiliesService);
    lifecycle = t.app.get(FamilyLifecycleService);
    consents = t.app.get(ConsentsService);
    transactions = t.app.get(TransactionContext);
  });
  afterAll(() => t.close());

  it('registers a family in the run it is called in: the run failing takes back the family and its audit line', async () => {
    const caller = callerOf(coach);
    let familyId = '';
    await expect(
      transactions.run(async () => {
        const family = await families.registerFamily(caller, {
          kind: 'seeking',
          displayName: 'The family of a failing run',
          siteId: coach.siteId as string,
          languages: ['english'],
        });
        familyId = family.id;
        // Read in the run: the family is there, and the caller's read sees it.
        expect((await families.getFamilyInScope(caller.actor, family.id)).id).toBe(family.id);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(familyId).not.toBe('');
    expect(await written(familyId, caller)).toEqual({
      status: null,
      people: 0,
      events: 0,
      consents: 0,
      audit: 0,
    });
  });

  it('changes a family, its people, status and consents in the run: the run failing takes back all of it', async () => {
    const family = await makeFamily(t.app, coach, 'sharing');
    const caller = callerOf(coach);
    await expect(
      transactions.run(async () => {
        await families.addPerson(caller, family.id, { role: 'adult', preferredName: 'Sam' });
        expect(await consents.grantConsent(caller, family.id, 'participation')).toEqual({ changed: true });
        await lifecycle.changeFamilyStatus(caller, family.id, { to: 'in_training', version: family.version });
        expect(await consents.isConsentGranted(family.id, 'participation')).toBe(true);
        expect(await lifecycle.statusHistory(family.id)).toHaveLength(1);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await written(family.id, caller)).toEqual({
      status: 'enquiry',
      people: 0,
      events: 0,
      consents: 0,
      audit: 0,
    });
    expect(await consents.isConsentGranted(family.id, 'participation')).toBe(false);
  });

  it("joins the transaction of a caller that still threads a manager (within): its rollback takes back the family's move", async () => {
    const seeking = await makeSeekingFamily(t.app, coach);
    const caller = callerOf(coach);
    await expect(
      t.app.get(DataSource).transaction(async (manager) => {
        await transactions.within(manager, async () => {
          const locked = await families.lockFamilyInScope(caller.actor, seeking.id);
          await lifecycle.recordLinked(locked, {
            linkUpId: randomUUID(),
            actorId: coach.id,
            at: t.clock.now(),
          });
        });
        const [row] = await manager.query<{ status: string }[]>('SELECT status FROM families WHERE id = $1', [
          seeking.id,
        ]);
        expect(row.status).toBe('linked');
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect((await families.getFamilyInScope(caller.actor, seeking.id)).status).toBe('choosing');
    expect(await lifecycle.statusHistory(seeking.id)).toHaveLength(2);
  });

  it('skips a second open grant of a consent without aborting the transaction it is written in', async () => {
    const family = await makeFamily(t.app, coach, 'seeking');
    const grant = {
      familyId: family.id,
      kind: 'evaluation_use' as const,
      grantedAt: t.clock.now(),
      grantedBy: coach.id,
    };
    const repository = t.app.get(ConsentsRepository);
    const inserted = await transactions.run(async () => {
      const first = await repository.insertGrant(grant);
      // What a concurrent grant that passed the "already granted?" read would run.
      const second = await repository.insertGrant(grant);
      // The transaction is still usable after the skipped conflict.
      expect(await repository.isGranted(family.id, 'evaluation_use')).toBe(true);
      return [first, second];
    });
    expect(inserted).toEqual([true, false]);
    const [{ open }] = await t.app
      .get(DataSource)
      .query<{ open: number }[]>(
        'SELECT count(*)::int AS open FROM consents WHERE family_id = $1 AND withdrawn_at IS NULL',
        [family.id],
      );
    expect(open).toBe(1);
  });

  it('commits a family registered outside any run in a transaction of its own', async () => {
    const caller = callerOf(coach);
    const family = await families.registerFamily(caller, {
      kind: 'sharing',
      displayName: 'The family outside a run',
      siteId: coach.siteId as string,
      languages: ['english'],
    });
    expect(await written(family.id, caller)).toEqual({
      status: 'enquiry',
      people: 0,
      events: 0,
      consents: 0,
      audit: 1,
    });
  });
});
