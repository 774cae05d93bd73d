import { addDays, calendarDateIn, DEFAULT_TIME_ZONE } from '../clock';
import { makeApprovedSharingFamily, makeSeekingFamily, makeSite, makeUser } from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { LinkUpsService } from '../link-ups';
import { FamiliesService } from './families.service';

describe('FamiliesService.holdSharingFamiliesWithExpiredChecks (DESIGN §4.1)', () => {
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

    const families = t.app.get(FamiliesService);
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
