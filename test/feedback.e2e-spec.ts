import {
  AuditEvent,
  FEEDBACK_RATING_COLUMNS,
  FEEDBACK_RATING_ROWS,
  LinkUpFeedback,
  Notification,
  type Family,
  type User,
} from '@app/core';
import { suppressCountTable } from '@app/domain';
import {
  makeFamily,
  makeLinkUp,
  makeSite,
  makeUser,
  moveTestLinkUp,
  setEvaluationConsent,
  tokenFor,
} from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app';

interface FeedbackBody {
  viewpoint: string;
  period: number;
  replaced: boolean;
  feedback: {
    periodDays: number;
    currentPeriod: number | null;
    lines: {
      viewpoint: string;
      points: { period: number; relationship: number; change: number; words?: string | null }[];
    }[];
    alerts: {
      kind: string;
      period: number;
      question: string;
      lowViewpoint: string;
      lowRating: number;
      highViewpoint: string;
      highRating: number;
    }[];
  };
}

/** Issue 16, item 3: the three viewpoints on a link-up, over HTTP. */
describe('POST /api/link-ups/:id/feedback: three viewpoints on every link-up', () => {
  let t: TestApp;
  let site: { id: string };
  let supervisor: User;
  let coach: User;
  let otherCoach: User;
  let evaluator: User;
  const token = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    site = await makeSite(t.app);
    supervisor = await makeUser(t.app, { role: 'supervisor', siteId: site.id });
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id, supervisorId: supervisor.id });
    otherCoach = await makeUser(t.app, { role: 'coach', siteId: site.id, supervisorId: supervisor.id });
    evaluator = await makeUser(t.app, { role: 'evaluator' });
    for (const user of [supervisor, coach, otherCoach, evaluator]) {
      token.set(user.id, `Bearer ${await tokenFor(t.app, user)}`);
    }
  });
  afterAll(() => t.close());

  const db = (): DataSource => t.app.get(DataSource);
  const as = (user: User): string => token.get(user.id) as string;

  /** A link-up of `coach` whose two families each have a family user. */
  const linkUpWithFamilies = async (): Promise<{ linkUpId: string; seeking: User; sharing: User }> => {
    const seekingFamily = await makeFamily(t.app, coach, 'seeking');
    const sharingFamily = await makeFamily(t.app, coach, 'sharing');
    const made = await makeLinkUp(t.app, coach, {
      seekingFamily,
      sharingFamily,
      startedAt: t.clock.now(),
    });
    const seeking = await makeUser(t.app, { role: 'family', siteId: site.id, familyId: seekingFamily.id });
    const sharing = await makeUser(t.app, { role: 'family', siteId: site.id, familyId: sharingFamily.id });
    for (const user of [seeking, sharing]) token.set(user.id, `Bearer ${await tokenFor(t.app, user)}`);
    return { linkUpId: made.linkUp.id, seeking, sharing };
  };

  const give = (who: User, linkUpId: string, body: object) =>
    t.http().post(`/api/link-ups/${linkUpId}/feedback`).set('authorization', as(who)).send(body);

  const feedbackNotices = async (recipient: User, linkUpId: string): Promise<Notification[]> =>
    db()
      .getRepository(Notification)
      .find({
        where: { recipientId: recipient.id, kind: 'feedback_check_in', linkUpId },
        order: { createdAt: 'ASC' },
      });

  it('records each viewpoint, alerts the coach once per divergence and once per drop, and shows the lines', async () => {
    const { linkUpId, seeking, sharing } = await linkUpWithFamilies();

    const first = await give(seeking, linkUpId, {
      relationship: 4,
      change: 4,
      words: 'WORDS-FOR-COACH-ONLY',
    }).expect(201);
    const firstBody = first.body as FeedbackBody;
    expect(firstBody).toMatchObject({ viewpoint: 'seeking', period: 1, replaced: false });
    // A family sees its own line only, without words, and no alerts.
    expect(firstBody.feedback.lines).toEqual([
      { viewpoint: 'seeking', points: [expect.objectContaining({ period: 1, relationship: 4, change: 4 })] },
    ]);
    expect(firstBody.feedback.lines[0].points[0]).not.toHaveProperty('words');
    expect(firstBody.feedback.alerts).toEqual([]);
    expect(await feedbackNotices(coach, linkUpId)).toHaveLength(0);

    // The Sharing family sees the relationship 2 points lower: one divergence.
    await give(sharing, linkUpId, { relationship: 2, change: 4 }).expect(201);
    expect((await feedbackNotices(coach, linkUpId)).map((n) => n.facts)).toEqual([
      expect.objectContaining({
        alert: 'diverged',
        question: 'relationship',
        period: 1,
        lowRating: 2,
        highRating: 4,
      }),
    ]);

    // The coach's answer in between, and the Sharing family changing its answer: still the same divergence.
    await give(coach, linkUpId, { relationship: 3, change: 4, words: 'Coach notes' }).expect(201);
    const again = await give(sharing, linkUpId, { relationship: 1, change: 4 }).expect(201);
    expect(again.body).toMatchObject({ viewpoint: 'sharing', period: 1, replaced: true });
    expect(await feedbackNotices(coach, linkUpId)).toHaveLength(1);
    expect(await db().getRepository(LinkUpFeedback).countBy({ linkUpId })).toBe(3);

    // Two weeks on: the Seeking family's change answer drops by 2 since its last one.
    t.clock.advance({ days: 14 });
    const later = await give(seeking, linkUpId, { relationship: 4, change: 2 }).expect(201);
    expect(later.body).toMatchObject({ viewpoint: 'seeking', period: 2 });
    const notices = await feedbackNotices(coach, linkUpId);
    expect(notices.map((n) => [n.facts.alert, n.facts.question, n.facts.period])).toEqual([
      ['diverged', 'relationship', 1],
      ['dropped', 'change', 2],
    ]);
    // Nobody else is told, and the notice carries no words.
    expect(await feedbackNotices(supervisor, linkUpId)).toHaveLength(0);
    const inbox = await t.http().get('/api/notifications').set('authorization', as(coach)).expect(200);
    const texts = JSON.stringify(inbox.body);
    expect(texts).toContain('Check in on this');
    expect(texts).not.toContain('WORDS-FOR-COACH-ONLY');

    // The coach's link-up page: three lines over time, words included, and the two alerts.
    const page = await t.http().get(`/api/link-ups/${linkUpId}`).set('authorization', as(coach)).expect(200);
    const feedback = (page.body as { feedback: FeedbackBody['feedback'] }).feedback;
    expect(feedback.currentPeriod).toBe(2);
    expect(
      feedback.lines.map((line) => [
        line.viewpoint,
        line.points.map((p) => [p.period, p.relationship, p.change]),
      ]),
    ).toEqual([
      [
        'seeking',
        [
          [1, 4, 4],
          [2, 4, 2],
        ],
      ],
      ['sharing', [[1, 1, 4]]],
      ['coach', [[1, 3, 4]]],
    ]);
    expect(feedback.lines[0].points[0].words).toBe('WORDS-FOR-COACH-ONLY');
    expect(
      feedback.alerts.map((a) => [
        a.kind,
        a.question,
        a.lowViewpoint,
        a.lowRating,
        a.highViewpoint,
        a.highRating,
      ]),
    ).toEqual([
      ['diverged', 'relationship', 'sharing', 2, 'seeking', 4],
      ['dropped', 'change', 'seeking', 2, 'seeking', 4],
    ]);

    // A family's page: its own line, no words, no alerts.
    const familyPage = await t
      .http()
      .get(`/api/link-ups/${linkUpId}`)
      .set('authorization', as(sharing))
      .expect(200);
    const familyFeedback = (familyPage.body as { feedback: FeedbackBody['feedback'] }).feedback;
    expect(familyFeedback.lines.map((line) => line.viewpoint)).toEqual(['sharing']);
    expect(JSON.stringify(familyFeedback)).not.toContain('words');
    expect(familyFeedback.alerts).toEqual([]);

    // The audit trail says who answered, never the words.
    const audits = await db()
      .getRepository(AuditEvent)
      .findBy({ action: 'link_up_feedback.given', entityId: linkUpId });
    expect(audits).toHaveLength(5);
    expect(JSON.stringify(audits)).not.toContain('WORDS-FOR-COACH-ONLY');
  });

  it('raises exactly one alert when both families answer apart at the same moment', async () => {
    const { linkUpId, seeking, sharing } = await linkUpWithFamilies();
    await Promise.all([
      give(seeking, linkUpId, { relationship: 5, change: 5 }).expect(201),
      give(sharing, linkUpId, { relationship: 2, change: 5 }).expect(201),
    ]);
    const notices = await feedbackNotices(coach, linkUpId);
    expect(notices.map((n) => [n.facts.alert, n.facts.question])).toEqual([['diverged', 'relationship']]);
  });

  it('refuses bad answers with 400 naming the field, writing nothing', async () => {
    const { linkUpId, seeking } = await linkUpWithFamilies();
    const cases: [object, string][] = [
      [{ relationship: 6, change: 3 }, 'relationship'],
      [{ relationship: 0, change: 3 }, 'relationship'],
      [{ relationship: 3 }, 'change'],
      [{ relationship: 3, change: 2.5 }, 'change'],
      [{ relationship: 3, change: 3, words: 'x'.repeat(1001) }, 'words'],
      [{ relationship: 3, change: 3, words: null }, 'words'],
      [{ relationship: 3, change: 3, viewpoint: 'coach' }, 'viewpoint'],
    ];
    for (const [body, field] of cases) {
      const res = await give(seeking, linkUpId, body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.body.details)).toContain(field);
    }
    expect(await db().getRepository(LinkUpFeedback).countBy({ linkUpId })).toBe(0);
  });

  it('answers 404 outside the scope, 403 to evaluators and 409 on a closed link-up', async () => {
    const { linkUpId, seeking } = await linkUpWithFamilies();
    const other = await linkUpWithFamilies();
    await give(otherCoach, linkUpId, { relationship: 3, change: 3 }).expect(404);
    await give(seeking, other.linkUpId, { relationship: 3, change: 3 }).expect(404);
    await give(evaluator, linkUpId, { relationship: 3, change: 3 }).expect(403);
    await give(supervisor, linkUpId, { relationship: 3, change: 3 }).expect(201);

    await moveTestLinkUp(t.app, coach, linkUpId, { to: 'completed' });
    const closed = await give(seeking, linkUpId, { relationship: 3, change: 3 }).expect(409);
    expect(closed.body.code).toBe('LINK_UP.LINK_UP_CLOSED');
    expect(await db().getRepository(LinkUpFeedback).countBy({ linkUpId })).toBe(1);
  });

  it('gives evaluators the ratings de-identified (no words) and suppressed like every count', async () => {
    // Ten link-ups whose Seeking families consent: the Seeking family answers 4 in five of them and
    // 2 in the others; in one the coach answers 3, a count of 1 that is withheld.
    for (let i = 0; i < 10; i += 1) {
      const { linkUpId, seeking } = await linkUpWithFamilies();
      const [{ seeking_family_id: familyId }] = await db().query<{ seeking_family_id: string }[]>(
        'SELECT seeking_family_id FROM link_ups WHERE id = $1',
        [linkUpId],
      );
      await setEvaluationConsent(t.app, coach, { id: familyId } as Family, true);
      const rating = i < 5 ? 4 : 2;
      await give(seeking, linkUpId, {
        relationship: rating,
        change: rating,
        words: 'REPORT-MUST-NOT-SHOW-THESE-WORDS',
      }).expect(201);
      if (i === 0) await give(coach, linkUpId, { relationship: 3, change: 3 }).expect(201);
    }
    const res = await t.http().get('/api/reports/summary').set('authorization', as(evaluator)).expect(200);
    expect(JSON.stringify(res.body)).not.toContain('REPORT-MUST-NOT-SHOW-THESE-WORDS');
    const table = res.body.tables.feedbackRatings as {
      rowLabels: string[];
      columnLabels: string[];
      cells: (number | string)[][];
    };
    expect(table.columnLabels).toEqual(['1', '2', '3', '4', '5']);
    // Exactly the all-sites count table suppressed by the programme's rule, computed here directly.
    const raw: Record<string, number[]> = {
      'relationship:seeking': [0, 5, 0, 5, 0],
      'change:seeking': [0, 5, 0, 5, 0],
      'relationship:coach': [0, 0, 1, 0, 0],
      'change:coach': [0, 0, 1, 0, 0],
    };
    const expected = suppressCountTable(
      {
        rowLabels: [...FEEDBACK_RATING_ROWS],
        columnLabels: [...FEEDBACK_RATING_COLUMNS],
        counts: FEEDBACK_RATING_ROWS.map((key) => raw[key] ?? [0, 0, 0, 0, 0]),
      },
      res.body.suppressionThreshold as number,
    );
    expect(table).toEqual(expected);
    expect(table.cells[table.rowLabels.indexOf('relationship:coach')][2]).toBe('n.p.');
    // Never a count of 1 to 4, anywhere in the table.
    for (const cells of table.cells)
      for (const cell of cells) expect(typeof cell === 'number' && cell >= 1 && cell <= 4).toBe(false);
  });
});
