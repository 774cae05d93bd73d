import { LinkUpChangesBus, type LinkUpChanged, type Site, type User } from '@app/core';
import {
  makeApprovedSharingFamily,
  makeFamily,
  makeMatchProposal,
  makeSeekingFamily,
  makeSite,
  makeUser,
  tokenFor,
} from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app';

interface Factor {
  key: string;
  weight: number;
  value: number | null;
  contribution: number | null;
  reason: string;
}
interface Suggestion {
  rank: number;
  sharingFamilyId: string;
  displayName: string;
  score: number;
  factors: Factor[];
  previouslyDeclined: boolean;
}
interface SuggestionsBody {
  eligibleCount: number;
  suggestions: Suggestion[];
  excluded: { sharingFamilyId: string; failures: { key: string; reason: string }[] }[];
  excludedCount: number;
  excludedByConstraint: Record<string, number>;
}
interface ProposalBody {
  id: string;
  status: string;
  version: number;
  linkUpId: string | null;
  candidates: {
    sharingFamilyId: string;
    rank: number;
    displayName?: string;
    explanation: { factors: Factor[] };
  }[];
}

describe('matching: suggestions, shortlists, choices and cohorts (DESIGN §4.2)', () => {
  let t: TestApp;
  let site: Site;
  let coach: User;
  let otherCoach: User;
  const tokens: Record<string, string> = {};
  const events: LinkUpChanged[] = [];

  const as = (who: string) => ({
    get: (path: string) => t.http().get(path).set('authorization', `Bearer ${tokens[who]}`),
    post: (path: string, body: object) =>
      t.http().post(path).set('authorization', `Bearer ${tokens[who]}`).send(body),
  });
  const db = () => t.app.get(DataSource);

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
    tokens.supervisor = await tokenFor(t.app, supervisor);
    t.app.get(LinkUpChangesBus).subscribe((event) => {
      events.push(event);
    });
  });
  afterAll(() => t.close());

  describe('suggestions', () => {
    it('ranks eligible Sharing families with explanations, and lists the excluded with why not', async () => {
      const seeking = await makeSeekingFamily(t.app, coach, {
        goalThemes: ['routines'],
        lifeExperiences: ['single_parenting'],
        childrenAgeBands: ['age_5_9'],
        interests: null,
      });
      const strong = await makeApprovedSharingFamily(t.app, otherCoach, {
        strengths: ['routines_and_structure'],
        lifeExperiences: ['single_parenting'],
        childrenAgeBands: ['age_5_9'],
      });
      const weak = await makeApprovedSharingFamily(t.app, otherCoach, {
        strengths: ['budgeting'],
        lifeExperiences: ['migration'],
        childrenAgeBands: ['age_15_17'],
      });
      const greek = await makeApprovedSharingFamily(t.app, otherCoach, { languages: ['greek'] });
      const expired = await makeApprovedSharingFamily(t.app, otherCoach, {
        // Current today, but expiring long before a link-up planned now would end.
        checkExpiries: [t.clock.todayPlus(30)],
      });
      const far = await makeApprovedSharingFamily(t.app, otherCoach, { latitude: -34.5, longitude: 139.5 });
      const training = await makeFamily(t.app, otherCoach, 'sharing');

      const res = await as('coach').get(`/api/families/${seeking.id}/suggestions?limit=5`).expect(200);
      const body = res.body as SuggestionsBody;
      expect(body.suggestions.map((s) => s.sharingFamilyId)).toEqual([strong.id, weak.id]);
      expect(body.suggestions[0]).toMatchObject({
        rank: 1,
        displayName: strong.displayName,
        previouslyDeclined: false,
      });
      expect(body.suggestions[0].score).toBeGreaterThan(body.suggestions[1].score);
      const factors = Object.fromEntries(body.suggestions[0].factors.map((f) => [f.key, f]));
      expect(factors.life_experiences).toMatchObject({ weight: 3, value: 1 });
      expect(factors.strengths_goals).toMatchObject({ weight: 3, value: 1 });
      // Unknown data is shown as unknown, not scored as zero.
      expect(factors.interests).toMatchObject({ value: null, contribution: null });
      expect(factors.interests.reason).toMatch(/unknown/i);
      const contributions = body.suggestions[0].factors.reduce((sum, f) => sum + (f.contribution ?? 0), 0);
      expect(contributions).toBeCloseTo(body.suggestions[0].score, 6);

      const why = Object.fromEntries(
        body.excluded.map((e) => [e.sharingFamilyId, e.failures.map((f) => f.key)]),
      );
      expect(why[greek.id]).toEqual(['language']);
      expect(why[expired.id]).toEqual(['wwcc']);
      expect(why[far.id]).toEqual(['travel_distance']);
      // In training: not a candidate at all (only approved and on-hold families are listed).
      expect(why[training.id]).toBeUndefined();
      expect(body.excludedByConstraint).toEqual({ wwcc: 1, language: 1, travel_distance: 1 });
    });

    it('takes its weights from the programme settings', async () => {
      const seeking = await makeSeekingFamily(t.app, coach, { interests: ['beach'] });
      await makeApprovedSharingFamily(t.app, otherCoach, { interests: ['beach'] });
      const before = (await as('coach').get(`/api/families/${seeking.id}/suggestions`).expect(200))
        .body as SuggestionsBody;
      expect(before.suggestions[0].factors.find((f) => f.key === 'interests')?.weight).toBe(1);
      const admin = await makeUser(t.app, { role: 'admin' });
      const adminToken = await tokenFor(t.app, admin);
      const current = (await t.http().get('/api/settings').set('authorization', `Bearer ${adminToken}`))
        .body as {
        version: number;
      };
      await t
        .http()
        .patch('/api/settings')
        .set('authorization', `Bearer ${adminToken}`)
        .send({ version: current.version, changes: { matching: { weights: { interests: 4 } } } })
        .expect(200);
      const after = (await as('coach').get(`/api/families/${seeking.id}/suggestions`).expect(200))
        .body as SuggestionsBody;
      expect(after.suggestions[0].factors.find((f) => f.key === 'interests')?.weight).toBe(4);
    });

    it('skips an excluded pair, with the reason, and answers 404 outside the caseload', async () => {
      const seeking = await makeSeekingFamily(t.app, coach);
      const sharing = await makeApprovedSharingFamily(t.app, otherCoach);
      await as('coach')
        .post(`/api/families/${seeking.id}/exclusions`, {
          sharingFamilyId: sharing.id,
          reason: 'known_to_each_other',
        })
        .expect(201);
      await as('coach')
        .post(`/api/families/${seeking.id}/exclusions`, { sharingFamilyId: sharing.id, reason: 'other' })
        .expect(409, /MATCH.PAIR_ALREADY_EXCLUDED/);
      const body = (await as('coach').get(`/api/families/${seeking.id}/suggestions`).expect(200))
        .body as SuggestionsBody;
      expect(body.suggestions.map((s) => s.sharingFamilyId)).not.toContain(sharing.id);
      const excluded = body.excluded.find((e) => e.sharingFamilyId === sharing.id);
      expect(excluded?.failures).toEqual([
        { key: 'exclusion', reason: expect.stringMatching(/know each other/) },
      ]);
      await as('otherCoach').get(`/api/families/${seeking.id}/suggestions`).expect(404);
      await as('coach').get(`/api/families/${sharing.id}/suggestions`).expect(404);
      await as('supervisor')
        .get(`/api/families/${sharing.id}/suggestions`)
        .expect(409, /MATCH.NOT_A_SEEKING_FAMILY/);
    });
  });

  describe('shortlists and choices', () => {
    it('snapshots the explanations, and a choice creates the link-up and links the Seeking family', async () => {
      const seeking = await makeSeekingFamily(t.app, coach, {}, 'intake');
      const [a, b] = await Promise.all([
        makeApprovedSharingFamily(t.app, otherCoach),
        makeApprovedSharingFamily(t.app, otherCoach),
      ]);
      const offered = await as('coach')
        .post('/api/match-proposals', { seekingFamilyId: seeking.id, sharingFamilyIds: [a.id, b.id] })
        .expect(201);
      const proposal = offered.body as ProposalBody;
      expect(proposal).toMatchObject({ status: 'open', version: 1 });
      expect(proposal.candidates).toHaveLength(2);
      expect(proposal.candidates[0].explanation.factors).toHaveLength(7);
      const family = (await as('coach').get(`/api/families/${seeking.id}`).expect(200)).body as {
        status: string;
      };
      expect(family.status).toBe('choosing');

      await as('coach')
        .post(`/api/match-proposals/${proposal.id}/decision`, { decision: 'chose', version: 1 })
        .expect(400);
      const decided = await as('coach')
        .post(`/api/match-proposals/${proposal.id}/decision`, {
          decision: 'chose',
          sharingFamilyId: b.id,
          sharingFamilyAccepted: true,
          version: 1,
        })
        .expect(200);
      const chosen = decided.body as ProposalBody;
      expect(chosen).toMatchObject({ status: 'chosen', version: 2 });
      const [linkUp] = await db().query<
        { stage: string; status: string; sharing_family_id: string; coach_id: string }[]
      >('SELECT stage, status, sharing_family_id, coach_id FROM link_ups WHERE id = $1', [chosen.linkUpId]);
      expect(linkUp).toEqual({
        stage: 'relationship_building',
        status: 'active',
        sharing_family_id: b.id,
        coach_id: coach.id,
      });
      const [linked] = await db().query<{ status: string; waiting_since: Date | null }[]>(
        'SELECT status, waiting_since FROM families WHERE id = $1',
        [seeking.id],
      );
      expect(linked).toEqual({ status: 'linked', waiting_since: null });
      expect(events).toContainEqual(expect.objectContaining({ linkUpId: chosen.linkUpId, kind: 'created' }));
      const audit = await db().query<{ action: string }[]>(
        `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at`,
        [proposal.id],
      );
      expect(audit.map((r) => r.action)).toEqual(['match_proposal.offered', 'match_proposal.decided']);

      // Answered once: a second answer is refused, and the stale version says so.
      await as('coach')
        .post(`/api/match-proposals/${proposal.id}/decision`, { decision: 'declined', version: 1 })
        .expect(409, /VERSION_CONFLICT/);
      await as('coach')
        .post(`/api/match-proposals/${proposal.id}/decision`, { decision: 'declined', version: 2 })
        .expect(409, /MATCH.PROPOSAL_CLOSED/);
      // A linked family gets no new shortlist.
      await as('coach')
        .post('/api/match-proposals', { seekingFamilyId: seeking.id, sharingFamilyIds: [a.id] })
        .expect(409, /MATCH.SEEKING_FAMILY_NOT_WAITING/);
    });

    it('refuses to shortlist a family that fails a hard constraint, naming it', async () => {
      const seeking = await makeSeekingFamily(t.app, coach);
      const onHoldSoon = await makeApprovedSharingFamily(t.app, otherCoach, { languages: ['italian'] });
      const res = await as('coach')
        .post('/api/match-proposals', { seekingFamilyId: seeking.id, sharingFamilyIds: [onHoldSoon.id] })
        .expect(409);
      expect(res.body).toMatchObject({
        code: 'MATCH.CANDIDATE_NOT_ELIGIBLE',
        details: { candidates: [{ sharingFamilyId: onHoldSoon.id, failures: [{ key: 'language' }] }] },
      });
      const rows = await db().query<unknown[]>('SELECT 1 FROM match_proposals WHERE seeking_family_id = $1', [
        seeking.id,
      ]);
      expect(rows).toHaveLength(0);
    });

    it('turns a decline into exclusions that suggestions skip, unless a coach overrides', async () => {
      const seeking = await makeSeekingFamily(t.app, coach);
      const sharing = await makeApprovedSharingFamily(t.app, otherCoach);
      const proposal = await makeMatchProposal(t.app, coach, seeking, [sharing]);
      await as('coach')
        .post(`/api/match-proposals/${proposal.id}/decision`, {
          decision: 'declined',
          version: proposal.version,
        })
        .expect(200, /"status":"declined"/);
      const after = (await as('coach').get(`/api/families/${seeking.id}/suggestions`).expect(200))
        .body as SuggestionsBody;
      expect(after.suggestions.map((s) => s.sharingFamilyId)).not.toContain(sharing.id);
      expect(after.excluded.find((e) => e.sharingFamilyId === sharing.id)?.failures[0]).toMatchObject({
        key: 'exclusion',
        reason: expect.stringMatching(/declined/),
      });
      const overridden = (
        await as('coach').get(`/api/families/${seeking.id}/suggestions?includeDeclined=true`).expect(200)
      ).body as SuggestionsBody;
      expect(overridden.suggestions.find((s) => s.sharingFamilyId === sharing.id)).toMatchObject({
        previouslyDeclined: true,
      });
      await as('coach')
        .post('/api/match-proposals', { seekingFamilyId: seeking.id, sharingFamilyIds: [sharing.id] })
        .expect(409, /MATCH.CANDIDATE_NOT_ELIGIBLE/);
      const again = await as('coach')
        .post('/api/match-proposals', {
          seekingFamilyId: seeking.id,
          sharingFamilyIds: [sharing.id],
          overrideDeclined: true,
        })
        .expect(201);
      expect(
        (again.body as { candidates: { overrodeDecline: boolean }[] }).candidates[0].overrodeDecline,
      ).toBe(true);
    });

    it('records the Sharing family declining as an exclusion, and "more options" as just that', async () => {
      const seeking = await makeSeekingFamily(t.app, coach);
      const [a, b] = await Promise.all([
        makeApprovedSharingFamily(t.app, otherCoach),
        makeApprovedSharingFamily(t.app, otherCoach),
      ]);
      const first = await makeMatchProposal(t.app, coach, seeking, [a, b]);
      await as('coach')
        .post(`/api/match-proposals/${first.id}/decision`, {
          decision: 'chose',
          sharingFamilyId: a.id,
          sharingFamilyAccepted: false,
          version: 1,
        })
        .expect(200, /"status":"sharing_family_declined"/);
      const exclusions = await db().query<{ sharing_family_id: string; reason: string }[]>(
        'SELECT sharing_family_id, reason FROM match_exclusions WHERE seeking_family_id = $1',
        [seeking.id],
      );
      expect(exclusions).toEqual([{ sharing_family_id: a.id, reason: 'declined' }]);
      const second = await makeMatchProposal(t.app, coach, seeking, [b]);
      await as('coach')
        .post(`/api/match-proposals/${second.id}/decision`, { decision: 'more_options', version: 1 })
        .expect(200, /"status":"more_options_requested"/);
      const count = await db().query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM match_exclusions WHERE seeking_family_id = $1',
        [seeking.id],
      );
      expect(count[0].n).toBe(1);
    });

    it('shows a family user its shortlist and why, without the other families’ names', async () => {
      const seeking = await makeSeekingFamily(t.app, coach);
      const sharing = await makeApprovedSharingFamily(t.app, otherCoach);
      const proposal = await makeMatchProposal(t.app, coach, seeking, [sharing]);
      const familyUser = await makeUser(t.app, { role: 'family', siteId: site.id, familyId: seeking.id });
      tokens.familyUser = await tokenFor(t.app, familyUser);
      const seen = (await as('familyUser').get(`/api/match-proposals/${proposal.id}`).expect(200))
        .body as ProposalBody;
      expect(seen.candidates[0].explanation.factors.length).toBe(7);
      expect(seen.candidates[0]).not.toHaveProperty('displayName');
      expect(JSON.stringify(seen)).not.toContain(sharing.displayName);
      const staff = (await as('coach').get(`/api/match-proposals/${proposal.id}`).expect(200))
        .body as ProposalBody;
      expect(staff.candidates[0].displayName).toBe(sharing.displayName);
      await as('familyUser')
        .post(`/api/match-proposals/${proposal.id}/decision`, { decision: 'declined', version: 1 })
        .expect(403);
    });

    it('gives exactly one link-up when several families choose one Sharing family with one place at once', async () => {
      const sharing = await makeApprovedSharingFamily(t.app, otherCoach, { maxConcurrentLinkUps: 1 });
      const seekers = await Promise.all(Array.from({ length: 6 }, () => makeSeekingFamily(t.app, coach)));
      const proposals = [];
      for (const seeking of seekers)
        proposals.push(await makeMatchProposal(t.app, coach, seeking, [sharing]));
      const results = await Promise.all(
        proposals.map((p) =>
          as('coach').post(`/api/match-proposals/${p.id}/decision`, {
            decision: 'chose',
            sharingFamilyId: sharing.id,
            sharingFamilyAccepted: true,
            version: 1,
          }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) {
        expect(r.body).toMatchObject({
          code: 'MATCH.CAPACITY_FULL',
          details: { capacity: 1, liveLinkUps: 1 },
        });
      }
      const live = await db().query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM link_ups WHERE sharing_family_id = $1 AND status IN ('active', 'paused')`,
        [sharing.id],
      );
      expect(live[0].n).toBe(1);
      const linked = await db().query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM families WHERE id = ANY($1::uuid[]) AND status = 'linked'`,
        [seekers.map((s) => s.id)],
      );
      expect(linked[0].n).toBe(1);
    });

    it('links a Seeking family once when two of its shortlists are answered at once', async () => {
      const seeking = await makeSeekingFamily(t.app, coach);
      const [a, b] = await Promise.all([
        makeApprovedSharingFamily(t.app, otherCoach),
        makeApprovedSharingFamily(t.app, otherCoach),
      ]);
      const first = await makeMatchProposal(t.app, coach, seeking, [a]);
      // A second proposal withdraws the first; answer the second twice at once.
      const second = await makeMatchProposal(t.app, coach, seeking, [b]);
      await as('coach')
        .post(`/api/match-proposals/${first.id}/decision`, { decision: 'declined', version: 2 })
        .expect(409, /MATCH.PROPOSAL_CLOSED/);
      const body = { decision: 'chose', sharingFamilyId: b.id, sharingFamilyAccepted: true, version: 1 };
      const results = await Promise.all([
        as('coach').post(`/api/match-proposals/${second.id}/decision`, body),
        as('coach').post(`/api/match-proposals/${second.id}/decision`, body),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const live = await db().query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM link_ups WHERE seeking_family_id = $1`,
        [seeking.id],
      );
      expect(live[0].n).toBe(1);
    });
  });

  describe('review fixes', () => {
    const choose = (proposalId: string, sharingFamilyId: string, extra: object = {}) =>
      as('coach').post(`/api/match-proposals/${proposalId}/decision`, {
        decision: 'chose',
        sharingFamilyId,
        sharingFamilyAccepted: true,
        version: 1,
        ...extra,
      });
    const liveExclusions = (seekingId: string) =>
      db().query<{ sharing_family_id: string; reason: string }[]>(
        `SELECT sharing_family_id, reason FROM match_exclusions
          WHERE seeking_family_id = $1 AND overridden_at IS NULL ORDER BY created_at`,
        [seekingId],
      );

    it('answers an offer racing a decision without a deadlock, 404 or 500, and ends consistent', async () => {
      for (const decision of ['more_options', 'chose', 'declined', 'chose']) {
        const seeking = await makeSeekingFamily(t.app, coach);
        const [a, b] = await Promise.all([
          makeApprovedSharingFamily(t.app, otherCoach),
          makeApprovedSharingFamily(t.app, otherCoach),
        ]);
        const first = await makeMatchProposal(t.app, coach, seeking, [a]);
        const [offer, decided] = await Promise.all([
          as('coach').post('/api/match-proposals', { seekingFamilyId: seeking.id, sharingFamilyIds: [b.id] }),
          as('coach').post(`/api/match-proposals/${first.id}/decision`, {
            decision,
            sharingFamilyId: a.id,
            sharingFamilyAccepted: true,
            version: 1,
          }),
        ]);
        expect([200, 409]).toContain(decided.status);
        expect([201, 409]).toContain(offer.status);
        const proposals = await db().query<{ id: string; status: string }[]>(
          'SELECT id, status FROM match_proposals WHERE seeking_family_id = $1',
          [seeking.id],
        );
        const firstStatus = proposals.find((p) => p.id === first.id)?.status;
        if (decided.status === 200) {
          expect(firstStatus).not.toBe('withdrawn');
          // A choice links the family: the offer that lost the race is refused.
          if (decision === 'chose')
            expect(offer.body).toMatchObject({ code: 'MATCH.SEEKING_FAMILY_NOT_WAITING' });
          else expect(offer.status).toBe(201);
        } else {
          expect(decided.body).toMatchObject({ code: 'VERSION_CONFLICT' });
          expect(offer.status).toBe(201);
          expect(firstStatus).toBe('withdrawn');
        }
        expect(proposals.filter((p) => p.status === 'open')).toHaveLength(offer.status === 201 ? 1 : 0);
        const links = await db().query<unknown[]>('SELECT 1 FROM link_ups WHERE seeking_family_id = $1', [
          seeking.id,
        ]);
        expect(links).toHaveLength(decision === 'chose' && decided.status === 200 ? 1 : 0);
      }
    });

    it('never suggests, shortlists or links a Sharing family that withdrew participation consent', async () => {
      const seeking = await makeSeekingFamily(t.app, coach);
      const sharing = await makeApprovedSharingFamily(t.app, otherCoach);
      const proposal = await makeMatchProposal(t.app, coach, seeking, [sharing]);
      await t
        .http()
        .post(`/api/families/${sharing.id}/consents`)
        .set('authorization', `Bearer ${tokens.otherCoach}`)
        .send({ kind: 'participation', action: 'withdraw' })
        .expect(200);
      const body = (
        await as('coach').get(`/api/families/${proposal.seekingFamilyId}/suggestions`).expect(200)
      ).body as SuggestionsBody;
      expect(body.suggestions.map((s) => s.sharingFamilyId)).not.toContain(sharing.id);
      expect(body.excluded.find((e) => e.sharingFamilyId === sharing.id)?.failures).toEqual([
        { key: 'consent', reason: expect.stringMatching(/consent to take part/) },
      ]);
      const chosen = await choose(proposal.id, sharing.id).expect(409);
      expect(chosen.body).toMatchObject({
        code: 'MATCH.CANDIDATE_NOT_ELIGIBLE',
        details: { candidates: [{ sharingFamilyId: sharing.id, failures: [{ key: 'consent' }] }] },
      });
      const links = await db().query<unknown[]>('SELECT 1 FROM link_ups WHERE sharing_family_id = $1', [
        sharing.id,
      ]);
      expect(links).toHaveLength(0);
      const offer = await as('coach')
        .post('/api/match-proposals', { seekingFamilyId: seeking.id, sharingFamilyIds: [sharing.id] })
        .expect(409);
      expect(offer.body).toMatchObject({
        code: 'MATCH.CANDIDATE_NOT_ELIGIBLE',
        details: { candidates: [{ failures: [{ key: 'consent' }] }] },
      });
    });

    it('upgrades a live decline to a stronger reason, which no override clears', async () => {
      const seeking = await makeSeekingFamily(t.app, coach);
      const sharing = await makeApprovedSharingFamily(t.app, otherCoach);
      const proposal = await makeMatchProposal(t.app, coach, seeking, [sharing]);
      await as('coach')
        .post(`/api/match-proposals/${proposal.id}/decision`, { decision: 'declined', version: 1 })
        .expect(200);
      await as('coach')
        .post(`/api/families/${seeking.id}/exclusions`, { sharingFamilyId: sharing.id, reason: 'declined' })
        .expect(409, /MATCH.PAIR_ALREADY_EXCLUDED/);
      await as('coach')
        .post(`/api/families/${seeking.id}/exclusions`, {
          sharingFamilyId: sharing.id,
          reason: 'ended_badly',
        })
        .expect(201, /"reason":"ended_badly"/);
      expect(await liveExclusions(seeking.id)).toEqual([
        { sharing_family_id: sharing.id, reason: 'ended_badly' },
      ]);
      await as('coach')
        .post(`/api/families/${seeking.id}/exclusions`, { sharingFamilyId: sharing.id, reason: 'other' })
        .expect(409, /MATCH.PAIR_ALREADY_EXCLUDED/);
      const override = await as('coach')
        .post('/api/match-proposals', {
          seekingFamilyId: seeking.id,
          sharingFamilyIds: [sharing.id],
          overrideDeclined: true,
        })
        .expect(409);
      expect(override.body).toMatchObject({
        code: 'MATCH.CANDIDATE_NOT_ELIGIBLE',
        details: {
          candidates: [{ failures: [{ key: 'exclusion', reason: expect.stringMatching(/ended badly/) }] }],
        },
      });
      expect(await liveExclusions(seeking.id)).toEqual([
        { sharing_family_id: sharing.id, reason: 'ended_badly' },
      ]);
    });

    it('keeps a decline override to its own shortlist: gone with "more options", applied by a choice', async () => {
      const seeking = await makeSeekingFamily(t.app, coach);
      const sharing = await makeApprovedSharingFamily(t.app, otherCoach);
      const declined = await makeMatchProposal(t.app, coach, seeking, [sharing]);
      await as('coach')
        .post(`/api/match-proposals/${declined.id}/decision`, { decision: 'declined', version: 1 })
        .expect(200);
      const offer = (
        await as('coach')
          .post('/api/match-proposals', {
            seekingFamilyId: seeking.id,
            sharingFamilyIds: [sharing.id],
            overrideDeclined: true,
          })
          .expect(201)
      ).body as ProposalBody;
      // The decline still holds outside this shortlist.
      expect(await liveExclusions(seeking.id)).toEqual([
        { sharing_family_id: sharing.id, reason: 'declined' },
      ]);
      await as('coach')
        .post(`/api/match-proposals/${offer.id}/decision`, { decision: 'more_options', version: 1 })
        .expect(200);
      const after = (await as('coach').get(`/api/families/${seeking.id}/suggestions`).expect(200))
        .body as SuggestionsBody;
      expect(after.suggestions.map((s) => s.sharingFamilyId)).not.toContain(sharing.id);
      expect(after.excluded.find((e) => e.sharingFamilyId === sharing.id)?.failures[0]).toMatchObject({
        key: 'exclusion',
      });
      expect(await liveExclusions(seeking.id)).toEqual([
        { sharing_family_id: sharing.id, reason: 'declined' },
      ]);

      // Overridden again and chosen: the link-up is made and the decline stops excluding.
      const again = (
        await as('coach')
          .post('/api/match-proposals', {
            seekingFamilyId: seeking.id,
            sharingFamilyIds: [sharing.id],
            overrideDeclined: true,
          })
          .expect(201)
      ).body as ProposalBody;
      await choose(again.id, sharing.id).expect(200, /"status":"chosen"/);
      expect(await liveExclusions(seeking.id)).toEqual([]);
    });

    it('re-checks a choice against the planned weeks of that link-up (default 20)', async () => {
      const seeking = await makeSeekingFamily(t.app, coach);
      const sharing = await makeApprovedSharingFamily(t.app, otherCoach);
      const proposal = await makeMatchProposal(t.app, coach, seeking, [sharing]);
      // The check now ends 17 weeks from today: long enough for 12 weeks, not for 20 or 30.
      const expiry = t.clock.todayPlus(17 * 7);
      await db().query(`UPDATE people SET wwcc_expires_on = $1 WHERE family_id = $2`, [expiry, sharing.id]);
      const byDefault = await choose(proposal.id, sharing.id).expect(409);
      expect(byDefault.body).toMatchObject({
        code: 'MATCH.CANDIDATE_NOT_ELIGIBLE',
        details: { candidates: [{ failures: [{ key: 'wwcc' }] }] },
      });
      await choose(proposal.id, sharing.id, { plannedWeeks: 20 }).expect(409, /CANDIDATE_NOT_ELIGIBLE/);
      const decided = (await choose(proposal.id, sharing.id, { plannedWeeks: 12 }).expect(200))
        .body as ProposalBody;
      const [linkUp] = await db().query<{ planned_weeks: number }[]>(
        'SELECT planned_weeks FROM link_ups WHERE id = $1',
        [decided.linkUpId],
      );
      expect(linkUp.planned_weeks).toBe(12);
    });

    it('withdraws open shortlists when the Seeking family stops waiting, and refuses decisions then', async () => {
      const seeking = await makeSeekingFamily(t.app, coach);
      const sharing = await makeApprovedSharingFamily(t.app, otherCoach);
      const proposal = await makeMatchProposal(t.app, coach, seeking, [sharing]);
      const family = (await as('coach').get(`/api/families/${seeking.id}`).expect(200)).body as {
        version: number;
      };
      await as('coach')
        .post(`/api/families/${seeking.id}/status`, { to: 'withdrawn', version: family.version })
        .expect(200);
      const [row] = await db().query<{ status: string }[]>(
        'SELECT status FROM match_proposals WHERE id = $1',
        [proposal.id],
      );
      expect(row.status).toBe('withdrawn');
      await as('coach')
        .post(`/api/match-proposals/${proposal.id}/decision`, { decision: 'declined', version: 2 })
        .expect(409, /MATCH.PROPOSAL_CLOSED/);

      // An open shortlist of a family that is not waiting (written before this rule): every decision is refused.
      const other = await makeSeekingFamily(t.app, coach);
      const open = await makeMatchProposal(t.app, coach, other, [sharing]);
      await db().query(`UPDATE families SET status = 'referred' WHERE id = $1`, [other.id]);
      for (const decision of ['declined', 'more_options']) {
        await as('coach')
          .post(`/api/match-proposals/${open.id}/decision`, { decision, version: 1 })
          .expect(409, /MATCH.SEEKING_FAMILY_NOT_WAITING/);
      }
      expect(await liveExclusions(other.id)).toEqual([]);
    });

    it('ranks suggestions and shortlists by the figure each carries (issue 16), old snapshots included', async () => {
      const seeking = await makeSeekingFamily(t.app, coach, {
        goalThemes: ['routines'],
        lifeExperiences: ['single_parenting'],
        childrenAgeBands: ['age_5_9'],
        interests: ['cooking'],
        availabilitySlots: ['saturday_morning'],
      });
      // Known on little (interests, distance, load), all perfect: fit 100%, ranked far lower.
      const sparse = await makeApprovedSharingFamily(t.app, otherCoach, { interests: ['cooking'] });
      // Known on nearly everything, one miss: a lower fit, ranked higher.
      const known = await makeApprovedSharingFamily(t.app, otherCoach, {
        strengths: ['routines_and_structure'],
        lifeExperiences: ['single_parenting'],
        childrenAgeBands: ['age_5_9'],
        interests: ['music'],
        availabilitySlots: ['saturday_morning'],
      });
      type Ranked = {
        sharingFamilyId: string;
        score: number;
        rankingScore: number;
        knownWeightShare: number;
      };
      const suggestions = (
        (await as('coach').get(`/api/families/${seeking.id}/suggestions?limit=50`).expect(200)).body as {
          suggestions: (Ranked & { summary: string })[];
        }
      ).suggestions;
      for (let k = 1; k < suggestions.length; k++) {
        expect(suggestions[k - 1].rankingScore).toBeGreaterThanOrEqual(suggestions[k].rankingScore);
      }
      const bySharer = new Map(suggestions.map((s) => [s.sharingFamilyId, s]));
      const [s, k] = [bySharer.get(sparse.id)!, bySharer.get(known.id)!];
      // The rule, from what each shows: known share × fit + unknown share × 0.5.
      for (const r of [s, k]) {
        expect(r.rankingScore).toBeCloseTo(r.knownWeightShare * r.score + (1 - r.knownWeightShare) * 0.5, 10);
      }
      expect(s.score).toBe(1);
      expect(k.score).toBeLessThan(s.score);
      expect(k.rankingScore).toBeGreaterThan(s.rankingScore);
      expect(suggestions.indexOf(k)).toBeLessThan(suggestions.indexOf(s));
      const ranked = `${Math.round(s.rankingScore * 100)}%`;
      expect(s.summary).toContain(
        `Ranked at ${ranked}: for ranking, each of those factors counts as a neutral 50%`,
      );

      const offered = (
        await as('coach')
          .post('/api/match-proposals', {
            seekingFamilyId: seeking.id,
            sharingFamilyIds: [sparse.id, known.id],
          })
          .expect(201)
      ).body as { id: string; candidates: (Ranked & { rank: number; explanation: Ranked })[] };
      expect(offered.candidates.map((c) => [c.rank, c.sharingFamilyId])).toEqual([
        [1, known.id],
        [2, sparse.id],
      ]);
      expect(offered.candidates[1].rankingScore).toBe(s.rankingScore);
      expect(offered.candidates[1].explanation.rankingScore).toBe(offered.candidates[1].rankingScore);

      // A shortlist offered before explanations carried the figure: it is derived by the same rule,
      // for staff and (in the reduced explanation) for the family.
      await db().query(
        `UPDATE match_proposals SET candidates = (
           SELECT jsonb_agg((c - 'rankingScore') || jsonb_build_object('explanation', (c->'explanation') - 'rankingScore'))
           FROM jsonb_array_elements(candidates) c) WHERE id = $1`,
        [offered.id],
      );
      const stored = await db().query<{ candidates: object[] }[]>(
        `SELECT candidates FROM match_proposals WHERE id = $1`,
        [offered.id],
      );
      expect(JSON.stringify(stored[0].candidates)).not.toMatch(/rankingScore/);
      const old = (await as('coach').get(`/api/match-proposals/${offered.id}`).expect(200)).body as {
        candidates: (Ranked & { explanation: Ranked })[];
      };
      expect(old.candidates[1].rankingScore).toBeCloseTo(s.rankingScore, 10);
      expect(old.candidates[1].explanation.rankingScore).toBeCloseTo(s.rankingScore, 10);
      const familyUser = await makeUser(t.app, { role: 'family', siteId: site.id, familyId: seeking.id });
      const familyView = (
        await t
          .http()
          .get(`/api/match-proposals/${offered.id}`)
          .set('authorization', `Bearer ${await tokenFor(t.app, familyUser)}`)
          .expect(200)
      ).body as { candidates: (Ranked & { explanation: Ranked & { summary: string } })[] };
      expect(familyView.candidates[1].explanation.rankingScore).toBeCloseTo(s.rankingScore, 10);
      expect(familyView.candidates[1].explanation.summary).toContain(`ranked at ${ranked}`);
    });

    it('shows a family user the Sharing family’s details in the reasons only with its consent to share', async () => {
      const seeking = await makeSeekingFamily(t.app, coach, { lifeExperiences: ['single_parenting'] });
      const sharing = await makeApprovedSharingFamily(t.app, otherCoach, {
        lifeExperiences: ['single_parenting'],
      });
      const proposal = await makeMatchProposal(t.app, coach, seeking, [sharing]);
      const familyUser = await makeUser(t.app, { role: 'family', siteId: site.id, familyId: seeking.id });
      tokens.reducedFamily = await tokenFor(t.app, familyUser);
      const read = async () =>
        (
          (await as('reducedFamily').get(`/api/match-proposals/${proposal.id}`).expect(200)).body as {
            candidates: { explanation: { distanceKm: number | null; factors: Factor[] } }[];
          }
        ).candidates[0].explanation;
      const reduced = await read();
      const life = reduced.factors.find((f) => f.key === 'life_experiences');
      expect(life).toMatchObject({ label: expect.any(String), value: 1, reason: 'A strong fit' });
      expect(reduced.distanceKm).toBeNull();
      expect(JSON.stringify(reduced)).not.toMatch(/single parent| km\b/i);
      // Staff always see the full explanation.
      const staff = (await as('coach').get(`/api/match-proposals/${proposal.id}`).expect(200))
        .body as ProposalBody;
      expect(
        staff.candidates[0].explanation.factors.find((f) => f.key === 'life_experiences')?.reason,
      ).toMatch(/single parent/i);
      await t
        .http()
        .post(`/api/families/${sharing.id}/consents`)
        .set('authorization', `Bearer ${tokens.otherCoach}`)
        .send({ kind: 'share_with_partner_family', action: 'grant' })
        .expect(200);
      const full = await read();
      expect(full.factors.find((f) => f.key === 'life_experiences')?.reason).toMatch(/single parent/i);
      expect(full.distanceKm).not.toBeNull();
    });

    it('answers suggestions for a Seeking family that has left with 409', async () => {
      const seeking = await makeSeekingFamily(t.app, coach, {}, 'intake');
      await as('coach').get(`/api/families/${seeking.id}/suggestions`).expect(200);
      await as('coach')
        .post(`/api/families/${seeking.id}/status`, { to: 'withdrawn', version: seeking.version })
        .expect(200);
      await as('coach')
        .get(`/api/families/${seeking.id}/suggestions`)
        .expect(409, /MATCH.SEEKING_FAMILY_NOT_WAITING/);
    });
  });

  describe('cohort', () => {
    it('proposes the best total assignment of a site’s waiting families, within capacities, and says why not', async () => {
      const cohortSite = await makeSite(t.app);
      const cohortCoach = await makeUser(t.app, { role: 'coach', siteId: cohortSite.id });
      tokens.cohortCoach = await tokenFor(t.app, cohortCoach);
      const twoPlaces = await makeApprovedSharingFamily(t.app, cohortCoach, {
        maxConcurrentLinkUps: 2,
        strengths: ['routines_and_structure'],
      });
      const seekers = await Promise.all(
        Array.from({ length: 3 }, () =>
          makeSeekingFamily(t.app, cohortCoach, { goalThemes: ['routines'] }, 'waitlisted'),
        ),
      );
      const lonely = await makeSeekingFamily(t.app, cohortCoach, { languages: ['somali'] });
      await makeSeekingFamily(t.app, cohortCoach, {}, 'intake'); // not waiting: not in the cohort
      const res = await as('cohortCoach').post('/api/matching/cohort', { siteId: cohortSite.id }).expect(200);
      const body = res.body as {
        proposalOnly: boolean;
        assignments: { seekingFamilyId: string; sharingFamilyId: string }[];
        unassigned: { seekingFamilyId: string; reasonCode: string }[];
        stats: { seekerCount: number };
        displayNames: Record<string, string>;
      };
      expect(body.proposalOnly).toBe(true);
      expect(body.stats.seekerCount).toBe(4);
      expect(body.assignments).toHaveLength(2);
      expect(body.assignments.every((a) => a.sharingFamilyId === twoPlaces.id)).toBe(true);
      expect(body.assignments.every((a) => seekers.some((s) => s.id === a.seekingFamilyId))).toBe(true);
      const reasons = Object.fromEntries(body.unassigned.map((u) => [u.seekingFamilyId, u.reasonCode]));
      expect(reasons[lonely.id]).toBe('no_eligible_sharing_family');
      expect(Object.values(reasons).sort()).toEqual([
        'no_eligible_sharing_family',
        'places_went_to_better_overall_fit',
      ]);
      expect(body.displayNames[twoPlaces.id]).toBe(twoPlaces.displayName);
      // A proposal only: nothing was linked.
      const links = await db().query<unknown[]>('SELECT 1 FROM link_ups WHERE site_id = $1', [cohortSite.id]);
      expect(links).toHaveLength(0);
      await as('coach').post('/api/matching/cohort', { siteId: cohortSite.id }).expect(404);
      await as('cohortCoach').post('/api/matching/cohort', { fairnessPerWeekWaiting: -1 }).expect(400);
    });
  });
});
