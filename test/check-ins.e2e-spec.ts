import {
  AuditEvent,
  CheckIn,
  CheckInSweepsService,
  LinkUp,
  Notification,
  NotificationsService,
  SafeguardingConcern,
  SafeguardingConcernEntry,
  SafeguardingService,
  TriageDeadlinesService,
  UsersService,
  type User,
} from '@app/core';
import { JobProducer, sweepAt } from '@app/queue';
import { insertScheduledCheckIn, makeSite, makeUser, startTestLinkUp, tokenFor, waitFor } from '@app/testing';
import { DataSource } from 'typeorm';
import { reconcilerOf, startTestApp, type TestApp } from './support/test-app';

describe('check-ins, safeguarding concerns and the inbox over HTTP', () => {
  let t: TestApp;
  let admin: User;
  let supervisor: User;
  let coach: User;
  let otherCoach: User;
  let familyUser: User;
  const token = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    const site = await makeSite(t.app);
    admin = await makeUser(t.app, { role: 'admin' });
    supervisor = await makeUser(t.app, { role: 'supervisor', siteId: site.id });
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id, supervisorId: supervisor.id });
    otherCoach = await makeUser(t.app, { role: 'coach', siteId: site.id, supervisorId: supervisor.id });
    familyUser = await makeUser(t.app, { role: 'family', siteId: site.id });
    for (const user of [admin, supervisor, coach, otherCoach, familyUser]) {
      token.set(user.id, `Bearer ${await tokenFor(t.app, user)}`);
    }
  });
  afterAll(() => t.close());

  const db = (): DataSource => t.app.get(DataSource);
  const as = (user: User): string => token.get(user.id) as string;
  const firstCheckIn = async (linkUpId: string): Promise<CheckIn> =>
    db()
      .getRepository(CheckIn)
      .findOneOrFail({ where: { linkUpId }, order: { dueAt: 'ASC' } });
  const held = (version: number, extra: object = {}) => ({
    heldAt: new Date(t.clock.now().getTime() - 60_000).toISOString(),
    mode: 'phone',
    notes: 'Talked about the school run.',
    relationshipRating: 4,
    wellbeingRating: 3,
    version,
    ...extra,
  });

  describe('GET /api/check-ins', () => {
    it('lists the caller’s caseload only, filtered by view', async () => {
      const mine = await startTestLinkUp(t.app, coach);
      const theirs = await startTestLinkUp(t.app, otherCoach);
      const res = await t
        .http()
        .get('/api/check-ins?view=upcoming&limit=200')
        .set('authorization', as(coach))
        .expect(200);
      const linkUps = new Set((res.body.items as { linkUpId: string }[]).map((i) => i.linkUpId));
      expect(linkUps.has(mine.id)).toBe(true);
      expect(linkUps.has(theirs.id)).toBe(false);
      const bySupervisor = await t
        .http()
        .get(`/api/check-ins?linkUpId=${theirs.id}`)
        .set('authorization', as(supervisor))
        .expect(200);
      // Default cadences: the first contact within 48 hours, then one per party.
      expect(
        (bySupervisor.body.items as { kind: string; party: string }[]).map((i) => [i.kind, i.party]),
      ).toEqual([
        ['first_contact', 'both'],
        ['cadence', 'sharing'],
        ['cadence', 'seeking'],
      ]);
      const none = await t
        .http()
        .get(`/api/check-ins?view=missed&linkUpId=${mine.id}`)
        .set('authorization', as(coach))
        .expect(200);
      expect(none.body).toMatchObject({ items: [], total: 0 });
      const bad = await t
        .http()
        .get('/api/check-ins?view=someday')
        .set('authorization', as(coach))
        .expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(bad.body.details)).toContain('view');
    });
  });

  describe('POST /api/check-ins/:id/complete', () => {
    it('records it held, takes its jobs off the queue, and audits it without the notes', async () => {
      const linkUp = await startTestLinkUp(t.app, coach);
      const checkIn = await firstCheckIn(linkUp.id);
      const producer = t.app.get(JobProducer);
      // Its due time has its sweep job (shared with any check-in due at the same moment).
      expect(await producer.findJob('check-ins.sweep', sweepAt(checkIn.dueAt))).toBeDefined();
      const res = await t
        .http()
        .post(`/api/check-ins/${checkIn.id}/complete`)
        .set('authorization', as(coach))
        .send(held(checkIn.version))
        .expect(200);
      expect(res.body).toMatchObject({
        id: checkIn.id,
        status: 'completed',
        mode: 'phone',
        notes: 'Talked about the school run.',
        relationshipRating: 4,
        wellbeingRating: 3,
        completedBy: coach.id,
        version: checkIn.version + 1,
      });
      expect(await producer.findJob('check-ins.sweep', sweepAt(checkIn.dueAt))).toBeUndefined();
      expect(await producer.findJob('check-ins.sweep', sweepAt(checkIn.overdueAt))).toBeUndefined();
      const audit = await db()
        .getRepository(AuditEvent)
        .findOneByOrFail({ action: 'check_in.completed', entityId: checkIn.id });
      expect(audit.details).toMatchObject({ mode: 'phone', hasNotes: true, relationshipRating: 4 });
      expect(JSON.stringify(audit.details)).not.toContain('school run');

      // Again: 409, nothing changed.
      const again = await t
        .http()
        .post(`/api/check-ins/${checkIn.id}/complete`)
        .set('authorization', as(coach))
        .send(held(checkIn.version + 1))
        .expect(409);
      expect(again.body.code).toBe('CHECK_IN.NOT_OPEN');
    });

    it('refuses a stale version with 409 and bad input with 400 naming the field, writing nothing', async () => {
      const linkUp = await startTestLinkUp(t.app, coach);
      const checkIn = await firstCheckIn(linkUp.id);
      const stale = await t
        .http()
        .post(`/api/check-ins/${checkIn.id}/complete`)
        .set('authorization', as(coach))
        .send(held(checkIn.version + 3))
        .expect(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
      for (const [body, field] of [
        [held(checkIn.version, { relationshipRating: 6 }), 'relationshipRating'],
        [held(checkIn.version, { wellbeingRating: 0 }), 'wellbeingRating'],
        [held(checkIn.version, { mode: 'telepathy' }), 'mode'],
        [held(checkIn.version, { heldAt: 'yesterday' }), 'heldAt'],
        [held(checkIn.version, { heldAt: t.clock.daysFromNow(1).toISOString() }), 'heldAt'],
        [held(checkIn.version, { concern: { severity: 'dire', description: 'x' } }), 'concern.severity'],
      ] as const) {
        const res = await t
          .http()
          .post(`/api/check-ins/${checkIn.id}/complete`)
          .set('authorization', as(coach))
          .send(body)
          .expect(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect((res.body.details.fields as { field: string }[]).map((f) => f.field)).toContain(field);
      }
      const after = await db().getRepository(CheckIn).findOneByOrFail({ id: checkIn.id });
      expect([after.status, after.version, after.heldAt]).toEqual(['scheduled', checkIn.version, null]);
    });

    it('answers 404 for a check-in on another coach’s caseload', async () => {
      const linkUp = await startTestLinkUp(t.app, otherCoach);
      const checkIn = await firstCheckIn(linkUp.id);
      const res = await t
        .http()
        .post(`/api/check-ins/${checkIn.id}/complete`)
        .set('authorization', as(coach))
        .send(held(checkIn.version))
        .expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
    });

    it('a high concern raised at a check-in pauses the link-up, tells the supervisor, cancels what is pending', async () => {
      const linkUp = await startTestLinkUp(t.app, coach);
      const checkIn = await firstCheckIn(linkUp.id);
      await t
        .http()
        .post(`/api/check-ins/${checkIn.id}/complete`)
        .set('authorization', as(coach))
        .send(
          held(checkIn.version, {
            concern: { severity: 'high', description: 'Bruises seen', source: 'family' },
          }),
        )
        .expect(200);
      const concern = await db()
        .getRepository(SafeguardingConcern)
        .findOneByOrFail({ checkInId: checkIn.id });
      expect(concern).toMatchObject({
        linkUpId: linkUp.id,
        severity: 'high',
        status: 'open',
        source: 'family',
      });
      expect(concern.triageDueAt.getTime() - concern.raisedAt.getTime()).toBeCloseTo(24 * 3600_000, -4);
      expect((await db().getRepository(LinkUp).findOneByOrFail({ id: linkUp.id })).status).toBe('paused');
      const pending = await db()
        .getRepository(CheckIn)
        .find({
          where: [
            { linkUpId: linkUp.id, status: 'scheduled' },
            { linkUpId: linkUp.id, status: 'due' },
          ],
        });
      expect(pending).toEqual([]);
      const notices = await db().getRepository(Notification).findBy({ subjectId: concern.id });
      expect(notices.map((n) => [n.kind, n.recipientId])).toEqual([['concern_urgent', supervisor.id]]);
      expect(JSON.stringify(notices[0].facts)).not.toContain('Bruises');
      expect(
        await t.app.get(JobProducer).findJob('safeguarding.triage-overdue', { concernId: concern.id }),
      ).toBeDefined();
    });
  });

  describe('safeguarding concerns', () => {
    it('raises, lists and reads with an audit line each; never for family users', async () => {
      const linkUp = await startTestLinkUp(t.app, coach);
      const raised = await t
        .http()
        .post('/api/safeguarding-concerns')
        .set('authorization', as(coach))
        .send({ linkUpId: linkUp.id, severity: 'medium', description: 'Worried about the housing.' })
        .expect(201);
      const id = raised.body.id as string;
      expect(raised.body).toMatchObject({
        severity: 'medium',
        status: 'open',
        linkUpId: linkUp.id,
        version: 1,
      });
      // Not urgent: the link-up carries on.
      expect((await db().getRepository(LinkUp).findOneByOrFail({ id: linkUp.id })).status).toBe('active');

      const list = await t
        .http()
        .get('/api/safeguarding-concerns?status=open')
        .set('authorization', as(supervisor))
        .expect(200);
      expect((list.body.items as { id: string }[]).map((i) => i.id)).toContain(id);
      const foreign = await t
        .http()
        .get(`/api/safeguarding-concerns/${id}`)
        .set('authorization', as(otherCoach))
        .expect(404);
      expect(foreign.body.code).toBe('NOT_FOUND');
      const one = await t
        .http()
        .get(`/api/safeguarding-concerns/${id}`)
        .set('authorization', as(supervisor))
        .expect(200);
      expect((one.body.entries as { kind: string }[]).map((e) => e.kind)).toEqual(['raised']);
      // Staff see the families concerned by name, and who wrote each entry (the web app's lists).
      const names = ['Seeking ', 'Sharing '].map((prefix) => expect.stringContaining(prefix) as unknown);
      expect(raised.body.familyNames).toEqual(names);
      expect(one.body.familyNames).toEqual(names);
      expect(
        (list.body.items as { id: string; familyNames: string[] }[]).find((i) => i.id === id)?.familyNames,
      ).toEqual(names);
      expect(one.body.entries[0]).toMatchObject({ actorId: coach.id, actorName: coach.displayName });
      await t.http().get(`/api/safeguarding-concerns/${id}`).set('authorization', as(familyUser)).expect(403);
      await t.http().get('/api/safeguarding-concerns').set('authorization', as(familyUser)).expect(403);

      const reads = await db()
        .getRepository(AuditEvent)
        .findBy({ action: 'safeguarding_concern.read', entityId: id });
      expect(reads.map((r) => r.actorId)).toEqual([supervisor.id]);
      const listed = await db()
        .getRepository(AuditEvent)
        .findBy({ action: 'safeguarding_concern.listed', actorId: supervisor.id });
      expect(listed.some((l) => (l.details?.ids as string[]).includes(id))).toBe(true);
      const raisedAudit = await db()
        .getRepository(AuditEvent)
        .findOneByOrFail({ action: 'safeguarding_concern.raised', entityId: id });
      expect(JSON.stringify(raisedAudit.details)).not.toContain('housing');

      const bad = await t
        .http()
        .post('/api/safeguarding-concerns')
        .set('authorization', as(coach))
        .send({ severity: 'low', description: 'No subject' })
        .expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
    });

    it('triage adds entries (never rewrites), applies the effect, checks the version; closed is final', async () => {
      const linkUp = await startTestLinkUp(t.app, coach);
      const raised = await t
        .http()
        .post('/api/safeguarding-concerns')
        .set('authorization', as(coach))
        .send({ linkUpId: linkUp.id, severity: 'immediate_danger', description: 'Threat reported.' })
        .expect(201);
      const id = raised.body.id as string;
      expect((await db().getRepository(LinkUp).findOneByOrFail({ id: linkUp.id })).status).toBe('paused');

      const triaged = await t
        .http()
        .post(`/api/safeguarding-concerns/${id}/triage`)
        .set('authorization', as(supervisor))
        .send({
          decision: 'referred_to_child_protection',
          linkUpEffect: 'none',
          note: 'Called CP line.',
          version: 1,
        })
        .expect(200);
      expect(triaged.body).toMatchObject({ status: 'triaged', version: 2 });
      expect(
        await t.app.get(JobProducer).findJob('safeguarding.triage-overdue', { concernId: id }),
      ).toBeUndefined();

      const stale = await t
        .http()
        .post(`/api/safeguarding-concerns/${id}/triage`)
        .set('authorization', as(supervisor))
        .send({ decision: 'monitor', linkUpEffect: 'resume', version: 1 })
        .expect(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');

      const amended = await t
        .http()
        .post(`/api/safeguarding-concerns/${id}/triage`)
        .set('authorization', as(supervisor))
        .send({ decision: 'monitor', linkUpEffect: 'resume', severity: 'medium', close: true, version: 2 })
        .expect(200);
      expect(amended.body).toMatchObject({ status: 'closed', severity: 'medium', version: 3 });
      expect(
        (amended.body.entries as { kind: string; status: string }[]).map((e) => [e.kind, e.status]),
      ).toEqual([
        ['raised', 'open'],
        ['triaged', 'triaged'],
        ['amended', 'closed'],
      ]);
      expect(amended.body.entries[0].severity).toBe('immediate_danger');
      expect((await db().getRepository(LinkUp).findOneByOrFail({ id: linkUp.id })).status).toBe('active');
      // Resumed: check-ins are planned again.
      expect(
        await db().getRepository(CheckIn).countBy({ linkUpId: linkUp.id, status: 'scheduled' }),
      ).toBeGreaterThan(0);

      const closed = await t
        .http()
        .post(`/api/safeguarding-concerns/${id}/triage`)
        .set('authorization', as(supervisor))
        .send({ decision: 'monitor', linkUpEffect: 'none', version: 3 })
        .expect(409);
      expect(closed.body.code).toBe('SAFEGUARDING.CONCERN_CLOSED');

      // The history is append-only in the database too.
      await expect(
        db().query('UPDATE safeguarding_concern_entries SET note = NULL WHERE concern_id = $1', [id]),
      ).rejects.toThrow(/append-only/);
    });

    it('a triage deadline that passes untriaged escalates to every admin, once', async () => {
      const linkUp = await startTestLinkUp(t.app, coach);
      const raised = await t
        .http()
        .post('/api/safeguarding-concerns')
        .set('authorization', as(coach))
        .send({ linkUpId: linkUp.id, severity: 'low', description: 'Small worry.' })
        .expect(201);
      const concern = await db().getRepository(SafeguardingConcern).findOneByOrFail({ id: raised.body.id });
      const deadlines = t.app.get(TriageDeadlinesService);
      expect(await deadlines.escalateOverdueTriage(concern.id)).toBe('not_yet');
      const later = new Date(concern.triageDueAt.getTime() + 1_000);
      expect(await deadlines.escalateOverdueTriage(concern.id, later)).toBe('escalated');
      expect(await deadlines.escalateOverdueTriage(concern.id, later)).toBe('already_escalated');
      const notices = await db().getRepository(Notification).findBy({ subjectId: concern.id });
      expect(notices.map((n) => [n.kind, n.recipientId])).toEqual([['concern_triage_overdue', admin.id]]);
      const entries = await db()
        .getRepository(SafeguardingConcernEntry)
        .find({ where: { concernId: concern.id }, order: { at: 'ASC' } });
      expect(entries.map((e) => [e.kind, e.actorId])).toEqual([
        ['raised', coach.id],
        ['escalated', null],
      ]);
    });
  });

  describe('safeguarding guards and urgent paths', () => {
    const raise = async (body: object): Promise<string> =>
      (
        await t
          .http()
          .post('/api/safeguarding-concerns')
          .set('authorization', as(coach))
          .send(body)
          .expect(201)
      ).body.id as string;
    const statusOf = async (linkUpId: string): Promise<string> =>
      (await db().getRepository(LinkUp).findOneByOrFail({ id: linkUpId })).status;

    it('a triage resume runs the resume guard after the concern’s own change: another open urgent concern keeps it paused (409)', async () => {
      const linkUp = await startTestLinkUp(t.app, coach);
      const first = await raise({ linkUpId: linkUp.id, severity: 'high', description: 'One.' });
      const second = await raise({ linkUpId: linkUp.id, severity: 'immediate_danger', description: 'Two.' });
      expect(await statusOf(linkUp.id)).toBe('paused');

      const refused = await t
        .http()
        .post(`/api/safeguarding-concerns/${first}/triage`)
        .set('authorization', as(supervisor))
        .send({ decision: 'monitor', linkUpEffect: 'resume', close: true, version: 1 })
        .expect(409);
      expect(refused.body.code).toBe('LINK_UP.GUARD_FAILED');
      expect(refused.body.details.unmetGuards).toEqual(['NO_OPEN_URGENT_SAFEGUARDING_CONCERN']);
      // Nothing of the refused triage stays: the concern is as it was, the link-up still paused.
      expect(await db().getRepository(SafeguardingConcern).findOneByOrFail({ id: first })).toMatchObject({
        status: 'open',
        version: 1,
      });
      expect(await statusOf(linkUp.id)).toBe('paused');

      // Triaged but not closed, the concern itself still counts.
      await t
        .http()
        .post(`/api/safeguarding-concerns/${second}/triage`)
        .set('authorization', as(supervisor))
        .send({ decision: 'monitor', linkUpEffect: 'none', close: true, version: 1 })
        .expect(200);
      const stillOpen = await t
        .http()
        .post(`/api/safeguarding-concerns/${first}/triage`)
        .set('authorization', as(supervisor))
        .send({ decision: 'monitor', linkUpEffect: 'resume', version: 1 })
        .expect(409);
      expect(stillOpen.body.details.unmetGuards).toEqual(['NO_OPEN_URGENT_SAFEGUARDING_CONCERN']);

      const resumed = await t
        .http()
        .post(`/api/safeguarding-concerns/${first}/triage`)
        .set('authorization', as(supervisor))
        .send({ decision: 'monitor', linkUpEffect: 'resume', close: true, version: 1 })
        .expect(200);
      expect(resumed.body).toMatchObject({ status: 'closed', version: 2 });
      expect(await statusOf(linkUp.id)).toBe('active');
    });

    it('an urgent concern about a family alone pauses the family’s live link-up and blocks its resume', async () => {
      const linkUp = await startTestLinkUp(t.app, coach);
      const id = await raise({ familyId: linkUp.sharingFamilyId, severity: 'high', description: 'Family.' });
      expect(await statusOf(linkUp.id)).toBe('paused');
      expect(await db().getRepository(CheckIn).countBy({ linkUpId: linkUp.id, status: 'scheduled' })).toBe(0);
      const paused = await db().getRepository(LinkUp).findOneByOrFail({ id: linkUp.id });
      const refused = await t
        .http()
        .post(`/api/link-ups/${linkUp.id}/transitions`)
        .set('authorization', as(coach))
        .send({ to: 'active', version: paused.version })
        .expect(409);
      expect(refused.body.code).toBe('LINK_UP.GUARD_FAILED');
      expect(refused.body.details.unmetGuards).toEqual(['NO_OPEN_URGENT_SAFEGUARDING_CONCERN']);
      const safeguarding = t.app.get(SafeguardingService);
      expect(await safeguarding.countOpenConcernsForLinkUp(paused)).toBe(1);
      expect(await safeguarding.countOpenUrgentConcernsForLinkUp(paused)).toBe(1);

      await t
        .http()
        .post(`/api/safeguarding-concerns/${id}/triage`)
        .set('authorization', as(supervisor))
        .send({ decision: 'monitor', linkUpEffect: 'none', close: true, version: 1 })
        .expect(200);
      await t
        .http()
        .post(`/api/link-ups/${linkUp.id}/transitions`)
        .set('authorization', as(coach))
        .send({ to: 'active', version: paused.version })
        .expect(200);
      expect(await statusOf(linkUp.id)).toBe('active');
    });

    it('raising the severity to high at triage runs the urgent path: the supervisor is told and the link-up paused', async () => {
      const linkUp = await startTestLinkUp(t.app, coach);
      const id = await raise({ linkUpId: linkUp.id, severity: 'medium', description: 'Later worse.' });
      expect(await statusOf(linkUp.id)).toBe('active');
      await t
        .http()
        .post(`/api/safeguarding-concerns/${id}/triage`)
        .set('authorization', as(supervisor))
        .send({ decision: 'monitor', linkUpEffect: 'none', severity: 'high', version: 1 })
        .expect(200);
      expect(await statusOf(linkUp.id)).toBe('paused');
      const notices = await db().getRepository(Notification).findBy({ subjectId: id });
      expect(notices.map((n) => [n.kind, n.recipientId])).toEqual([['concern_urgent', supervisor.id]]);
    });
  });

  describe('handlers and the reconciler', () => {
    /** A scheduled ad hoc check-in on the link-up, due (and overdue) at the given times. */
    const checkInAt = (linkUpId: string, dueAt: Date, overdueAt: Date): Promise<string> =>
      insertScheduledCheckIn(t.app, linkUpId, dueAt, overdueAt);

    it('a due notice waits for a pause being written on the link-up, then sees it and writes nothing', async () => {
      const linkUp = await startTestLinkUp(t.app, coach);
      const id = await checkInAt(
        linkUp.id,
        new Date(t.clock.now().getTime() - 1_000),
        new Date(t.clock.now().getTime() + 3_600_000),
      );
      const pausing = db().createQueryRunner();
      await pausing.connect();
      let marking: Promise<string> | null = null;
      try {
        await pausing.startTransaction();
        await pausing.query('SELECT id FROM link_ups WHERE id = $1 FOR UPDATE', [linkUp.id]);
        await pausing.query(
          `UPDATE link_ups SET status = 'paused', paused_since = $2, version = version + 1 WHERE id = $1`,
          [linkUp.id, t.clock.now()],
        );
        let settled = false;
        marking = t.app
          .get(CheckInSweepsService)
          .markDue(id)
          .finally(() => (settled = true));
        // Either it finished without waiting (reading the link-up unlocked), or it waits on the lock.
        await waitFor(
          async () => {
            if (settled) return true;
            const [row] = await db().query<{ n: number }[]>(
              `SELECT count(*)::int AS n FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            );
            return row.n > 0 ? true : undefined;
          },
          { what: 'markDue to finish or wait for the link-up', timeoutMs: 20_000 },
        );
        await pausing.commitTransaction();
      } finally {
        if (pausing.isTransactionActive) await pausing.rollbackTransaction();
        await pausing.release();
      }
      expect(await marking).toBe('link_up_not_active');
      expect(await db().getRepository(Notification).countBy({ subjectId: id })).toBe(0);
    });

    it('one failing item does not stop the reconciler: every phase runs and the errors are counted', async () => {
      const broken = await startTestLinkUp(t.app, coach);
      const fine = await startTestLinkUp(t.app, coach);
      const past = new Date(t.clock.now().getTime() - 60_000);
      const brokenId = await checkInAt(broken.id, past, past);
      const fineId = await checkInAt(fine.id, past, past);
      // The broken link-up's notices cannot be written (the sweep writes them set-based, so the
      // failure is injected there): its check-in fails, the fine one goes through.
      const notifications = t.app.get(NotificationsService);
      const original = notifications.notifyMany.bind(notifications);
      const spy = jest
        .spyOn(notifications, 'notifyMany')
        .mockImplementation((notices) =>
          notices.some((notice) => notice.linkUpId === broken.id)
            ? Promise.reject(new Error('broken row'))
            : original(notices),
        );
      const concern = await t
        .http()
        .post('/api/safeguarding-concerns')
        .set('authorization', as(coach))
        .send({ linkUpId: fine.id, severity: 'low', description: 'Escalate me.' })
        .expect(201);
      const dueAt = (await db().getRepository(SafeguardingConcern).findOneByOrFail({ id: concern.body.id }))
        .triageDueAt;
      let report;
      try {
        report = await reconcilerOf(t.app).reconcile(new Date(dueAt.getTime() + 1_000));
      } finally {
        spy.mockRestore();
      }
      expect(report.errors).toBeGreaterThan(0);
      expect((await db().getRepository(CheckIn).findOneByOrFail({ id: fineId })).status).toBe('missed');
      expect((await db().getRepository(CheckIn).findOneByOrFail({ id: brokenId })).status).toBe('scheduled');
      // The later phases ran too: the triage deadline escalated, the broken row's jobs derived again.
      expect(report.concernsEscalated).toBeGreaterThanOrEqual(1);
      expect(await t.app.get(JobProducer).findJob('check-ins.sweep', sweepAt(past))).toBeDefined();
    });

    it('escalations reach the coach’s own supervisor only when it is one; a site with none falls back to the admins', async () => {
      const users = t.app.get(UsersService);
      const site = await makeSite(t.app);
      const lonelyCoach = await makeUser(t.app, { role: 'coach', siteId: site.id });
      expect((await users.findSupervisorsFor(site.id, lonelyCoach.id)).map((u) => u.role)).toEqual(
        expect.arrayContaining(['admin']),
      );
      expect(
        (await users.findSupervisorsFor(site.id, lonelyCoach.id)).every(
          (u) => u.role === 'admin' && u.active,
        ),
      ).toBe(true);
      // A coach whose "supervisor" is another coach: the site's supervisors are told instead.
      const peer = await makeUser(t.app, { role: 'coach', siteId: coach.siteId });
      const misfiled = await makeUser(t.app, { role: 'coach', siteId: coach.siteId });
      await db().query('UPDATE users SET supervisor_id = $1 WHERE id = $2', [peer.id, misfiled.id]);
      const recipients = await users.findSupervisorsFor(coach.siteId as string, misfiled.id);
      expect(recipients.map((u) => u.id)).toContain(supervisor.id);
      expect(recipients.map((u) => u.id)).not.toContain(peer.id);
    });
  });

  describe('the inbox', () => {
    it('shows each user its own notices, without names or notes, and marks them read', async () => {
      const linkUp = await startTestLinkUp(t.app, coach);
      await t
        .http()
        .post('/api/safeguarding-concerns')
        .set('authorization', as(coach))
        .send({ linkUpId: linkUp.id, severity: 'high', description: 'Secret detail.' })
        .expect(201);
      const inbox = await t
        .http()
        .get('/api/notifications?unreadOnly=true')
        .set('authorization', as(supervisor))
        .expect(200);
      const notice = (
        inbox.body.items as { id: string; kind: string; title: string; text: string; link: string }[]
      ).find((n) => n.kind === 'concern_urgent');
      expect(notice).toBeDefined();
      expect(notice?.link).toMatch(/^http:\/\/localhost:3000\/safeguarding-concerns\/[0-9a-f-]{36}$/);
      expect(JSON.stringify(inbox.body)).not.toMatch(/Secret detail|Seeking [0-9a-f]{6}|Sharing [0-9a-f]{6}/);
      const unreadBefore = inbox.body.unread as number;

      await t
        .http()
        .post(`/api/notifications/${notice?.id}/read`)
        .set('authorization', as(coach))
        .expect(404);
      const read = await t
        .http()
        .post(`/api/notifications/${notice?.id}/read`)
        .set('authorization', as(supervisor))
        .expect(200);
      expect(read.body.readAt).not.toBeNull();
      const after = await t.http().get('/api/notifications').set('authorization', as(supervisor)).expect(200);
      expect(after.body.unread).toBe(unreadBefore - 1);
      const family = await t
        .http()
        .get('/api/notifications')
        .set('authorization', as(familyUser))
        .expect(200);
      expect(family.body).toMatchObject({ items: [], total: 0 });
    });
  });
});
