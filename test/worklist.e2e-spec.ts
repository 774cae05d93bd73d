import { CheckIn, SafeguardingService, type User } from '@app/core';
import {
  callerOf,
  makeApprovedSharingFamily,
  makeFamily,
  makeSeekingFamily,
  makeSite,
  makeUser,
  startTestLinkUp,
  tokenFor,
} from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app';

interface Worklist {
  today: string;
  checkIns: { id: string; linkUpId: string; urgency: string; seekingFamilyName: string; coachName: string }[];
  linkUps: {
    id: string;
    seekingFamilyName: string;
    stage: string;
    status: string;
    nextTarget: string | null;
    unmetGuards: string[];
    openConcerns: number;
    coachId: string;
  }[];
  waitingFamilies: { id: string; displayName: string; weeksWaiting: number; coachName: string }[];
  sharingFamilies: { id: string; reason: string; checkExpiresOn: string | null }[];
  concerns: {
    id: string;
    severity: string;
    familyNames: string[];
    minutesToTriageDeadline: number;
    coachId: string;
  }[];
}

/** `GET /api/worklist`: a coach's day in one request, scoped like every list (DESIGN §6, issue 14). */
describe('GET /api/worklist', () => {
  let t: TestApp;
  let supervisor: User;
  let coach: User;
  let otherCoach: User;
  let evaluator: User;
  const token = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    const site = await makeSite(t.app);
    supervisor = await makeUser(t.app, { role: 'supervisor', siteId: site.id });
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id, supervisorId: supervisor.id });
    otherCoach = await makeUser(t.app, { role: 'coach', siteId: site.id, supervisorId: supervisor.id });
    evaluator = await makeUser(t.app, { role: 'evaluator' });
    for (const user of [supervisor, coach, otherCoach, evaluator]) {
      token.set(user.id, `Bearer ${await tokenFor(t.app, user)}`);
    }
  });
  afterAll(() => t.close());

  const worklistOf = async (user: User): Promise<Worklist> =>
    (
      await t
        .http()
        .get('/api/worklist')
        .set('authorization', token.get(user.id) as string)
        .expect(200)
    ).body as Worklist;

  it('gives a coach its check-ins, link-ups with unmet guards, waiting families, Sharing families and concerns, with names', async () => {
    const linkUp = await startTestLinkUp(t.app, coach, { startedAt: t.clock.now() });
    const waiting = await makeSeekingFamily(t.app, coach, { displayName: 'The Waiting family' });
    const training = await makeFamily(t.app, coach, 'sharing', { displayName: 'The Training family' });
    const expiring = await makeApprovedSharingFamily(t.app, coach, {
      displayName: 'The Expiring family',
      checkExpiries: [t.clock.todayPlus(20)],
    });
    const approvedForYears = await makeApprovedSharingFamily(t.app, coach, {
      checkExpiries: [t.clock.todayPlus(3 * 365)],
    });
    const concern = await t.app.get(SafeguardingService).raiseConcern(callerOf(coach), {
      linkUpId: linkUp.id,
      severity: 'medium',
      description: 'Worried about the car seat.',
    });
    const elsewhere = await makeSeekingFamily(t.app, otherCoach, { displayName: 'The Other-coach family' });

    // The first-contact check-in is planned a few days on: the worklist shows it as coming soon…
    const firstContact = await t.app
      .get(DataSource)
      .getRepository(CheckIn)
      .findOneOrFail({ where: { linkUpId: linkUp.id, kind: 'first_contact' } });
    let w = await worklistOf(coach);
    expect(w.checkIns.map((c) => [c.id, c.urgency, c.seekingFamilyName])).toEqual([
      [firstContact.id, 'soon', expect.stringMatching(/^Seeking /)],
    ]);
    expect(w.linkUps).toEqual([
      expect.objectContaining({
        id: linkUp.id,
        stage: 'relationship_building',
        status: 'active',
        nextTarget: 'doing_with',
        unmetGuards: [
          'ACTIVE_GOAL_BY_SEEKING_FAMILY',
          'CHECK_IN_COMPLETED_SINCE_START',
          'BASELINE_MEASURE_RECORDED_OR_DECLINED',
        ],
        openConcerns: 1,
      }),
    ]);
    expect(w.waitingFamilies.map((f) => [f.id, f.displayName, f.weeksWaiting])).toEqual([
      [waiting.id, 'The Waiting family', 0],
    ]);
    expect(w.sharingFamilies.map((f) => [f.id, f.reason, f.checkExpiresOn])).toEqual(
      expect.arrayContaining([
        [training.id, 'awaiting_approval', null],
        [expiring.id, 'check_expiring', t.clock.todayPlus(20)],
      ]),
    );
    expect(w.sharingFamilies.map((f) => f.id)).not.toContain(approvedForYears.id);
    expect(w.concerns).toEqual([
      expect.objectContaining({
        id: concern.id,
        severity: 'medium',
        familyNames: [expect.stringMatching(/^Seeking /), expect.stringMatching(/^Sharing /)],
        coachId: coach.id,
      }),
    ]);
    expect(w.concerns[0].minutesToTriageDeadline).toBeGreaterThan(0);
    // Another coach's family is not on this coach's list.
    expect(w.waitingFamilies.map((f) => f.id)).not.toContain(elsewhere.id);

    // …and, three weeks on, overdue; the family has waited three weeks; the triage deadline has passed.
    t.clock.advance({ days: 21 });
    try {
      w = await worklistOf(coach);
      expect(w.checkIns.find((c) => c.id === firstContact.id)?.urgency).toBe('overdue');
      expect(w.waitingFamilies.find((f) => f.id === waiting.id)?.weeksWaiting).toBe(3);
      expect(w.concerns[0].minutesToTriageDeadline).toBeLessThan(0);
    } finally {
      t.clock.advance({ days: -21 });
    }
  });

  it('gives a supervisor every coach of its site, each row naming its coach', async () => {
    const w = await worklistOf(supervisor);
    const waiting = new Map(w.waitingFamilies.map((f) => [f.displayName, f.coachName]));
    expect(waiting.get('The Waiting family')).toBe(coach.displayName);
    expect(waiting.get('The Other-coach family')).toBe(otherCoach.displayName);
    expect(w.concerns.map((c) => c.coachId)).toEqual([coach.id]);
  });

  it('gives the other coach only its own caseload', async () => {
    const w = await worklistOf(otherCoach);
    expect(w.waitingFamilies.map((f) => f.displayName)).toEqual(['The Other-coach family']);
    expect(w.linkUps).toEqual([]);
    expect(w.concerns).toEqual([]);
    expect(w.checkIns).toEqual([]);
  });

  it('is not for evaluators', async () => {
    const answer = await t
      .http()
      .get('/api/worklist')
      .set('authorization', token.get(evaluator.id) as string)
      .expect(403);
    expect(answer.body).toMatchObject({ code: 'ACCESS.FORBIDDEN' });
  });
});
