import {
  CheckInsService,
  FamilyLifecycleService,
  TransactionContext,
  type Family,
  type User,
} from '@app/core';
import { daysFrom, startMonth } from '@app/domain';
import {
  csvObjects,
  makeApprovedSharingFamily,
  makeLinkUp,
  makeSeekingFamily,
  makeSite,
  makeUser,
  meetGuardsThroughDoingWith,
  setEvaluationConsent,
  tokenFor,
} from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app';

interface StatusEvent {
  fromStatus: string | null;
  toStatus: string;
  cause: string;
  linkUpId: string | null;
  reason?: string | null;
}
interface FamilyBody {
  status: string;
  version: number;
  waitingSince: string | null;
  statusHistory: StatusEvent[];
}
interface PreviousLinkUp {
  linkUpId: string;
  sharingFamilyId: string;
  status: string;
  stageReached: string;
  weeks: number;
  reason: string | null;
  pairExcluded: boolean;
}
interface SuggestionsBody {
  suggestions: { sharingFamilyId: string; previousLinkUpId: string | null }[];
  excluded: { sharingFamilyId: string; failures: { key: string }[] }[];
  previousLinkUps: PreviousLinkUp[];
}

/** Issue 16, item 1: life after a link-up, over HTTP. */
describe('life after a link-up: measures that follow it, the Seeking family moving on, a re-match with its history', () => {
  let t: TestApp;
  let coach: User;
  let admin: User;
  let evaluator: User;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    const site = await makeSite(t.app);
    const supervisor = await makeUser(t.app, { role: 'supervisor', siteId: site.id });
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id, supervisorId: supervisor.id });
    admin = await makeUser(t.app, { role: 'admin' });
    evaluator = await makeUser(t.app, { role: 'evaluator' });
    for (const user of [coach, admin, evaluator]) tokens.set(user.id, await tokenFor(t.app, user));
  });
  afterAll(() => t.close());

  const db = (): DataSource => t.app.get(DataSource);
  const get = (who: User, path: string) =>
    t
      .http()
      .get(path)
      .set('authorization', `Bearer ${tokens.get(who.id)}`);
  const post = (who: User, path: string, body: object) =>
    t
      .http()
      .post(path)
      .set('authorization', `Bearer ${tokens.get(who.id)}`)
      .send(body);
  const familyOf = async (id: string): Promise<FamilyBody> =>
    (await get(coach, `/api/families/${id}`).expect(200)).body as FamilyBody;
  const transition = (linkUpId: string, body: object) =>
    post(coach, `/api/link-ups/${linkUpId}/transitions`, body);

  /** Offers a shortlist of one Sharing family and records the Seeking family choosing it (over HTTP). */
  const choose = async (seeking: Family, sharing: Family): Promise<string> => {
    const offered = await post(coach, '/api/match-proposals', {
      seekingFamilyId: seeking.id,
      sharingFamilyIds: [sharing.id],
    }).expect(201);
    const decided = await post(
      coach,
      `/api/match-proposals/${(offered.body as { id: string }).id}/decision`,
      {
        decision: 'chose',
        sharingFamilyId: sharing.id,
        sharingFamilyAccepted: true,
        version: 1,
      },
    ).expect(200);
    return (decided.body as { linkUpId: string }).linkUpId;
  };

  it('completes the Seeking family, and a follow-up on the completed link-up is exported with its day from start', async () => {
    const seeking = await makeSeekingFamily(t.app, coach);
    const sharing = await makeApprovedSharingFamily(t.app, coach);
    const startedAt = t.clock.daysFromNow(-120);
    const made = await makeLinkUp(t.app, coach, {
      seekingFamily: seeking,
      sharingFamily: sharing,
      startedAt,
    });
    // What a choice does to the Seeking family (the link-up is backdated, so made directly).
    await db().transaction((manager) =>
      t.app.get(TransactionContext).within(manager, () =>
        t.app.get(FamilyLifecycleService).recordLinked(seeking, {
          linkUpId: made.linkUp.id,
          actorId: coach.id,
          at: startedAt,
        }),
      ),
    );
    const id = made.linkUp.id;
    await meetGuardsThroughDoingWith(t.app, coach, made);
    await transition(id, { to: 'doing_with', version: 1 }).expect(200);
    await transition(id, { to: 'doing_without', version: 2 }).expect(200);
    const measures = `/api/families/${seeking.id}/outcome-measures`;
    await post(coach, measures, {
      instrument: 'K10',
      timepoint: 'exit',
      score: 22,
      assessedBy: 'family',
      linkUpId: id,
    }).expect(201);
    await t.app.get(CheckInsService).recordHeldCheckIn({
      linkUpId: id,
      party: 'both',
      kind: 'closure',
      heldAt: t.clock.now(),
      mode: 'in_person',
      completedBy: coach.id,
    });
    await transition(id, { to: 'completed', closureReason: 'goals_reached', version: 3 }).expect(200);

    const completed = await familyOf(seeking.id);
    expect(completed.status).toBe('completed');
    expect(completed.statusHistory.at(-1)).toEqual(
      expect.objectContaining({
        fromStatus: 'linked',
        toStatus: 'completed',
        cause: 'link_up_completed',
        linkUpId: id,
        reason: 'goals_reached',
      }),
    );

    // A follow-up names the completed link-up and belongs to it; a baseline or a review cannot.
    const followUp = await post(coach, measures, {
      instrument: 'K10',
      timepoint: 'follow_up',
      score: 18,
      assessedBy: 'family',
      linkUpId: id,
    }).expect(201);
    expect(followUp.body).toMatchObject({ linkUpId: id, timepoint: 'follow_up' });
    for (const timepoint of ['baseline', 'review']) {
      const refused = await post(coach, measures, {
        instrument: 'K10',
        timepoint,
        score: 18,
        assessedBy: 'family',
        linkUpId: id,
      }).expect(400);
      expect(refused.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [{ field: 'linkUpId' }] },
      });
    }
    // Taken before the link-up started: refused, naming the date.
    const early = await post(coach, measures, {
      instrument: 'K10',
      timepoint: 'follow_up',
      score: 18,
      assessedBy: 'family',
      linkUpId: id,
      administeredAt: t.clock.daysFromNow(-121).toISOString(),
    }).expect(400);
    expect(early.body).toMatchObject({ details: { fields: [{ field: 'administeredAt' }] } });
    // Not the family's link-up: refused.
    const stranger = await makeSeekingFamily(t.app, coach);
    await post(coach, `/api/families/${stranger.id}/outcome-measures`, {
      instrument: 'K10',
      timepoint: 'follow_up',
      score: 18,
      assessedBy: 'family',
      linkUpId: id,
    }).expect(400);
    // A follow-up without a link-up named belongs to the family's latest closed link-up.
    const unnamed = await post(coach, measures, {
      instrument: 'PWI',
      timepoint: 'follow_up',
      score: 70,
      assessedBy: 'joint',
    }).expect(201);
    expect(unnamed.body).toMatchObject({ linkUpId: id });
    // One recorded before this rule (no link-up) is still dated from the link-up it follows.
    const legacyAt = t.clock.daysFromNow(-1);
    await db().query(
      `INSERT INTO outcome_measures (family_id, link_up_id, instrument, timepoint, score, declined, administered_at, assessed_by, recorded_by)
       VALUES ($1, NULL, 'PSOC', 'follow_up', 40, false, $2, 'family', $3)`,
      [seeking.id, legacyAt, coach.id],
    );

    await setEvaluationConsent(t.app, coach, seeking, true);
    const res = await get(evaluator, '/api/exports/outcome-measures.csv').expect(200);
    const rows = csvObjects(res.text);
    const exit = rows.find((r) => r.timepoint === 'exit');
    const followUps = rows.filter((r) => r.timepoint === 'follow_up');
    expect(exit?.link_up_id).toMatch(/^L/);
    expect(followUps).toHaveLength(3);
    const administered = new Date((followUp.body as { administeredAt: string }).administeredAt);
    for (const row of followUps) {
      expect(row).toMatchObject({
        link_up_id: exit?.link_up_id,
        start_month: startMonth(startedAt),
        administered_month: '',
      });
    }
    expect(followUps.find((r) => r.instrument === 'K10')?.day_from_start).toBe(
      String(daysFrom(startedAt, administered)),
    );
    expect(followUps.find((r) => r.instrument === 'PSOC')?.day_from_start).toBe(
      String(daysFrom(startedAt, legacyAt)),
    );
    expect(Number(followUps.find((r) => r.instrument === 'K10')?.day_from_start)).toBeGreaterThanOrEqual(119);
  });

  it('ending early returns the Seeking family to choosing with the reason; the next suggestions show the history, and the re-match links to it', async () => {
    const seeking = await makeSeekingFamily(t.app, coach);
    const [first, second, third] = [
      await makeApprovedSharingFamily(t.app, coach),
      await makeApprovedSharingFamily(t.app, coach),
      await makeApprovedSharingFamily(t.app, coach),
    ];
    const firstLinkUp = await choose(seeking, first);
    expect((await familyOf(seeking.id)).status).toBe('linked');
    await transition(firstLinkUp, { to: 'ended_early', closureReason: 'not_a_good_fit', version: 1 }).expect(
      200,
    );

    const returned = await familyOf(seeking.id);
    expect(returned.status).toBe('choosing');
    expect(returned.waitingSince).not.toBeNull();
    expect(returned.statusHistory.map((e) => [e.fromStatus, e.toStatus, e.cause])).toEqual([
      ['referred', 'intake', 'hand_move'],
      ['intake', 'choosing', 'hand_move'],
      ['choosing', 'linked', 'link_up_started'],
      ['linked', 'choosing', 'link_up_ended_early'],
    ]);
    expect(returned.statusHistory.at(-1)).toMatchObject({ linkUpId: firstLinkUp, reason: 'not_a_good_fit' });

    // `not_a_good_fit` is about the pair: it is left out, and the history says why.
    let suggested = (await get(coach, `/api/families/${seeking.id}/suggestions`).expect(200))
      .body as SuggestionsBody;
    expect(suggested.previousLinkUps).toEqual([
      expect.objectContaining({
        linkUpId: firstLinkUp,
        sharingFamilyId: first.id,
        status: 'ended_early',
        stageReached: 'relationship_building',
        weeks: 0,
        reason: 'not_a_good_fit',
        pairExcluded: true,
      }),
    ]);
    expect(suggested.suggestions.map((s) => s.sharingFamilyId)).not.toContain(first.id);
    expect(
      suggested.excluded.find((e) => e.sharingFamilyId === first.id)?.failures.map((f) => f.key),
    ).toEqual(['exclusion']);
    expect(suggested.suggestions.map((s) => s.sharingFamilyId)).toEqual(
      expect.arrayContaining([second.id, third.id]),
    );

    // The re-match links to the link-up before it.
    const secondLinkUp = await choose(seeking, second);
    const linkUp = (await get(coach, `/api/link-ups/${secondLinkUp}`).expect(200)).body as {
      previousLinkUpId: string | null;
    };
    expect(linkUp.previousLinkUpId).toBe(firstLinkUp);

    // `moved_away` is about circumstances: the pair may meet again, shown with its history.
    await transition(secondLinkUp, { to: 'ended_early', closureReason: 'moved_away', version: 1 }).expect(
      200,
    );
    expect((await familyOf(seeking.id)).status).toBe('choosing');
    suggested = (await get(coach, `/api/families/${seeking.id}/suggestions`).expect(200))
      .body as SuggestionsBody;
    expect(suggested.previousLinkUps.map((p) => [p.linkUpId, p.reason, p.pairExcluded])).toEqual([
      [secondLinkUp, 'moved_away', false],
      [firstLinkUp, 'not_a_good_fit', true],
    ]);
    expect(suggested.suggestions.find((s) => s.sharingFamilyId === second.id)?.previousLinkUpId).toBe(
      secondLinkUp,
    );
    expect(suggested.suggestions.find((s) => s.sharingFamilyId === third.id)?.previousLinkUpId).toBeNull();
  });

  it('returns the family to waitlisted when the programme says so; a safeguarding end excludes the pair', async () => {
    const settings = (await get(admin, '/api/settings').expect(200)).body as { version: number };
    await t
      .http()
      .patch('/api/settings')
      .set('authorization', `Bearer ${tokens.get(admin.id)}`)
      .send({ version: settings.version, changes: { afterLinkUp: { endedEarlyReturnsTo: 'waitlisted' } } })
      .expect(200);
    try {
      const seeking = await makeSeekingFamily(t.app, coach);
      const sharing = await makeApprovedSharingFamily(t.app, coach);
      const linkUpId = await choose(seeking, sharing);
      const concern = await post(coach, '/api/safeguarding-concerns', {
        linkUpId,
        severity: 'medium',
        description: 'A worry.',
      }).expect(201);
      await post(admin, `/api/safeguarding-concerns/${(concern.body as { id: string }).id}/triage`, {
        decision: 'referred_to_child_protection',
        linkUpEffect: 'end',
        version: 1,
      }).expect(200);
      const family = await familyOf(seeking.id);
      expect(family.status).toBe('waitlisted');
      expect(family.statusHistory.at(-1)).toMatchObject({
        toStatus: 'waitlisted',
        cause: 'link_up_ended_early',
        reason: 'safety_concern',
      });
      const exclusions = await db().query<{ sharing_family_id: string; reason: string }[]>(
        'SELECT sharing_family_id, reason FROM match_exclusions WHERE seeking_family_id = $1 AND overridden_at IS NULL',
        [seeking.id],
      );
      expect(exclusions).toEqual([{ sharing_family_id: sharing.id, reason: 'ended_badly' }]);
    } finally {
      const current = (await get(admin, '/api/settings').expect(200)).body as { version: number };
      await t
        .http()
        .patch('/api/settings')
        .set('authorization', `Bearer ${tokens.get(admin.id)}`)
        .send({ version: current.version, changes: { afterLinkUp: { endedEarlyReturnsTo: 'choosing' } } })
        .expect(200);
    }
  });

  it('shows a family user its history without the reasons', async () => {
    const seeking = await makeSeekingFamily(t.app, coach);
    const sharing = await makeApprovedSharingFamily(t.app, coach);
    const linkUpId = await choose(seeking, sharing);
    await transition(linkUpId, { to: 'ended_early', closureReason: 'family_withdrew', version: 1 }).expect(
      200,
    );
    const familyUser = await makeUser(t.app, {
      role: 'family',
      siteId: seeking.siteId,
      familyId: seeking.id,
    });
    tokens.set(familyUser.id, await tokenFor(t.app, familyUser));
    const own = (await get(familyUser, `/api/families/${seeking.id}`).expect(200)).body as FamilyBody;
    expect(own.statusHistory.at(-1)).toEqual(
      expect.objectContaining({ toStatus: 'choosing', cause: 'link_up_ended_early', linkUpId }),
    );
    expect(own.statusHistory.every((e) => !('reason' in e))).toBe(true);
  });
});
