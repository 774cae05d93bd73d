import { CheckIn, Notification, type User } from '@app/core';
import {
  makeSite,
  makeUser,
  secondsCadence,
  setCheckInCadences,
  startTestLinkUp,
  TestSmtpServer,
  waitFor,
} from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app';

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
    await waitFor(() => (smtp.messages.length >= 2 ? true : undefined), {
      what: 'two emails',
      timeoutMs: 15_000,
    });
    const toCoach = smtp.messages.find((m) => m.to.includes(coach.email));
    const toSupervisor = smtp.messages.find((m) => m.to.includes(supervisor.email));
    expect(toCoach?.from).toBe('programme@family-link.example.org');
    expect(toCoach?.data).toContain('Subject: Family Link: A check-in is due');
    expect(toCoach?.data).toContain(`https://family-link.example.org/check-ins/${checkIn.id}`);
    expect(toSupervisor?.data).toContain('Subject: Family Link: A check-in was missed');
    for (const message of smtp.messages) {
      // Family names (the factories' "Seeking …"/"Sharing …"), user names: none of them.
      expect(message.data).not.toMatch(/Seeking [0-9a-f]{6}|Sharing [0-9a-f]{6}|Test coach|Test supervisor/);
    }
    const notices = await t.app.get(DataSource).getRepository(Notification).findBy({ subjectId: checkIn.id });
    expect(notices.map((n) => [n.kind, n.emailStatus]).sort()).toEqual([
      ['check_in_due', 'sent'],
      ['check_in_missed', 'sent'],
    ]);
    expect(smtp.messages).toHaveLength(2);
  }, 30_000);
});
