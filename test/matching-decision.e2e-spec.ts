import type { Site, User } from '@app/core';
import {
  makeApprovedSharingFamily,
  makeMatchProposal,
  makeSeekingFamily,
  makeSite,
  makeUser,
  tokenFor,
} from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app';

interface ProposalBody {
  id: string;
  status: string;
  version: number;
  chosenSharingFamilyId: string | null;
  linkUpId: string | null;
}
interface ExclusionItem {
  id: string;
  seekingFamilyId: string;
  sharingFamilyId: string;
  reason: string;
  seekingFamilyName: string;
  sharingFamilyName: string;
  liftedAt: string | null;
  liftReason: string | null;
}

/**
 * Issue 14: the Seeking family's choice and the Sharing family's answer are two steps (pending in
 * between, never a default decline), and a mistaken decline can be lifted, with a reason.
 */
describe('matching: the choice, then the Sharing family’s answer; lifting an exclusion (issue 14)', () => {
  let t: TestApp;
  let site: Site;
  let coach: User;
  let otherCoach: User;
  const tokens: Record<string, string> = {};

  const as = (who: string) => ({
    get: (path: string) => t.http().get(path).set('authorization', `Bearer ${tokens[who]}`),
    post: (path: string, body: object) =>
      t.http().post(path).set('authorization', `Bearer ${tokens[who]}`).send(body),
  });
  const db = () => t.app.get(DataSource);
  const liveExclusions = (seekingFamilyId: string) =>
    db().query<{ sharing_family_id: string; reason: string }[]>(
      'SELECT sharing_family_id, reason FROM match_exclusions WHERE seeking_family_id = $1 AND overridden_at IS NULL',
      [seekingFamilyId],
    );

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    site = await makeSite(t.app);
    const supervisor = await makeUser(t.app, { role: 'supervisor', siteId: site.id });
    [coach, otherCoach] = await Promise.all([
      makeUser(t.app, { role: 'coach', siteId: site.id, supervisorId: supervisor.id }),
      makeUser(t.app, { role: 'coach', siteId: site.id, supervisorId: supervisor.id }),
    ]);
    tokens.coach = await tokenFor(t.app, coach);
    tokens.otherCoach = await tokenFor(t.app, otherCoach);
  });
  afterAll(() => t.close());

  it('records the choice as pending, then the acceptance as its own step, which creates the link-up', async () => {
    const seeking = await makeSeekingFamily(t.app, coach);
    const [a, b] = await Promise.all([
      makeApprovedSharingFamily(t.app, otherCoach),
      makeApprovedSharingFamily(t.app, otherCoach),
    ]);
    const proposal = await makeMatchProposal(t.app, coach, seeking, [a, b]);

    // The answer before the choice: refused, nothing written.
    await as('coach')
      .post(`/api/match-proposals/${proposal.id}/sharing-family-answer`, { answer: 'accepted', version: 1 })
      .expect(409, /MATCH.NOT_AWAITING_ANSWER/);

    const chose = await as('coach')
      .post(`/api/match-proposals/${proposal.id}/decision`, {
        decision: 'chose',
        sharingFamilyId: b.id,
        version: 1,
      })
      .expect(200);
    expect(chose.body as ProposalBody).toMatchObject({
      status: 'awaiting_sharing_family',
      chosenSharingFamilyId: b.id,
      linkUpId: null,
      version: 2,
    });
    // Pending is not a decline: no exclusion, no link-up, and the decision step is closed.
    expect(await liveExclusions(seeking.id)).toEqual([]);
    await as('coach')
      .post(`/api/match-proposals/${proposal.id}/decision`, { decision: 'declined', version: 2 })
      .expect(409, /MATCH.PROPOSAL_CLOSED/);
    await as('coach')
      .post(`/api/match-proposals/${proposal.id}/sharing-family-answer`, { answer: 'maybe', version: 2 })
      .expect(400, /VALIDATION_FAILED/);
    await as('coach')
      .post(`/api/match-proposals/${proposal.id}/sharing-family-answer`, { answer: 'accepted', version: 1 })
      .expect(409, /VERSION_CONFLICT/);

    const accepted = await as('coach')
      .post(`/api/match-proposals/${proposal.id}/sharing-family-answer`, {
        answer: 'accepted',
        version: 2,
        plannedWeeks: 16,
      })
      .expect(200);
    const body = accepted.body as ProposalBody;
    expect(body).toMatchObject({ status: 'chosen', chosenSharingFamilyId: b.id, version: 3 });
    const [linkUp] = await db().query<{ sharing_family_id: string; planned_weeks: number }[]>(
      'SELECT sharing_family_id, planned_weeks FROM link_ups WHERE id = $1',
      [body.linkUpId],
    );
    expect(linkUp).toEqual({ sharing_family_id: b.id, planned_weeks: 16 });
    const audit = await db().query<{ action: string; details: { decision: string } }[]>(
      `SELECT action, details FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at`,
      [proposal.id],
    );
    expect(audit.map((r) => [r.action, r.details.decision ?? null])).toEqual([
      ['match_proposal.offered', null],
      ['match_proposal.decided', 'chose'],
      ['match_proposal.decided', 'sharing_family_accepted'],
    ]);
  });

  it('records a decline as its own step, lists the exclusion with names, and lifts it with a reason', async () => {
    const seeking = await makeSeekingFamily(t.app, coach);
    const sharing = await makeApprovedSharingFamily(t.app, otherCoach);
    const proposal = await makeMatchProposal(t.app, coach, seeking, [sharing]);
    await as('coach')
      .post(`/api/match-proposals/${proposal.id}/decision`, {
        decision: 'chose',
        sharingFamilyId: sharing.id,
        version: 1,
      })
      .expect(200);
    await as('coach')
      .post(`/api/match-proposals/${proposal.id}/sharing-family-answer`, { answer: 'declined', version: 2 })
      .expect(200, /"status":"sharing_family_declined"/);
    expect(await liveExclusions(seeking.id)).toEqual([{ sharing_family_id: sharing.id, reason: 'declined' }]);

    // Listed on both families' records, with names; not to another coach's caseload.
    const list = (await as('coach').get(`/api/families/${seeking.id}/exclusions`).expect(200))
      .body as ExclusionItem[];
    expect(list).toEqual([
      expect.objectContaining({
        seekingFamilyId: seeking.id,
        sharingFamilyId: sharing.id,
        reason: 'declined',
        seekingFamilyName: seeking.displayName,
        sharingFamilyName: sharing.displayName,
        liftedAt: null,
      }),
    ]);
    const fromSharing = (await as('otherCoach').get(`/api/families/${sharing.id}/exclusions`).expect(200))
      .body as ExclusionItem[];
    expect(fromSharing.map((e) => e.id)).toEqual([list[0].id]);
    await as('otherCoach').get(`/api/families/${seeking.id}/exclusions`).expect(404);

    // The suggestions skip the pair until the exclusion is lifted.
    const skipped = (await as('coach').get(`/api/families/${seeking.id}/suggestions`).expect(200)).body as {
      suggestions: { sharingFamilyId: string }[];
    };
    expect(skipped.suggestions.map((s) => s.sharingFamilyId)).not.toContain(sharing.id);

    const lift = `/api/families/${seeking.id}/exclusions/${list[0].id}/lift`;
    await as('coach')
      .post(lift, {})
      .expect(400, /VALIDATION_FAILED/);
    await as('coach')
      .post(lift, { reason: 'because' })
      .expect(400, /VALIDATION_FAILED/);
    await as('otherCoach').post(lift, { reason: 'recorded_in_error' }).expect(404);
    await as('coach')
      .post(`/api/families/${sharing.id}/exclusions/${list[0].id}/lift`, { reason: 'recorded_in_error' })
      .expect(404);
    const lifted = await as('coach').post(lift, { reason: 'recorded_in_error' }).expect(200);
    expect(lifted.body).toMatchObject({
      id: list[0].id,
      liftReason: 'recorded_in_error',
      liftedAt: expect.any(String) as unknown,
    });
    await as('coach')
      .post(lift, { reason: 'recorded_in_error' })
      .expect(409, /MATCH.EXCLUSION_NOT_LIVE/);
    expect(await liveExclusions(seeking.id)).toEqual([]);
    await expect(
      as('coach')
        .get(`/api/families/${seeking.id}/exclusions`)
        .then((r) => r.body as unknown[]),
    ).resolves.toEqual([]);
    const again = (await as('coach').get(`/api/families/${seeking.id}/suggestions`).expect(200)).body as {
      suggestions: { sharingFamilyId: string; previouslyDeclined: boolean }[];
    };
    expect(again.suggestions.find((s) => s.sharingFamilyId === sharing.id)).toMatchObject({
      previouslyDeclined: false,
    });
    // And the pair can be offered again, no override needed.
    await as('coach')
      .post('/api/match-proposals', { seekingFamilyId: seeking.id, sharingFamilyIds: [sharing.id] })
      .expect(201);
    const [row] = await db().query<{ lift_reason: string; overridden_by: string }[]>(
      'SELECT lift_reason, overridden_by FROM match_exclusions WHERE id = $1',
      [list[0].id],
    );
    expect(row).toEqual({ lift_reason: 'recorded_in_error', overridden_by: coach.id });
    const audit = await db().query<{ action: string }[]>(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at`,
      [list[0].id],
    );
    expect(audit.map((r) => r.action)).toEqual(['match_exclusion.recorded', 'match_exclusion.lifted']);
  });

  it('withdraws a shortlist waiting for an answer when a new one is offered', async () => {
    const seeking = await makeSeekingFamily(t.app, coach);
    const [a, b] = await Promise.all([
      makeApprovedSharingFamily(t.app, otherCoach),
      makeApprovedSharingFamily(t.app, otherCoach),
    ]);
    const first = await makeMatchProposal(t.app, coach, seeking, [a]);
    await as('coach')
      .post(`/api/match-proposals/${first.id}/decision`, {
        decision: 'chose',
        sharingFamilyId: a.id,
        version: 1,
      })
      .expect(200);
    await makeMatchProposal(t.app, coach, seeking, [b]);
    const withdrawn = (await as('coach').get(`/api/match-proposals/${first.id}`).expect(200))
      .body as ProposalBody;
    expect(withdrawn.status).toBe('withdrawn');
    await as('coach')
      .post(`/api/match-proposals/${first.id}/sharing-family-answer`, {
        answer: 'accepted',
        version: withdrawn.version,
      })
      .expect(409, /MATCH.NOT_AWAITING_ANSWER/);
  });
});
