import {
  CheckInsService,
  ConsentsService,
  FamiliesService,
  LinkUpChangesBus,
  OutcomeMeasuresService,
  SafeguardingConcern,
  type LinkUpChanged,
  type User,
} from '@app/core';
import {
  callerOf,
  makeFamily,
  makeGoal,
  makeLinkUp,
  makeSite,
  makeUser,
  meetGuardsThroughDoingWith,
  tokenFor,
  waitFor,
  type MadeLinkUp,
} from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app';

interface ErrorBody {
  code: string;
  message: string;
  details?: { unmetGuards?: string[]; fields?: { field: string }[] };
}
interface HistoryEntry {
  kind: string;
  fromStage: string | null;
  toStage: string | null;
  toStatus: string | null;
  reason?: string | null;
  actorId?: string;
  actorName?: string | null;
  fromCoachId?: string | null;
  toCoachId?: string | null;
}
interface LinkUpBody {
  id: string;
  stage: string;
  status: string;
  version: number;
  coach: { id: string; displayName: string };
  seekingFamily: { id: string; displayName: string };
  history: HistoryEntry[];
  durations: { activeWeeksByStage: Record<string, number>; visits: { stage: string }[] };
  coachChanges: number;
  nextMove: { target: string; guards: { guard: string; met: boolean }[] } | null;
  partnerShares: boolean | null;
  goals: { id: string; text: string }[];
  smallWins: { id: string; text: string; visibility: string }[];
  getTogethers: { id: string }[];
}

describe('link-ups: stages, journey, outcome measures, coach continuity', () => {
  let t: TestApp;
  /** The site's calendar date by the app's clock. */
  const today = (): string => t.clock.today();
  let siteId: string;
  let admin: User;
  let supervisor: User;
  let coach: User;
  let otherCoach: User;
  let tokens: Map<string, string>;
  const published: LinkUpChanged[] = [];
  /** What a listener reads from the database when it is told of a change (it must see the change). */
  const seenByListener: { kind: string; status: string; version: number }[] = [];

  const token = async (user: User): Promise<string> => {
    const cached = tokens.get(user.id);
    if (cached !== undefined) return cached;
    const fresh = await tokenFor(t.app, user);
    tokens.set(user.id, fresh);
    return fresh;
  };
  const as = (user: User) => ({
    get: async (path: string) =>
      t
        .http()
        .get(path)
        .set('authorization', `Bearer ${await token(user)}`),
    post: async (path: string, body: object) =>
      t
        .http()
        .post(path)
        .set('authorization', `Bearer ${await token(user)}`)
        .send(body),
    patch: async (path: string, body: object) =>
      t
        .http()
        .patch(path)
        .set('authorization', `Bearer ${await token(user)}`)
        .send(body),
  });
  const linkUpOf = async (user: User, id: string): Promise<LinkUpBody> => {
    const res = await as(user).get(`/api/link-ups/${id}`);
    expect(res.status).toBe(200);
    return res.body as LinkUpBody;
  };
  const transition = async (user: User, id: string, body: object) =>
    as(user).post(`/api/link-ups/${id}/transitions`, body);
  const count = async (table: string, linkUpId: string): Promise<number> => {
    const rows = await t.app
      .get(DataSource)
      .query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table} WHERE link_up_id = $1`, [linkUpId]);
    return rows[0].n;
  };
  const familyUser = (familyId: string) => makeUser(t.app, { role: 'family', siteId, familyId });

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    tokens = new Map();
    siteId = (await makeSite(t.app)).id;
    admin = await makeUser(t.app, { role: 'admin' });
    supervisor = await makeUser(t.app, { role: 'supervisor', siteId });
    [coach, otherCoach] = await Promise.all([
      makeUser(t.app, { role: 'coach', siteId, supervisorId: supervisor.id }),
      makeUser(t.app, { role: 'coach', siteId, supervisorId: supervisor.id }),
    ]);
    t.app.get(LinkUpChangesBus).subscribe(async (event) => {
      published.push(event);
      const [row] = await t.app
        .get(DataSource)
        .query<{ status: string; version: number }[]>('SELECT status, version FROM link_ups WHERE id = $1', [
          event.linkUpId,
        ]);
      seenByListener.push({ kind: event.kind, status: row.status, version: row.version });
    });
  });
  afterAll(() => t.close());

  describe('transitions', () => {
    it('refuses a move with unmet guards, naming each, and records nothing', async () => {
      const { linkUp } = await makeLinkUp(t.app, coach);
      const before = await linkUpOf(coach, linkUp.id);
      expect(before.nextMove).toEqual({
        target: 'doing_with',
        guards: [
          expect.objectContaining({ guard: 'ACTIVE_GOAL_BY_SEEKING_FAMILY', met: false }),
          expect.objectContaining({ guard: 'CHECK_IN_COMPLETED_SINCE_START', met: false }),
          expect.objectContaining({ guard: 'BASELINE_MEASURE_RECORDED_OR_DECLINED', met: false }),
        ],
      });
      const res = await transition(coach, linkUp.id, { to: 'doing_with', version: 1 });
      expect(res.status).toBe(409);
      expect(res.body as ErrorBody).toMatchObject({
        code: 'LINK_UP.GUARD_FAILED',
        details: {
          unmetGuards: [
            'ACTIVE_GOAL_BY_SEEKING_FAMILY',
            'CHECK_IN_COMPLETED_SINCE_START',
            'BASELINE_MEASURE_RECORDED_OR_DECLINED',
          ],
        },
      });
      const after = await linkUpOf(coach, linkUp.id);
      expect([after.stage, after.version, after.history.length]).toEqual(['relationship_building', 1, 1]);
    });

    it('walks the whole journey: each move in the history with who and why, events published after commit', async () => {
      const made = await makeLinkUp(t.app, coach, { startedAt: t.clock.daysFromNow(-14) });
      const id = made.linkUp.id;
      await meetGuardsThroughDoingWith(t.app, coach, made);
      published.length = 0;
      seenByListener.length = 0;

      let res = await transition(coach, id, {
        to: 'doing_with',
        reason: '  Goals are in place  ',
        version: 1,
      });
      expect(res.status).toBe(200);
      expect(res.body as LinkUpBody).toMatchObject({ stage: 'doing_with', status: 'active', version: 2 });
      expect((res.body as LinkUpBody).durations.activeWeeksByStage.relationship_building).toBe(2);

      res = await transition(coach, id, { to: 'relationship_building', version: 2 });
      expect(res.status).toBe(400);
      expect(res.body as ErrorBody).toMatchObject({
        code: 'LINK_UP.REASON_REQUIRED',
        details: { fields: [{ field: 'reason' }] },
      });
      res = await transition(coach, id, {
        to: 'relationship_building',
        reason: 'Needs more time',
        version: 2,
      });
      expect(res.status).toBe(200);
      res = await transition(coach, id, { to: 'doing_without', version: 3 });
      expect(res.status).toBe(409);
      expect((res.body as ErrorBody).code).toBe('LINK_UP.STAGE_SKIP_NOT_ALLOWED');
      await transition(coach, id, { to: 'doing_with', version: 3 }).then((r) => expect(r.status).toBe(200));
      res = await transition(coach, id, { to: 'paused', reason: 'Family holiday', version: 4 });
      expect(res.body as LinkUpBody).toMatchObject({ status: 'paused', nextMove: null });
      res = await transition(coach, id, { to: 'doing_without', version: 5 });
      expect((res.body as ErrorBody).code).toBe('LINK_UP.LINK_UP_PAUSED');
      await transition(coach, id, { to: 'active', reason: 'Back from holiday', version: 5 }).then((r) =>
        expect(r.status).toBe(200),
      );
      await transition(coach, id, { to: 'doing_without', version: 6 }).then((r) =>
        expect(r.status).toBe(200),
      );

      res = await transition(coach, id, { to: 'completed', version: 7 });
      expect(res.status).toBe(409);
      expect((res.body as ErrorBody).details?.unmetGuards).toEqual([
        'EXIT_MEASURE_RECORDED_OR_DECLINED',
        'CLOSURE_CHECK_IN_COMPLETED',
        'CLOSURE_REASON_GIVEN',
      ]);
      await as(coach)
        .post(`/api/families/${made.seekingFamilyId}/outcome-measures`, {
          instrument: 'K10',
          timepoint: 'exit',
          declined: true,
          declineReason: 'family_declined',
          assessedBy: 'family',
        })
        .then((r) => expect(r.status).toBe(201));
      await t.app.get(CheckInsService).recordHeldCheckIn({
        linkUpId: id,
        party: 'both',
        kind: 'closure',
        heldAt: t.clock.now(),
        mode: 'in_person',
        completedBy: coach.id,
      });
      const concern = await t.app
        .get(DataSource)
        .getRepository(SafeguardingConcern)
        .save({
          siteId,
          linkUpId: id,
          familyId: null,
          severity: 'low' as const,
          status: 'open' as const,
          description: 'staff-only',
          triageDueAt: t.clock.daysFromNow(1),
          raisedBy: coach.id,
        });
      res = await transition(coach, id, { to: 'completed', closureReason: 'goals_reached', version: 7 });
      expect((res.body as ErrorBody).details?.unmetGuards).toEqual(['NO_OPEN_SAFEGUARDING_CONCERN']);
      await t.app.get(DataSource).getRepository(SafeguardingConcern).update(concern.id, { status: 'closed' });
      res = await transition(coach, id, { to: 'completed', closureReason: 'goals_reached', version: 7 });
      expect(res.status).toBe(200);
      const done = res.body as LinkUpBody;
      expect(done).toMatchObject({ status: 'completed', stage: 'doing_without', version: 8 });
      expect(done.history.map((h) => [h.kind, h.toStage, h.toStatus, h.reason ?? null])).toEqual([
        ['created', 'relationship_building', 'active', null],
        ['stage_advanced', 'doing_with', 'active', 'Goals are in place'],
        ['stage_moved_back', 'relationship_building', 'active', 'Needs more time'],
        ['stage_advanced', 'doing_with', 'active', null],
        ['paused', 'doing_with', 'paused', 'Family holiday'],
        ['resumed', 'doing_with', 'active', 'Back from holiday'],
        ['stage_advanced', 'doing_without', 'active', null],
        ['completed', 'doing_without', 'completed', 'goals_reached'],
      ]);
      expect(done.history.every((h) => h.actorId === coach.id)).toBe(true);
      // Staff see who made each change by name (the web app's history column).
      expect(done.history.every((h) => h.actorName === coach.displayName)).toBe(true);
      expect(done.durations.visits.map((v) => v.stage)).toEqual([
        'relationship_building',
        'doing_with',
        'relationship_building',
        'doing_with',
        'doing_without',
      ]);
      expect(published.map((e) => [e.linkUpId, e.kind])).toEqual(
        [
          'stage_changed',
          'stage_changed',
          'stage_changed',
          'paused',
          'resumed',
          'stage_changed',
          'completed',
        ].map((kind) => [id, kind]),
      );
      // Published after commit: a listener reading the database sees each change and its version.
      expect(seenByListener).toEqual([
        { kind: 'stage_changed', status: 'active', version: 2 },
        { kind: 'stage_changed', status: 'active', version: 3 },
        { kind: 'stage_changed', status: 'active', version: 4 },
        { kind: 'paused', status: 'paused', version: 5 },
        { kind: 'resumed', status: 'active', version: 6 },
        { kind: 'stage_changed', status: 'active', version: 7 },
        { kind: 'completed', status: 'completed', version: 8 },
      ]);

      res = await transition(coach, id, { to: 'paused', reason: 'x', version: 8 });
      expect([res.status, (res.body as ErrorBody).code]).toEqual([409, 'LINK_UP.LINK_UP_CLOSED']);
      res = await as(coach).post(`/api/link-ups/${id}/small-wins`, { text: 'late', occurredOn: today() });
      expect([res.status, (res.body as ErrorBody).code]).toEqual([409, 'LINK_UP.LINK_UP_CLOSED']);
    });

    it('ends early only with a listed reason (a note for "other") and publishes it', async () => {
      const { linkUp } = await makeLinkUp(t.app, coach);
      published.length = 0;
      let res = await transition(coach, linkUp.id, { to: 'ended_early', closureReason: 'bored', version: 1 });
      expect([res.status, (res.body as ErrorBody).code]).toEqual([400, 'LINK_UP.INVALID_END_REASON']);
      res = await transition(coach, linkUp.id, { to: 'ended_early', closureReason: 'other', version: 1 });
      expect([res.status, (res.body as ErrorBody).code]).toEqual([400, 'LINK_UP.NOTE_REQUIRED']);
      res = await transition(coach, linkUp.id, { to: 'finished', version: 1 });
      expect(res.body as ErrorBody).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [{ field: 'to' }] },
      });
      res = await transition(coach, linkUp.id, {
        to: 'ended_early',
        closureReason: 'moved_away',
        version: 1,
      });
      expect(res.body as LinkUpBody).toMatchObject({ status: 'ended_early', version: 2 });
      expect(published).toEqual([{ linkUpId: linkUp.id, kind: 'ended_early', at: expect.any(Date) as Date }]);
    });

    it('lets exactly one of two concurrent transitions through; the other gets 409 VERSION_CONFLICT', async () => {
      const made = await makeLinkUp(t.app, coach);
      await meetGuardsThroughDoingWith(t.app, coach, made);
      const results = await Promise.all([
        transition(coach, made.linkUp.id, { to: 'doing_with', version: 1 }),
        transition(coach, made.linkUp.id, { to: 'doing_with', version: 1 }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.map((r) => (r.body as ErrorBody).code).filter(Boolean)).toEqual(['VERSION_CONFLICT']);
      const after = await linkUpOf(coach, made.linkUp.id);
      expect(after.history.filter((h) => h.kind === 'stage_advanced')).toHaveLength(1);
      expect(after.version).toBe(2);
      // A stale version after the fact is refused too.
      const stale = await transition(coach, made.linkUp.id, { to: 'paused', reason: 'x', version: 1 });
      expect([stale.status, (stale.body as ErrorBody).code]).toEqual([409, 'VERSION_CONFLICT']);
    });

    it('keeps transitions to staff in scope: family 403, another coach 404', async () => {
      const made = await makeLinkUp(t.app, coach);
      const family = await familyUser(made.seekingFamilyId);
      expect(
        (await transition(family, made.linkUp.id, { to: 'paused', reason: 'x', version: 1 })).status,
      ).toBe(403);
      const res = await transition(otherCoach, made.linkUp.id, { to: 'paused', reason: 'x', version: 1 });
      expect([res.status, (res.body as ErrorBody).code]).toEqual([404, 'NOT_FOUND']);
      expect((await as(otherCoach).get(`/api/link-ups/${made.linkUp.id}`)).status).toBe(404);
      expect(await count('link_up_events', made.linkUp.id)).toBe(1);
    });
  });

  describe('lists', () => {
    it('shows a coach its caseload, a family its own link-up, a supervisor its site', async () => {
      const mine = await makeLinkUp(t.app, coach);
      const theirs = await makeLinkUp(t.app, otherCoach);
      const ids = async (user: User): Promise<string[]> => {
        const res = await as(user).get('/api/link-ups?limit=200');
        expect(res.status).toBe(200);
        return (res.body as { items: { id: string }[] }).items.map((i) => i.id);
      };
      const coachSees = await ids(coach);
      expect(coachSees).toContain(mine.linkUp.id);
      expect(coachSees).not.toContain(theirs.linkUp.id);
      expect(await ids(await familyUser(theirs.sharingFamilyId))).toEqual([theirs.linkUp.id]);
      expect(await ids(supervisor)).toEqual(expect.arrayContaining([mine.linkUp.id, theirs.linkUp.id]));
    });
  });

  describe('goals and ratings', () => {
    let made: MadeLinkUp;
    let seeking: User;
    let sharing: User;
    beforeAll(async () => {
      made = await makeLinkUp(t.app, coach);
      [seeking, sharing] = await Promise.all([
        familyUser(made.seekingFamilyId),
        familyUser(made.sharingFamilyId),
      ]);
    });

    it('lets the Seeking family write its goals in its own words; the Sharing family cannot', async () => {
      const res = await as(seeking).post(`/api/link-ups/${made.linkUp.id}/goals`, {
        text: '  Have dinner together three nights a week  ',
        theme: 'routines',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        text: 'Have dinner together three nights a week',
        status: 'active',
        version: 1,
      });
      const refused = await as(sharing).post(`/api/link-ups/${made.linkUp.id}/goals`, {
        text: 'Not mine to write',
        theme: 'routines',
      });
      expect([refused.status, (refused.body as ErrorBody).code]).toEqual([
        403,
        'JOURNEY.SEEKING_FAMILY_ONLY',
      ]);
    });

    it('changes a goal’s status with its version, and rates it by family, coach or jointly', async () => {
      const goal = await makeGoal(t.app, coach, made.linkUp.id);
      let res = await as(seeking).patch(`/api/goals/${goal.id}`, { status: 'achieved', version: 1 });
      expect(res.body).toMatchObject({ status: 'achieved', version: 2 });
      res = await as(coach).patch(`/api/goals/${goal.id}`, { status: 'set_aside', version: 1 });
      expect([res.status, (res.body as ErrorBody).code]).toEqual([409, 'VERSION_CONFLICT']);
      res = await as(seeking).post(`/api/goals/${goal.id}/ratings`, { rating: 1 });
      expect(res.body).toMatchObject({ rating: 1, ratedBy: 'family' });
      res = await as(coach).post(`/api/goals/${goal.id}/ratings`, { rating: -2, ratedBy: 'joint' });
      expect(res.body).toMatchObject({ rating: -2, ratedBy: 'joint' });
      res = await as(seeking).post(`/api/goals/${goal.id}/ratings`, { rating: 2, ratedBy: 'coach' });
      expect(res.body as ErrorBody).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [{ field: 'ratedBy' }] },
      });
      const goals = (await as(coach).get(`/api/link-ups/${made.linkUp.id}/goals`)).body as {
        id: string;
        ratings: { rating: number; ratedBy: string }[];
      }[];
      expect(goals.find((g) => g.id === goal.id)?.ratings.map((r) => [r.rating, r.ratedBy])).toEqual([
        [-2, 'joint'],
        [1, 'family'],
      ]);
    });
  });

  describe('what families see', () => {
    it('shows the partner family’s goals and small wins only while that family shares them; coach-only never', async () => {
      const made = await makeLinkUp(t.app, coach);
      const [seeking, sharing] = await Promise.all([
        familyUser(made.seekingFamilyId),
        familyUser(made.sharingFamilyId),
      ]);
      const consents = t.app.get(ConsentsService);
      const goal = await makeGoal(t.app, seeking, made.linkUp.id, { text: 'Seeking goal' });
      const post = async (user: User, body: object) => {
        const res = await as(user).post(`/api/link-ups/${made.linkUp.id}/small-wins`, body);
        expect(res.status).toBe(201);
        return (res.body as { id: string }).id;
      };
      const seekingWin = await post(seeking, { text: 'Seeking win', occurredOn: today(), goalId: goal.id });
      const sharingWin = await post(sharing, { text: 'Sharing win', occurredOn: today() });
      const coachOnly = await post(coach, {
        text: 'Coach-only note about the Sharing family',
        occurredOn: today(),
        visibility: 'coach_only',
        familyId: made.sharingFamilyId,
      });
      const seen = async (user: User) => {
        const body = await linkUpOf(user, made.linkUp.id);
        const listed = (await as(user).get(`/api/link-ups/${made.linkUp.id}/small-wins`)).body as {
          id: string;
        }[];
        expect(listed.map((w) => w.id).sort()).toEqual(body.smallWins.map((w) => w.id).sort());
        return {
          wins: body.smallWins.map((w) => w.id).sort(),
          goals: body.goals.map((g) => g.id),
          shares: body.partnerShares,
        };
      };

      expect(await seen(seeking)).toEqual({ wins: [seekingWin], goals: [goal.id], shares: false });
      expect(await seen(sharing)).toEqual({ wins: [sharingWin], goals: [], shares: false });
      expect((await seen(coach)).wins).toEqual([seekingWin, sharingWin, coachOnly].sort());

      await consents.grantConsent(callerOf(coach), made.sharingFamilyId, 'share_with_partner_family');
      await consents.grantConsent(callerOf(coach), made.seekingFamilyId, 'share_with_partner_family');
      expect(await seen(seeking)).toEqual({
        wins: [seekingWin, sharingWin].sort(),
        goals: [goal.id],
        shares: true,
      });
      expect(await seen(sharing)).toEqual({
        wins: [seekingWin, sharingWin].sort(),
        goals: [goal.id],
        shares: true,
      });

      await consents.withdrawConsent(callerOf(coach), made.sharingFamilyId, 'share_with_partner_family');
      expect(await seen(seeking)).toEqual({ wins: [seekingWin], goals: [goal.id], shares: false });
      expect(await seen(sharing)).toEqual({
        wins: [seekingWin, sharingWin].sort(),
        goals: [goal.id],
        shares: true,
      });
    });

    it('hides reasons and who moved the link-up from families, and keeps free text out of the audit log', async () => {
      const made = await makeLinkUp(t.app, coach);
      await transition(coach, made.linkUp.id, { to: 'paused', reason: 'Private staff reason', version: 1 });
      const family = await familyUser(made.seekingFamilyId);
      const body = await linkUpOf(family, made.linkUp.id);
      expect(JSON.stringify(body)).not.toContain('Private staff reason');
      expect(body.history[1]).toEqual(expect.not.objectContaining({ actorId: expect.anything() as unknown }));
      expect(body.history[1]).toEqual(
        expect.not.objectContaining({ actorName: expect.anything() as unknown }),
      );
      expect(body.nextMove).toBeNull();
      await as(family).post(`/api/link-ups/${made.linkUp.id}/small-wins`, {
        text: 'A very personal win',
        occurredOn: today(),
      });
      const audit = await t.app
        .get(DataSource)
        .query<{ details: unknown }[]>(
          `SELECT details FROM audit_events WHERE details->>'linkUpId' = $1 OR entity_id = $1`,
          [made.linkUp.id],
        );
      expect(audit.length).toBeGreaterThanOrEqual(2);
      expect(JSON.stringify(audit)).not.toMatch(/Private staff reason|A very personal win/);
    });
  });

  describe('get-togethers and outcome measures', () => {
    it('records get-togethers by either family or the coach, seen by both families', async () => {
      const made = await makeLinkUp(t.app, coach);
      const sharing = await familyUser(made.sharingFamilyId);
      const res = await as(sharing).post(`/api/link-ups/${made.linkUp.id}/get-togethers`, {
        heldOn: today(),
        kind: 'fun_activity',
        childrenInvolved: true,
      });
      expect(res.status).toBe(201);
      const seeking = await familyUser(made.seekingFamilyId);
      const list = (await as(seeking).get(`/api/link-ups/${made.linkUp.id}/get-togethers`)).body as {
        kind: string;
        childrenInvolved: boolean;
        recordedByRole: string;
      }[];
      expect(list).toEqual([
        expect.objectContaining({ kind: 'fun_activity', childrenInvolved: true, recordedByRole: 'family' }),
      ]);
    });

    it('enforces each instrument’s range, custom instruments included, and records declines with a reason', async () => {
      const made = await makeLinkUp(t.app, coach);
      const path = `/api/families/${made.seekingFamilyId}/outcome-measures`;
      const settings = (await as(admin).get('/api/settings')).body as { version: number };
      await as(admin)
        .patch('/api/settings', {
          version: settings.version,
          changes: {
            outcomeMeasures: {
              customInstruments: [
                { key: 'HOME_SAFETY', label: 'Home safety', min: 0, max: 12, integer: true },
              ],
            },
          },
        })
        .then((r) => expect(r.status).toBe(200));
      for (const [body, status] of [
        [{ instrument: 'PWI', timepoint: 'baseline', score: 72.5, assessedBy: 'family' }, 201],
        [{ instrument: 'HOME_SAFETY', timepoint: 'review', score: 12, assessedBy: 'joint' }, 201],
        [{ instrument: 'HOME_SAFETY', timepoint: 'review', score: 13, assessedBy: 'joint' }, 400],
        [{ instrument: 'GAS_SUMMARY', timepoint: 'review', score: -2, assessedBy: 'coach' }, 201],
      ] as const) {
        expect((await as(coach).post(path, body)).status).toBe(status);
      }
      const list = (await as(coach).get(path)).body as {
        instrument: string;
        score: number;
        linkUpId: string;
      }[];
      expect(list.map((m) => [m.instrument, m.score, m.linkUpId]).sort()).toEqual(
        [
          ['GAS_SUMMARY', -2, made.linkUp.id],
          ['HOME_SAFETY', 12, made.linkUp.id],
          ['PWI', 72.5, made.linkUp.id],
        ].sort(),
      );
      expect((await as(otherCoach).get(path)).status).toBe(404);
    });
  });

  describe('bad input', () => {
    let made: MadeLinkUp;
    let goalId: string;
    let otherLinkUpGoalId: string;
    const tomorrowEverywhere = (): string => t.clock.todayPlus(2);
    /** Before the link-up below started (10 days ago), in every time zone. */
    const beforeTheStart = (): string => t.clock.todayPlus(-12);
    beforeAll(async () => {
      made = await makeLinkUp(t.app, coach, { startedAt: t.clock.daysFromNow(-10) });
      goalId = (await makeGoal(t.app, coach, made.linkUp.id)).id;
      const other = await makeLinkUp(t.app, coach);
      otherLinkUpGoalId = (await makeGoal(t.app, coach, other.linkUp.id)).id;
    });
    const cases: [
      string,
      (m: MadeLinkUp, goal: string, otherLinkUpGoal: string) => [string, object],
      string,
      string,
    ][] = [
      ['a rating of 3', (_m, g) => [`/api/goals/${g}/ratings`, { rating: 3 }], 'rating', 'goal_ratings'],
      ['a rating of -3', (_m, g) => [`/api/goals/${g}/ratings`, { rating: -3 }], 'rating', 'goal_ratings'],
      ['a rating of 1.5', (_m, g) => [`/api/goals/${g}/ratings`, { rating: 1.5 }], 'rating', 'goal_ratings'],
      [
        'a rating in the future',
        (_m, g) => [`/api/goals/${g}/ratings`, { rating: 1, ratedAt: t.clock.daysFromNow(1).toISOString() }],
        'ratedAt',
        'goal_ratings',
      ],
      [
        'a rating dated true',
        (_m, g) => [`/api/goals/${g}/ratings`, { rating: 1, ratedAt: true }],
        'ratedAt',
        'goal_ratings',
      ],
      [
        'a rating dated 1900',
        (_m, g) => [`/api/goals/${g}/ratings`, { rating: 1, ratedAt: '1900-01-01' }],
        'ratedAt',
        'goal_ratings',
      ],
      [
        'a rating dated before the goal was written',
        (_m, g) => [`/api/goals/${g}/ratings`, { rating: 1, ratedAt: t.clock.daysFromNow(-1).toISOString() }],
        'ratedAt',
        'goal_ratings',
      ],
      [
        'a rating dated as a number',
        (_m, g) => [`/api/goals/${g}/ratings`, { rating: 1, ratedAt: 1_700_000_000_000 }],
        'ratedAt',
        'goal_ratings',
      ],
      [
        'a measure administered at true',
        (m) => [
          `/api/families/${m.seekingFamilyId}/outcome-measures`,
          { instrument: 'K10', timepoint: 'baseline', score: 20, assessedBy: 'family', administeredAt: true },
        ],
        'administeredAt',
        'outcome_measures',
      ],
      [
        'K10 of 51',
        (m) => [
          `/api/families/${m.seekingFamilyId}/outcome-measures`,
          { instrument: 'K10', timepoint: 'baseline', score: 51, assessedBy: 'family' },
        ],
        'score',
        'outcome_measures',
      ],
      [
        'K10 of 9',
        (m) => [
          `/api/families/${m.seekingFamilyId}/outcome-measures`,
          { instrument: 'K10', timepoint: 'baseline', score: 9, assessedBy: 'family' },
        ],
        'score',
        'outcome_measures',
      ],
      [
        'PWI of 101',
        (m) => [
          `/api/families/${m.seekingFamilyId}/outcome-measures`,
          { instrument: 'PWI', timepoint: 'review', score: 101, assessedBy: 'family' },
        ],
        'score',
        'outcome_measures',
      ],
      [
        'a DEX item of 6',
        (m) => [
          `/api/families/${m.seekingFamilyId}/outcome-measures`,
          { instrument: 'DEX_GOALS', timepoint: 'review', score: 6, assessedBy: 'family' },
        ],
        'score',
        'outcome_measures',
      ],
      [
        'a GAS summary of 2.5',
        (m) => [
          `/api/families/${m.seekingFamilyId}/outcome-measures`,
          { instrument: 'GAS_SUMMARY', timepoint: 'exit', score: 2.5, assessedBy: 'coach' },
        ],
        'score',
        'outcome_measures',
      ],
      [
        'an unknown instrument',
        (m) => [
          `/api/families/${m.seekingFamilyId}/outcome-measures`,
          { instrument: 'SDQ', timepoint: 'baseline', score: 10, assessedBy: 'family' },
        ],
        'instrument',
        'outcome_measures',
      ],
      [
        'declined without a reason',
        (m) => [
          `/api/families/${m.seekingFamilyId}/outcome-measures`,
          { instrument: 'K10', timepoint: 'baseline', declined: true, assessedBy: 'family' },
        ],
        'declineReason',
        'outcome_measures',
      ],
      [
        'no score',
        (m) => [
          `/api/families/${m.seekingFamilyId}/outcome-measures`,
          { instrument: 'K10', timepoint: 'baseline', assessedBy: 'family' },
        ],
        'score',
        'outcome_measures',
      ],
      [
        'an unknown timepoint',
        (m) => [
          `/api/families/${m.seekingFamilyId}/outcome-measures`,
          { instrument: 'K10', timepoint: 'midway', score: 20, assessedBy: 'family' },
        ],
        'timepoint',
        'outcome_measures',
      ],
      [
        'a measure administered tomorrow',
        (m) => [
          `/api/families/${m.seekingFamilyId}/outcome-measures`,
          {
            instrument: 'K10',
            timepoint: 'baseline',
            score: 20,
            assessedBy: 'family',
            administeredAt: t.clock.daysFromNow(1).toISOString(),
          },
        ],
        'administeredAt',
        'outcome_measures',
      ],
      [
        'a small win in the future',
        (m) => [
          `/api/link-ups/${m.linkUp.id}/small-wins`,
          { text: 'Soon', occurredOn: tomorrowEverywhere() },
        ],
        'occurredOn',
        'small_wins',
      ],
      [
        'a small win on 31 February',
        (m) => [`/api/link-ups/${m.linkUp.id}/small-wins`, { text: 'Never', occurredOn: '2026-02-31' }],
        'occurredOn',
        'small_wins',
      ],
      [
        'a small win in 1900',
        (m) => [`/api/link-ups/${m.linkUp.id}/small-wins`, { text: 'Long ago', occurredOn: '1900-01-01' }],
        'occurredOn',
        'small_wins',
      ],
      [
        'a small win before the link-up started',
        (m) => [`/api/link-ups/${m.linkUp.id}/small-wins`, { text: 'Early', occurredOn: beforeTheStart() }],
        'occurredOn',
        'small_wins',
      ],
      [
        'a small win of 281 characters',
        (m) => [`/api/link-ups/${m.linkUp.id}/small-wins`, { text: 'x'.repeat(281), occurredOn: today() }],
        'text',
        'small_wins',
      ],
      [
        'an empty small win',
        (m) => [`/api/link-ups/${m.linkUp.id}/small-wins`, { text: '   ', occurredOn: today() }],
        'text',
        'small_wins',
      ],
      [
        'a small win for another link-up’s goal',
        (m, _g, o) => [
          `/api/link-ups/${m.linkUp.id}/small-wins`,
          { text: 'Hm', occurredOn: today(), goalId: o },
        ],
        'goalId',
        'small_wins',
      ],
      [
        'an unknown visibility',
        (m) => [
          `/api/link-ups/${m.linkUp.id}/small-wins`,
          { text: 'Hm', occurredOn: today(), visibility: 'public' },
        ],
        'visibility',
        'small_wins',
      ],
      [
        'a get-together in the future',
        (m) => [
          `/api/link-ups/${m.linkUp.id}/get-togethers`,
          { heldOn: tomorrowEverywhere(), kind: 'chat', childrenInvolved: false },
        ],
        'heldOn',
        'get_togethers',
      ],
      [
        'a get-together in 1900',
        (m) => [
          `/api/link-ups/${m.linkUp.id}/get-togethers`,
          { heldOn: '1900-01-01', kind: 'chat', childrenInvolved: false },
        ],
        'heldOn',
        'get_togethers',
      ],
      [
        'a get-together before the link-up started',
        (m) => [
          `/api/link-ups/${m.linkUp.id}/get-togethers`,
          { heldOn: beforeTheStart(), kind: 'chat', childrenInvolved: false },
        ],
        'heldOn',
        'get_togethers',
      ],
      [
        'an unknown get-together kind',
        (m) => [
          `/api/link-ups/${m.linkUp.id}/get-togethers`,
          { heldOn: today(), kind: 'party', childrenInvolved: false },
        ],
        'kind',
        'get_togethers',
      ],
      [
        'a goal of 501 characters',
        (m) => [`/api/link-ups/${m.linkUp.id}/goals`, { text: 'x'.repeat(501), theme: 'routines' }],
        'text',
        'goals',
      ],
      [
        'a goal with an unknown theme',
        (m) => [`/api/link-ups/${m.linkUp.id}/goals`, { text: 'Fine words', theme: 'space_travel' }],
        'theme',
        'goals',
      ],
      [
        'a reason of 501 characters',
        (m) => [
          `/api/link-ups/${m.linkUp.id}/transitions`,
          { to: 'paused', reason: 'x'.repeat(501), version: 1 },
        ],
        'reason',
        'link_up_events',
      ],
      [
        'a transition without a version',
        (m) => [`/api/link-ups/${m.linkUp.id}/transitions`, { to: 'paused', reason: 'x' }],
        'version',
        'link_up_events',
      ],
      [
        'an unknown field',
        (m) => [
          `/api/link-ups/${m.linkUp.id}/small-wins`,
          { text: 'Hm', occurredOn: today(), mood: 'happy' },
        ],
        'mood',
        'small_wins',
      ],
    ];
    it.each(cases)('%s → 400 naming the field, nothing written', async (_name, build, field, table) => {
      const [path, body] = build(made, goalId, otherLinkUpGoalId);
      const before = await count(table, made.linkUp.id);
      const res = await as(coach).post(path, body);
      expect(res.status).toBe(400);
      const error = res.body as ErrorBody;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details?.fields?.map((f) => f.field)).toContain(field);
      expect(await count(table, made.linkUp.id)).toBe(before);
    });
  });

  describe('null fields', () => {
    let made: MadeLinkUp;
    let goalId: string;
    beforeAll(async () => {
      made = await makeLinkUp(t.app, coach);
      goalId = (await makeGoal(t.app, coach, made.linkUp.id)).id;
    });
    const goalRow = async () =>
      (
        await t.app
          .get(DataSource)
          .query<{ text: string; theme: string; status: string; version: number }[]>(
            'SELECT text, theme, status, version FROM goals WHERE id = $1',
            [goalId],
          )
      )[0];

    it.each([
      ['text', { text: null }],
      ['status', { status: null }],
      ['theme', { theme: null }],
    ])('PATCH a goal with %s: null → 400 naming it, the goal unchanged', async (field, change) => {
      const before = await goalRow();
      const res = await as(coach).patch(`/api/goals/${goalId}`, { ...change, version: before.version });
      expect([res.status, (res.body as ErrorBody).code]).toEqual([400, 'VALIDATION_FAILED']);
      expect((res.body as ErrorBody).details?.fields?.map((f) => f.field)).toEqual([field]);
      expect(await goalRow()).toEqual(before);
    });

    it('an empty PATCH of a goal names every field it could change', async () => {
      const before = await goalRow();
      const res = await as(coach).patch(`/api/goals/${goalId}`, { version: before.version });
      expect([res.status, (res.body as ErrorBody).code]).toEqual([400, 'VALIDATION_FAILED']);
      expect((res.body as ErrorBody).details?.fields?.map((f) => f.field)).toEqual([
        'text',
        'theme',
        'status',
      ]);
      expect(await goalRow()).toEqual(before);
    });

    it.each([
      ['ratedBy', () => [`/api/goals/${goalId}/ratings`, { rating: 1, ratedBy: null }], 'goal_ratings'],
      ['ratedAt', () => [`/api/goals/${goalId}/ratings`, { rating: 1, ratedAt: null }], 'goal_ratings'],
      [
        'visibility',
        () => [
          `/api/link-ups/${made.linkUp.id}/small-wins`,
          { text: 'x', occurredOn: today(), visibility: null },
        ],
        'small_wins',
      ],
      [
        'goalId',
        () => [
          `/api/link-ups/${made.linkUp.id}/small-wins`,
          { text: 'x', occurredOn: today(), goalId: null },
        ],
        'small_wins',
      ],
      [
        'familyId',
        () => [
          `/api/link-ups/${made.linkUp.id}/small-wins`,
          { text: 'x', occurredOn: today(), familyId: null },
        ],
        'small_wins',
      ],
      [
        'administeredAt',
        () => [
          `/api/families/${made.seekingFamilyId}/outcome-measures`,
          { instrument: 'K10', timepoint: 'review', score: 20, assessedBy: 'family', administeredAt: null },
        ],
        'outcome_measures',
      ],
      [
        'declined',
        () => [
          `/api/families/${made.seekingFamilyId}/outcome-measures`,
          { instrument: 'K10', timepoint: 'review', score: 20, assessedBy: 'family', declined: null },
        ],
        'outcome_measures',
      ],
      [
        'reason',
        () => [`/api/link-ups/${made.linkUp.id}/transitions`, { to: 'paused', reason: null, version: 1 }],
        'link_up_events',
      ],
    ] as [string, () => [string, object], string][])(
      'a null %s → 400 naming it, nothing written',
      async (field, build, table) => {
        const [path, body] = build();
        const before = await count(table, made.linkUp.id);
        const res = await as(coach).post(path, body);
        expect([res.status, (res.body as ErrorBody).code]).toEqual([400, 'VALIDATION_FAILED']);
        expect((res.body as ErrorBody).details?.fields?.map((f) => f.field)).toEqual([field]);
        expect(await count(table, made.linkUp.id)).toBe(before);
      },
    );
  });

  describe('outcome measures and link-ups outside the caseload', () => {
    const measuresOf = async (familyId: string) =>
      t.app
        .get(DataSource)
        .query<{ link_up_id: string | null; timepoint: string }[]>(
          'SELECT link_up_id, timepoint FROM outcome_measures WHERE family_id = $1',
          [familyId],
        );
    const baselineGuard = async (user: User, linkUpId: string) =>
      (await linkUpOf(user, linkUpId)).nextMove?.guards.find(
        (g) => g.guard === 'BASELINE_MEASURE_RECORDED_OR_DECLINED',
      )?.met;

    it('a former coach cannot write a measure into another coach’s live link-up of the family (404, nothing written)', async () => {
      const first = await makeLinkUp(t.app, coach, { startedAt: t.clock.daysFromNow(-30) });
      await transition(coach, first.linkUp.id, {
        to: 'ended_early',
        closureReason: 'not_a_good_fit',
        version: 1,
      }).then((r) => expect(r.status).toBe(200));
      const second = await makeLinkUp(t.app, otherCoach, { seekingFamily: { id: first.seekingFamilyId } });
      const path = `/api/families/${first.seekingFamilyId}/outcome-measures`;
      const baseline = { instrument: 'K10', timepoint: 'baseline', score: 30, assessedBy: 'family' };
      // The former coach still sees the family (its primary coach, a past link-up) ...
      expect((await as(coach).get(path)).status).toBe(200);
      // ... but not the family's live link-up, so the measure is refused either way.
      for (const body of [baseline, { ...baseline, linkUpId: second.linkUp.id }]) {
        const res = await as(coach).post(path, body);
        expect([res.status, (res.body as ErrorBody).code]).toEqual([404, 'NOT_FOUND']);
      }
      expect(await measuresOf(first.seekingFamilyId)).toEqual([]);
      expect(await baselineGuard(otherCoach, second.linkUp.id)).toBe(false);
      // The live link-up's coach records it, attached to its link-up.
      const res = await as(otherCoach).post(path, baseline);
      expect(res.status).toBe(201);
      expect(await measuresOf(first.seekingFamilyId)).toEqual([
        { link_up_id: second.linkUp.id, timepoint: 'baseline' },
      ]);
      expect(await baselineGuard(otherCoach, second.linkUp.id)).toBe(true);
    });

    it('an intake baseline counts for the next link-up only, not for every later one', async () => {
      const seekingFamily = await makeFamily(t.app, coach, 'seeking');
      await t.app.get(OutcomeMeasuresService).recordOutcomeMeasure(callerOf(coach), seekingFamily.id, {
        instrument: 'K10',
        timepoint: 'baseline',
        score: 28,
        assessedBy: 'family',
        administeredAt: t.clock.daysFromNow(-40),
      });
      expect(await measuresOf(seekingFamily.id)).toEqual([{ link_up_id: null, timepoint: 'baseline' }]);
      const first = await makeLinkUp(t.app, coach, {
        seekingFamily,
        startedAt: t.clock.daysFromNow(-30),
      });
      expect(await baselineGuard(coach, first.linkUp.id)).toBe(true);
      await transition(coach, first.linkUp.id, {
        to: 'ended_early',
        closureReason: 'moved_away',
        version: 1,
      }).then((r) => expect(r.status).toBe(200));
      const second = await makeLinkUp(t.app, coach, { seekingFamily });
      expect(await baselineGuard(coach, second.linkUp.id)).toBe(false);
    });

    it('names the measure in its audit line', async () => {
      const made = await makeLinkUp(t.app, coach);
      const res = await as(coach).post(`/api/families/${made.seekingFamilyId}/outcome-measures`, {
        instrument: 'PWI',
        timepoint: 'baseline',
        score: 70,
        assessedBy: 'joint',
      });
      expect(res.status).toBe(201);
      const [audit] = await t.app
        .get(DataSource)
        .query<{ details: { measureId?: string; linkUpId?: string } }[]>(
          `SELECT details FROM audit_events WHERE action = 'outcome_measure.recorded' AND entity_id = $1`,
          [made.seekingFamilyId],
        );
      expect(audit.details).toMatchObject({
        measureId: (res.body as { id: string }).id,
        linkUpId: made.linkUp.id,
      });
    });
  });

  describe('goals a family cannot see', () => {
    let made: MadeLinkUp;
    let sharing: User;
    let goalId: string;
    beforeAll(async () => {
      made = await makeLinkUp(t.app, coach);
      sharing = await familyUser(made.sharingFamilyId);
      goalId = (await makeGoal(t.app, coach, made.linkUp.id)).id;
    });
    const unknownId = '7d1f3f4e-0000-4000-8000-000000000000';

    it('answers 404 Goal for a goal hidden from the Sharing family, exactly as for an unknown id', async () => {
      for (const id of [goalId, unknownId]) {
        const patch = await as(sharing).patch(`/api/goals/${id}`, { status: 'achieved', version: 1 });
        expect([patch.status, (patch.body as ErrorBody).code, patch.body.message]).toEqual([
          404,
          'NOT_FOUND',
          'Goal not found.',
        ]);
        const rating = await as(sharing).post(`/api/goals/${id}/ratings`, { rating: 1 });
        expect([rating.status, (rating.body as ErrorBody).code]).toEqual([404, 'NOT_FOUND']);
      }
      expect(await count('goal_ratings', made.linkUp.id)).toBe(0);
      const [goal] = await t.app
        .get(DataSource)
        .query<{ status: string; version: number }[]>('SELECT status, version FROM goals WHERE id = $1', [
          goalId,
        ]);
      expect(goal).toEqual({ status: 'active', version: 1 });
    });

    it('refuses a small win on a goal the family cannot see (400 goalId), accepts it once shared', async () => {
      const body = { text: 'Helped with homework', occurredOn: today(), goalId };
      const res = await as(sharing).post(`/api/link-ups/${made.linkUp.id}/small-wins`, body);
      expect([res.status, (res.body as ErrorBody).code]).toEqual([400, 'VALIDATION_FAILED']);
      expect((res.body as ErrorBody).details?.fields?.map((f) => f.field)).toEqual(['goalId']);
      expect(await count('small_wins', made.linkUp.id)).toBe(0);

      await t.app
        .get(ConsentsService)
        .grantConsent(callerOf(coach), made.seekingFamilyId, 'share_with_partner_family');
      const shared = await as(sharing).post(`/api/link-ups/${made.linkUp.id}/small-wins`, body);
      expect(shared.status).toBe(201);
      // Visible now, but still the Seeking family's to change: 403.
      const patch = await as(sharing).patch(`/api/goals/${goalId}`, { status: 'achieved', version: 1 });
      expect([patch.status, (patch.body as ErrorBody).code]).toEqual([403, 'JOURNEY.SEEKING_FAMILY_ONLY']);
      await t.app
        .get(ConsentsService)
        .withdrawConsent(callerOf(coach), made.seekingFamilyId, 'share_with_partner_family');
    });
  });

  describe('journey writes against a concurrent transition', () => {
    /**
     * Holds the link-up row as a transition does (`FOR UPDATE`), starts `write`, waits until it is
     * blocked on a lock (or gives up after a while), completes the link-up and commits.
     */
    const whileCompleting = async (
      linkUpId: string,
      write: () => Promise<{ status: number; body: unknown }>,
    ) => {
      const runner = t.app.get(DataSource).createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        await runner.query('SELECT id FROM link_ups WHERE id = $1 FOR UPDATE', [linkUpId]);
        const pending = write();
        await waitFor(
          async () => {
            const [row] = await t.app.get(DataSource).query<{ n: number }[]>(
              `SELECT count(*)::int AS n FROM pg_stat_activity
                  WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            );
            return row.n > 0 ? true : undefined;
          },
          { timeoutMs: 2_000, what: 'the write to wait for the link-up lock' },
        ).catch(() => undefined);
        await runner.query(
          `UPDATE link_ups SET status = 'completed', ended_at = $2, version = version + 1 WHERE id = $1`,
          [linkUpId, t.clock.now()],
        );
        await runner.commitTransaction();
        return await pending;
      } finally {
        await runner.release();
      }
    };

    it.each([
      [
        'a goal',
        'goals',
        (id: string) => as(coach).post(`/api/link-ups/${id}/goals`, { text: 'New', theme: 'routines' }),
      ],
      [
        'a small win',
        'small_wins',
        (id: string) =>
          as(coach).post(`/api/link-ups/${id}/small-wins`, { text: 'Late', occurredOn: today() }),
      ],
      [
        'a get-together',
        'get_togethers',
        (id: string) =>
          as(coach).post(`/api/link-ups/${id}/get-togethers`, {
            heldOn: today(),
            kind: 'chat',
            childrenInvolved: false,
          }),
      ],
    ] as [string, string, (id: string) => Promise<{ status: number; body: unknown }>][])(
      '%s is not written into a link-up that is completed meanwhile (409, nothing written)',
      async (_name, table, write) => {
        const made = await makeLinkUp(t.app, coach);
        const before = await count(table, made.linkUp.id);
        const res = await whileCompleting(made.linkUp.id, () => write(made.linkUp.id));
        expect([res.status, (res.body as ErrorBody).code]).toEqual([409, 'LINK_UP.LINK_UP_CLOSED']);
        expect(await count(table, made.linkUp.id)).toBe(before);
      },
    );

    it('a rating or a goal change waits for the transition and then sees the link-up closed', async () => {
      const made = await makeLinkUp(t.app, coach);
      const goal = await makeGoal(t.app, coach, made.linkUp.id);
      const rating = await whileCompleting(made.linkUp.id, () =>
        as(coach).post(`/api/goals/${goal.id}/ratings`, { rating: 1 }),
      );
      expect([rating.status, (rating.body as ErrorBody).code]).toEqual([409, 'LINK_UP.LINK_UP_CLOSED']);
      expect(await count('goal_ratings', made.linkUp.id)).toBe(0);

      const other = await makeLinkUp(t.app, coach);
      const otherGoal = await makeGoal(t.app, coach, other.linkUp.id);
      const setAside = await whileCompleting(other.linkUp.id, () =>
        as(coach).patch(`/api/goals/${otherGoal.id}`, { status: 'set_aside', version: 1 }),
      );
      expect([setAside.status, (setAside.body as ErrorBody).code]).toEqual([409, 'LINK_UP.LINK_UP_CLOSED']);
      const [row] = await t.app
        .get(DataSource)
        .query<{ status: string; version: number }[]>('SELECT status, version FROM goals WHERE id = $1', [
          otherGoal.id,
        ]);
      expect(row).toEqual({ status: 'active', version: 1 });
    });
  });

  describe('resuming after a safeguarding pause', () => {
    const concern = (
      linkUpId: string,
      severity: 'immediate_danger' | 'high' | 'medium',
      status: 'open' | 'triaged',
    ) =>
      t.app
        .get(DataSource)
        .getRepository(SafeguardingConcern)
        .save({
          siteId,
          linkUpId,
          familyId: null,
          severity,
          status,
          description: 'staff-only',
          triageDueAt: t.clock.daysFromNow(1),
          raisedBy: coach.id,
        });

    it('refuses a resume while an urgent concern is open or triaged, naming the guard; allows it once closed', async () => {
      const { linkUp } = await makeLinkUp(t.app, coach);
      await transition(coach, linkUp.id, { to: 'paused', reason: 'Safety first', version: 1 }).then((r) =>
        expect(r.status).toBe(200),
      );
      await concern(linkUp.id, 'medium', 'open');
      const urgent = await concern(linkUp.id, 'immediate_danger', 'open');
      const high = await concern(linkUp.id, 'high', 'triaged');
      let res = await transition(coach, linkUp.id, { to: 'active', version: 2 });
      expect([res.status, (res.body as ErrorBody).code]).toEqual([409, 'LINK_UP.GUARD_FAILED']);
      expect((res.body as ErrorBody).details?.unmetGuards).toEqual(['NO_OPEN_URGENT_SAFEGUARDING_CONCERN']);
      await t.app.get(DataSource).getRepository(SafeguardingConcern).update(urgent.id, { status: 'closed' });
      res = await transition(coach, linkUp.id, { to: 'active', version: 2 });
      expect((res.body as ErrorBody).details?.unmetGuards).toEqual(['NO_OPEN_URGENT_SAFEGUARDING_CONCERN']);
      let after = await linkUpOf(coach, linkUp.id);
      expect([after.status, after.version, after.history.length]).toEqual(['paused', 2, 2]);

      // A medium concern still open does not hold the link-up.
      await t.app.get(DataSource).getRepository(SafeguardingConcern).update(high.id, { status: 'closed' });
      res = await transition(coach, linkUp.id, {
        to: 'active',
        reason: 'Concerns triaged and closed',
        version: 2,
      });
      expect(res.status).toBe(200);
      after = res.body as LinkUpBody;
      expect(after).toMatchObject({ status: 'active', version: 3 });
      expect(after.history[2]).toMatchObject({ kind: 'resumed', reason: 'Concerns triaged and closed' });
    });
  });

  describe('coach continuity', () => {
    it('lets a supervisor reassign the coach with a reason: history, count, families and scope follow', async () => {
      const made = await makeLinkUp(t.app, coach);
      const newCoach = await makeUser(t.app, { role: 'coach', siteId, supervisorId: supervisor.id });
      published.length = 0;
      const path = `/api/link-ups/${made.linkUp.id}/coach`;
      expect((await as(coach).post(path, { coachId: newCoach.id, reason: 'Leave', version: 1 })).status).toBe(
        403,
      );
      let res = await as(supervisor).post(path, { coachId: coach.id, reason: 'Same', version: 1 });
      expect([res.status, (res.body as ErrorBody).code]).toEqual([409, 'LINK_UP.ALREADY_THE_COACH']);
      const outsider = await makeUser(t.app, { role: 'coach', siteId: (await makeSite(t.app)).id });
      res = await as(supervisor).post(path, { coachId: outsider.id, reason: 'Wrong site', version: 1 });
      expect(res.body as ErrorBody).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [{ field: 'coachId' }] },
      });
      res = await as(supervisor).post(path, { coachId: newCoach.id, reason: 'Coach on leave', version: 1 });
      expect(res.status).toBe(200);
      const body = res.body as LinkUpBody;
      expect(body).toMatchObject({ coach: { id: newCoach.id }, coachChanges: 1, version: 2 });
      expect(body.history[1]).toMatchObject({
        kind: 'coach_changed',
        fromCoachId: coach.id,
        toCoachId: newCoach.id,
        reason: 'Coach on leave',
        actorId: supervisor.id,
      });
      expect(published.map((e) => e.kind)).toEqual(['coach_changed']);
      const families = t.app.get(FamiliesService);
      for (const familyId of [made.seekingFamilyId, made.sharingFamilyId]) {
        expect((await families.getFamilyInScope(callerOf(admin).actor, familyId)).primaryCoachId).toBe(
          newCoach.id,
        );
      }
      expect((await as(newCoach).get(`/api/link-ups/${made.linkUp.id}`)).status).toBe(200);
      expect((await as(coach).get(`/api/link-ups/${made.linkUp.id}`)).status).toBe(404);
    });
  });
});
