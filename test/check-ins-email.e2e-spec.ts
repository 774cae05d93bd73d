import { CheckIn, Notification, NotificationsService, type User } from '@app/core';
import { JobProducer } from '@app/queue';
import {
  makeSite,
  makeUser,
  secondsCadence,
  setCheckInCadences,
  startTestLinkUp,
  TestSmtpServer,
  waitFor,
} from '@app/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { reconcilerOf, startTestApp, type TestApp } from './support/test-app';

describe('notification emails over SMTP', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let coach: User;
  let supervisor: User;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await startTestApp({
      env: {
        SMTP_URL: smtp.url,
        SMTP_FROM: 'programme@family-link.example.org',
        PUBLIC_URL: 'https://family-link.example.org/',
        RECONCILE_INTERVAL_MS: '600000',
      },
    });
    const site = await makeSite(t.app);
    const admin = await makeUser(t.app, { role: 'admin' });
    supervisor = await makeUser(t.app, { role: 'supervisor', siteId: site.id });
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id, supervisorId: supervisor.id });
    await setCheckInCadences(
      t.app,
      admin,
      secondsCadence({
        firstContactWithinMs: 300,
        cadenceMs: {
          sharing: { relationship_building: null, doing_with: null, doing_without: null },
          seeking: { relationship_building: null, doing_with: null, doing_without: null },
        },
        gracePeriodMs: 700,
      }),
    );
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('emails the coach when a check-in is due and the supervisor when it is missed: no names, no notes, a link', async () => {
    const linkUp = await startTestLinkUp(t.app, coach);
    const checkIn = await t.app
      .get(DataSource)
      .getRepository(CheckIn)
      .findOneByOrFail({ linkUpId: linkUp.id });
    // Both notices marked sent (the mark follows the email, so waiting for the emails alone races).
    await waitFor(
      async () =>
        (await t.app
          .get(DataSource)
          .getRepository(Notification)
          .countBy({ subjectId: checkIn.id, emailStatus: 'sent' })) === 2
          ? true
          : undefined,
      { what: 'both notices to be emailed', timeoutMs: 30_000 },
    );
    const toCoach = smtp.messages.find((m) => m.to.includes(coach.email));
    const toSupervisor = smtp.messages.find((m) => m.to.includes(supervisor.email));
    expect(toCoach?.from).toBe('programme@family-link.example.org');
    expect(toCoach?.subject).toBe('Family Link: A check-in is due');
    expect(toCoach?.text).toContain(`https://family-link.example.org/check-ins/${checkIn.id}`);
    expect(toSupervisor?.subject).toBe('Family Link: A check-in was missed');
    for (const message of smtp.messages) {
      // Family names (the factories' "Seeking …"/"Sharing …"), user names: none of them.
      expect(`${message.subject}\n${message.text}`).not.toMatch(
        /Seeking [0-9a-f]{6}|Sharing [0-9a-f]{6}|Test coach|Test supervisor/,
      );
    }
    const notices = await t.app.get(DataSource).getRepository(Notification).findBy({ subjectId: checkIn.id });
    expect(notices.map((n) => [n.kind, n.emailStatus]).sort()).toEqual([
      ['check_in_due', 'sent'],
      ['check_in_missed', 'sent'],
    ]);
    expect(smtp.messages.filter((m) => m.text.includes(checkIn.id))).toHaveLength(2);
  }, 60_000);

  it('a repeat after a crash between the relay’s acceptance and the mark carries the same Message-ID', async () => {
    const notifications = t.app.get(NotificationsService);
    const notice = await pendingNotice(0);
    expect(await notifications.sendEmail(notice.id)).toBe('sent');
    // The worker died after the relay said 250 and before the notice was marked: it is pending again.
    await t.app
      .get(DataSource)
      .getRepository(Notification)
      .update({ id: notice.id }, { emailStatus: 'pending', emailedAt: null });
    expect(await notifications.sendEmail(notice.id)).toBe('sent');
    const copies = smtp.messages.filter((m) => m.text.includes(notice.subjectId));
    expect(copies).toHaveLength(2);
    expect(copies[0].messageId).toBe(`<notification.${notice.id}@family-link.example.org>`);
    expect(new Set(copies.map((m) => m.messageId)).size).toBe(1);
    expect(await emailStatusOf(notice.id)).toBe('sent');
  }, 60_000);

  /** A notice for the coach with a pending email, written `ageMs` ago, and no job. */
  async function pendingNotice(ageMs: number): Promise<Notification> {
    const repository = t.app.get(DataSource).getRepository(Notification);
    const saved = await repository.save(
      repository.create({
        recipientId: coach.id,
        kind: 'concern_triage_overdue',
        subjectType: 'safeguarding_concern',
        subjectId: randomUUID(),
        linkUpId: null,
        facts: { severity: 'low', triageDueAt: t.clock.now().toISOString() },
        readAt: null,
        emailStatus: 'pending',
        emailedAt: null,
      }),
    );
    await repository.update({ id: saved.id }, { createdAt: new Date(t.clock.now().getTime() - ageMs) });
    return saved;
  }
  const emailStatusOf = async (id: string): Promise<string> =>
    (await t.app.get(DataSource).getRepository(Notification).findOneByOrFail({ id })).emailStatus;

  it('the reconciler re-derives the email job of a notice still pending after a minute', async () => {
    const stuck = await pendingNotice(2 * 60_000);
    const fresh = await pendingNotice(0);
    const report = await reconcilerOf(t.app).reconcile();
    expect(report.emailJobsRestored).toBeGreaterThanOrEqual(1);
    await waitFor(async () => ((await emailStatusOf(stuck.id)) === 'sent' ? true : undefined), {
      what: 'the stuck email to be sent',
      timeoutMs: 30_000,
    });
    expect(smtp.messages.filter((m) => m.text.includes(stuck.subjectId))).toHaveLength(1);
    // A notice written just now is left to its own job (none here: settle it for the next test).
    expect(await emailStatusOf(fresh.id)).toBe('pending');
    await t.app
      .get(DataSource)
      .getRepository(Notification)
      .update({ id: fresh.id }, { emailStatus: 'not_sent' });
  }, 60_000);

  it('a permanent refusal (5xx) marks the notice failed without retrying; a transient one (4xx) is retried', async () => {
    const notifications = t.app.get(NotificationsService);
    const refused = await pendingNotice(0);
    const attemptsBefore = smtp.mailFromCount;
    smtp.rejectNext(550);
    await notifications.dispatchEmails([refused.id]);
    await waitFor(async () => ((await emailStatusOf(refused.id)) === 'failed' ? true : undefined), {
      what: 'the refused email to be marked failed',
      timeoutMs: 30_000,
    });
    // The handler marks the notice failed before BullMQ records the job's end: wait for that too.
    // Failed, not delayed for a retry: and the relay saw one attempt. (BullMQ's PostgreSQL backend
    // leaves `attemptsMade` at 0 for an unrecoverable error, so the attempts are counted at the relay.)
    const producer = t.app.get(JobProducer);
    await waitFor(
      async () => {
        const found = await producer.findJob('notifications.email', { notificationId: refused.id });
        return found !== undefined && (await found.getState()) === 'failed' ? true : undefined;
      },
      { what: 'the refused email job to be failed' },
    );
    expect(smtp.mailFromCount - attemptsBefore).toBe(1);
    // The reconciler does not pick a failed email up again.
    await reconcilerOf(t.app).reconcile(new Date(t.clock.now().getTime() + 5 * 60_000));
    expect(await emailStatusOf(refused.id)).toBe('failed');

    const delayed = await pendingNotice(0);
    smtp.rejectNext(451);
    const dispatchedAt = t.clock.now().getTime();
    await notifications.dispatchEmails([delayed.id]);
    await waitFor(async () => ((await emailStatusOf(delayed.id)) === 'sent' ? true : undefined), {
      what: 'the deferred email to be retried and sent',
      timeoutMs: 30_000,
    });
    expect(smtp.messages.filter((m) => m.text.includes(refused.subjectId))).toEqual([]);
    // Sent by the retry, after the first backoff (a second), not by a first attempt.
    const sent = await t.app.get(DataSource).getRepository(Notification).findOneByOrFail({ id: delayed.id });
    expect((sent.emailedAt as Date).getTime() - dispatchedAt).toBeGreaterThanOrEqual(900);
  }, 180_000);
});
