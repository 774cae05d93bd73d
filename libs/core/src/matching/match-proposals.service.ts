import {
  compareIds,
  DEFAULT_PLANNED_LINK_UP_WEEKS,
  evaluateMatch,
  type MatchExclusion as MatchExclusionRule,
} from '@app/domain';
import { Injectable } from '@nestjs/common';
import type { Caller } from '../access';
import { AuditService } from '../audit';
import { CommonErrors } from '../errors';
import {
  FamiliesService,
  FamilyLifecycleService,
  FamilyMatchCandidates,
  FamilyWriteStamp,
  SEEKING_WAITING_STATUSES,
  rowToMatchCandidate,
  toMatchSeeker,
} from '../families';
import type { Family } from '../families';
import { LinkUpChangesBus, LinkUpsService, LinkUpErrors } from '../link-ups';
import { ProgrammeSettingsService } from '../settings';
import { MatchExclusionsService } from './match-exclusions.service';
import type { MatchProposal, ShortlistedCandidate } from './match-proposal.entity';
import { MatchProposalsRepository } from './match-proposals.repository';
import { matchContextOf } from './match-suggestions.service';
import { isNotFoundError, MatchingErrors } from './matching.errors';
import { calendarDateIn, Clock } from '../clock';
import { SitesService } from '../sites';
import { TransactionContext } from '../transaction';

export interface ProposeShortlistInput {
  readonly seekingFamilyId: string;
  readonly sharingFamilyIds: readonly string[];
  /** Offer pairs the family declined before (a coach's override). */
  readonly overrideDeclined?: boolean;
}

export const MATCH_DECISIONS = ['chose', 'declined', 'more_options'] as const;
export type MatchDecision = (typeof MATCH_DECISIONS)[number];

export interface RecordDecisionInput {
  readonly decision: MatchDecision;
  readonly version: number;
  /** With `chose`: the Sharing family the Seeking family chose. */
  readonly sharingFamilyId?: string;
  /**
   * With `chose`: whether that Sharing family accepted, when the coach already knows. Omitted, the
   * shortlist waits for its answer (`awaiting_sharing_family`, recordSharingFamilyAnswer).
   */
  readonly sharingFamilyAccepted?: boolean;
  /** Planned length of the link-up in weeks (10–30); DEFAULT_PLANNED_LINK_UP_WEEKS when omitted. */
  readonly plannedWeeks?: number;
}

export const SHARING_FAMILY_ANSWERS = ['accepted', 'declined'] as const;
export type SharingFamilyAnswer = (typeof SHARING_FAMILY_ANSWERS)[number];

export interface RecordSharingFamilyAnswerInput {
  readonly answer: SharingFamilyAnswer;
  readonly version: number;
  /** Planned length of the link-up in weeks (10–30); DEFAULT_PLANNED_LINK_UP_WEEKS when omitted. */
  readonly plannedWeeks?: number;
}

/** Shortlists still waiting for an answer (withdrawn when a new one is offered). */
const UNANSWERED = ['open', 'awaiting_sharing_family'] as const;

/** Seeking statuses a shortlist can be offered in; offering one moves the family to `choosing`. */
const OFFERABLE = SEEKING_WAITING_STATUSES;

/**
 * Shortlists and choices (DESIGN §4.2): the coach offers, the Seeking family chooses, the Sharing
 * family may decline. A choice creates the link-up in the same transaction, under row locks on both
 * families, re-checking the Sharing family's capacity and eligibility. Reads and writes join the
 * transaction open in this async context (TransactionContext).
 */
@Injectable()
export class MatchProposalsService {
  constructor(
    private readonly proposals: MatchProposalsRepository,
    private readonly families: FamiliesService,
    private readonly lifecycle: FamilyLifecycleService,
    private readonly candidates: FamilyMatchCandidates,
    private readonly familyWrites: FamilyWriteStamp,
    private readonly exclusions: MatchExclusionsService,
    private readonly settings: ProgrammeSettingsService,
    private readonly linkUps: LinkUpsService,
    private readonly linkUpChanges: LinkUpChangesBus,
    private readonly audit: AuditService,
    private readonly sites: SitesService,
    private readonly transactions: TransactionContext,
    private readonly clock: Clock,
  ) {}

  /**
   * A coach offers a shortlist: each Sharing family must meet every hard constraint now (a pair
   * declined before only with `overrideDeclined`). The explanations are snapshotted. An open
   * earlier shortlist of the family is withdrawn.
   */
  async proposeShortlist(
    caller: Caller,
    input: ProposeShortlistInput,
    now = this.clock.now(),
  ): Promise<MatchProposal> {
    const { settings, version: settingsVersion } = await this.settings.readSettings();
    const ids = [...new Set(input.sharingFamilyIds)];
    const proposal = await this.transactions.run(async () => {
      const seeking = await this.families.lockFamilyInScope(caller.actor, input.seekingFamilyId);
      if (seeking.kind !== 'seeking') throw MatchingErrors.notASeekingFamily(seeking.id);
      if (!OFFERABLE.has(seeking.status))
        throw MatchingErrors.seekingFamilyNotWaiting(seeking.id, seeking.status);
      const rows = await this.candidates.loadMatchCandidatesByIds(ids);
      const missing = ids.find((id) => !rows.some((r) => r.id === id && r.site_id === seeking.siteId));
      if (missing !== undefined) throw MatchingErrors.notASharingFamily(missing);

      let rules = await this.exclusions.exclusionRulesFor([seeking.id]);
      const declined = new Set(
        rules
          .filter((r) => r.reason === 'declined' && ids.includes(r.sharingFamilyId))
          .map((r) => r.sharingFamilyId),
      );
      if (input.overrideDeclined === true) {
        rules = rules.map((r): MatchExclusionRule =>
          r.reason === 'declined' ? { ...r, overridden: true } : r,
        );
      }
      const today = calendarDateIn(now, await this.sites.timeZoneOf(seeking.siteId));
      const context = matchContextOf(settings, rules, today);
      const seeker = toMatchSeeker(seeking);
      const evaluations = rows.map((row) => evaluateMatch(seeker, rowToMatchCandidate(row), context));
      const failing = evaluations.filter((e) => !e.eligible);
      if (failing.length > 0) throw MatchingErrors.candidatesNotEligible(failing);
      // The override belongs to this shortlist: the `declined` exclusion stays live, and is marked
      // overridden only when the family chooses that Sharing family (recordDecision).

      const candidates: ShortlistedCandidate[] = evaluations
        .map((e) => ({ id: e.sharingFamilyId, explanation: e.explanation! }))
        // The same rule as the suggestions (issue 16): the figure each candidate carries, then id.
        .sort((a, b) => b.explanation.rankingScore - a.explanation.rankingScore || compareIds(a.id, b.id))
        .map((e, index) => ({
          sharingFamilyId: e.id,
          rank: index + 1,
          score: e.explanation.score,
          rankingScore: e.explanation.rankingScore,
          explanation: e.explanation,
          overrodeDecline: input.overrideDeclined === true && declined.has(e.id),
        }));

      const open = await this.proposals.findOfSeekingFamilyIn(seeking.id, UNANSWERED);
      for (const earlier of open) {
        earlier.status = 'withdrawn';
        await this.proposals.save(earlier);
      }
      const saved = await this.proposals.insert({
        siteId: seeking.siteId,
        seekingFamilyId: seeking.id,
        offeredBy: caller.actor.id,
        status: 'open',
        candidates,
        settingsVersion,
        chosenSharingFamilyId: null,
        linkUpId: null,
        decidedAt: null,
        decidedBy: null,
      });
      const from = seeking.status;
      if (from !== 'choosing') {
        await this.lifecycle.moveToChoosing(seeking, now, caller.actor.id);
      }
      await this.audit.record({
        actor: caller.actor,
        requestId: caller.requestId,
        action: 'match_proposal.offered',
        entityType: 'match_proposal',
        entityId: saved.id,
        details: {
          seekingFamilyId: seeking.id,
          sharingFamilyIds: candidates.map((c) => c.sharingFamilyId),
          withdrawnProposalIds: open.map((p) => p.id),
          overriddenDeclines: [...declined].filter(() => input.overrideDeclined === true),
          familyStatusFrom: from,
        },
      });
      return saved;
    });
    return proposal;
  }

  /** A shortlist the actor may see (its Seeking family in scope), else 404. */
  async getProposal(caller: Caller, id: string): Promise<MatchProposal> {
    const proposal = await this.proposals.findById(id);
    if (proposal === null) throw CommonErrors.notFound('Match proposal');
    try {
      await this.families.getFamilyInScope(caller.actor, proposal.seekingFamilyId);
    } catch (error) {
      if (isNotFoundError(error)) throw CommonErrors.notFound('Match proposal');
      throw error;
    }
    return proposal;
  }

  /**
   * Records the Seeking family's decision. `chose` without the Sharing family's answer records the
   * choice and leaves the shortlist `awaiting_sharing_family` (the answer is its own step,
   * recordSharingFamilyAnswer); with `sharingFamilyAccepted: true` it creates the link-up at once
   * in `relationship_building`. Locks are taken in the one order every matching write uses — the
   * Seeking family, then the proposal, then the Sharing family — so a decision cannot deadlock with
   * an offer. The Sharing family's live link-ups are counted again against its capacity and its
   * eligibility re-checked (for the planned weeks of this link-up), so concurrent choices can never
   * over-fill it or link the Seeking family twice. Declines become `declined` exclusions. A decline
   * the coach overrode on this shortlist stops excluding only when that pair is chosen.
   */
  async recordDecision(
    caller: Caller,
    proposalId: string,
    input: RecordDecisionInput,
    now = this.clock.now(),
  ): Promise<MatchProposal> {
    const settings = await this.settings.currentSettings();
    const plannedWeeks = input.plannedWeeks ?? DEFAULT_PLANNED_LINK_UP_WEEKS;
    const linking = input.decision === 'chose' && input.sharingFamilyAccepted === true;
    return this.decide(
      caller,
      proposalId,
      input.version,
      'open',
      linking,
      now,
      async (seeking, proposal) => {
        const base = { decidedAt: now, decidedBy: caller.actor.id };
        switch (input.decision) {
          case 'more_options':
            Object.assign(proposal, base, { status: 'more_options_requested' });
            return { linkUpId: null, excluded: 0 };
          case 'declined':
            Object.assign(proposal, base, { status: 'declined' });
            return {
              linkUpId: null,
              excluded: await this.exclusions.recordDeclinedPairs(
                caller,
                seeking.id,
                proposal.candidates.map((c) => c.sharingFamilyId),
                proposal.id,
              ),
            };
          case 'chose': {
            const sharingFamilyId = input.sharingFamilyId ?? '';
            if (!proposal.candidates.some((c) => c.sharingFamilyId === sharingFamilyId))
              throw MatchingErrors.notOnShortlist(sharingFamilyId);
            if (input.sharingFamilyAccepted === undefined) {
              Object.assign(proposal, base, {
                status: 'awaiting_sharing_family',
                chosenSharingFamilyId: sharingFamilyId,
              });
              return { linkUpId: null, excluded: 0 };
            }
            proposal.chosenSharingFamilyId = sharingFamilyId;
            return this.applySharingAnswer(
              caller,
              seeking,
              proposal,
              input.sharingFamilyAccepted ? 'accepted' : 'declined',
              plannedWeeks,
              settings,
              now,
            );
          }
        }
      },
      input.decision,
    );
  }

  /**
   * The Sharing family's answer to the Seeking family's choice, as its own step after
   * `chose` (the shortlist is `awaiting_sharing_family`; otherwise 409 MATCH.NOT_AWAITING_ANSWER).
   * `accepted` creates the link-up exactly as a one-step choice does; `declined` closes the
   * shortlist as `sharing_family_declined` and records the pair as declined (which a coach can
   * lift: MatchExclusionsService.liftExclusion).
   */
  async recordSharingFamilyAnswer(
    caller: Caller,
    proposalId: string,
    input: RecordSharingFamilyAnswerInput,
    now = this.clock.now(),
  ): Promise<MatchProposal> {
    const settings = await this.settings.currentSettings();
    const plannedWeeks = input.plannedWeeks ?? DEFAULT_PLANNED_LINK_UP_WEEKS;
    return this.decide(
      caller,
      proposalId,
      input.version,
      'awaiting_sharing_family',
      input.answer === 'accepted',
      now,
      (seeking, proposal) =>
        this.applySharingAnswer(caller, seeking, proposal, input.answer, plannedWeeks, settings, now),
      `sharing_family_${input.answer}`,
    );
  }

  /**
   * The common frame of a decision, a run that joins its caller's: the locks (Seeking family, then
   * proposal), the version and status checks, the work, the save and the audit record; once the
   * outermost run has committed, the link-up event.
   */
  private async decide(
    caller: Caller,
    proposalId: string,
    version: number,
    expected: 'open' | 'awaiting_sharing_family',
    linking: boolean,
    now: Date,
    work: (
      seeking: Family,
      proposal: MatchProposal,
    ) => Promise<{ linkUpId: string | null; excluded: number }>,
    decision: string,
  ): Promise<MatchProposal> {
    return this.transactions.run(async () => {
      // Unlocked read to learn the family; the proposal is locked (and re-read) after the family.
      const unlocked = await this.proposals.findById(proposalId);
      if (unlocked === null) throw CommonErrors.notFound('Match proposal');
      let seeking: Family;
      try {
        seeking = await this.families.lockFamilyInScope(caller.actor, unlocked.seekingFamilyId);
      } catch (error) {
        if (isNotFoundError(error)) throw CommonErrors.notFound('Match proposal');
        throw error;
      }
      const proposal = await this.proposals.lockForUpdate(proposalId);
      if (proposal === null || proposal.seekingFamilyId !== seeking.id)
        throw CommonErrors.notFound('Match proposal');
      if (proposal.version !== version)
        throw CommonErrors.versionConflict('The match proposal', version, proposal.version);
      if (proposal.status !== expected) {
        if (expected === 'awaiting_sharing_family')
          throw MatchingErrors.notAwaitingAnswer(proposal.id, proposal.status);
        throw MatchingErrors.proposalClosed(proposal.id, proposal.status);
      }
      const alreadyLinked =
        linking &&
        (seeking.status === 'linked' || (await this.linkUps.liveLinkUpsOfFamily(seeking.id)).length > 0);
      if (alreadyLinked) throw LinkUpErrors.seekingFamilyAlreadyLinked(seeking.id);
      // Every decision needs a family still waiting (its open shortlists are withdrawn when it stops).
      if (!OFFERABLE.has(seeking.status))
        throw MatchingErrors.seekingFamilyNotWaiting(seeking.id, seeking.status);

      const { linkUpId, excluded } = await work(seeking, proposal);
      const saved = await this.proposals.save(proposal);
      await this.audit.record({
        actor: caller.actor,
        requestId: caller.requestId,
        action: 'match_proposal.decided',
        entityType: 'match_proposal',
        entityId: proposal.id,
        details: {
          decision,
          status: saved.status,
          seekingFamilyId: seeking.id,
          sharingFamilyId: saved.chosenSharingFamilyId,
          linkUpId,
          declinedPairsRecorded: excluded,
        },
      });
      if (linkUpId !== null) {
        await this.transactions.afterCommit(async () => {
          // The Sharing family's live link-ups changed: cached candidates reload.
          this.familyWrites.noteFamiliesChanged();
          await this.linkUpChanges.publish({ linkUpId, kind: 'created', at: now });
        });
      }
      return saved;
    });
  }

  /**
   * The Sharing family's answer about `proposal.chosenSharingFamilyId`, inside the decision's
   * transaction: a decline closes the shortlist and excludes the pair; an acceptance re-checks the
   * pair under the Sharing family's lock and creates the link-up.
   */
  private async applySharingAnswer(
    caller: Caller,
    seeking: Family,
    proposal: MatchProposal,
    answer: SharingFamilyAnswer,
    plannedWeeks: number,
    settings: Awaited<ReturnType<ProgrammeSettingsService['currentSettings']>>,
    now: Date,
  ): Promise<{ linkUpId: string | null; excluded: number }> {
    const base = { decidedAt: now, decidedBy: caller.actor.id };
    const sharingFamilyId = proposal.chosenSharingFamilyId ?? '';
    const shortlisted = proposal.candidates.find((c) => c.sharingFamilyId === sharingFamilyId);
    if (shortlisted === undefined) throw MatchingErrors.notOnShortlist(sharingFamilyId);
    if (answer === 'declined') {
      Object.assign(proposal, base, {
        status: 'sharing_family_declined',
        chosenSharingFamilyId: sharingFamilyId,
      });
      const excluded = await this.exclusions.recordDeclinedPairs(
        caller,
        seeking.id,
        [sharingFamilyId],
        proposal.id,
      );
      return { linkUpId: null, excluded };
    }
    const sharing = await this.candidates.lockFamilyForMatching(sharingFamilyId);
    if (sharing === null) throw MatchingErrors.notASharingFamily(sharingFamilyId);
    // Under the lock: the live count now includes every link-up committed before us.
    const [row] = await this.candidates.loadMatchCandidatesByIds([sharing.id]);
    const rules = (await this.exclusions.exclusionRulesFor([seeking.id]))
      .filter((r) => r.sharingFamilyId === sharing.id)
      .map((r): MatchExclusionRule =>
        shortlisted.overrodeDecline && r.reason === 'declined' ? { ...r, overridden: true } : r,
      );
    const evaluation = evaluateMatch(
      toMatchSeeker(seeking),
      rowToMatchCandidate(row),
      matchContextOf(settings, rules, calendarDateIn(now, await this.sites.timeZoneOf(seeking.siteId)), {
        plannedLinkUpWeeks: plannedWeeks,
      }),
    );
    const capacityFailure = evaluation.failures.find((f) => f.key === 'capacity');
    if (capacityFailure !== undefined) {
      throw MatchingErrors.capacityFull(sharing.id, sharing.maxConcurrentLinkUps, row.live_link_ups);
    }
    if (!evaluation.eligible) throw MatchingErrors.candidatesNotEligible([evaluation]);
    const linkUp = await this.linkUps.startLinkUp({
      siteId: seeking.siteId,
      seekingFamilyId: seeking.id,
      sharingFamilyId: sharing.id,
      coachId: seeking.primaryCoachId ?? sharing.primaryCoachId ?? proposal.offeredBy,
      matchProposalId: proposal.id,
      startedAt: now,
      plannedWeeks,
      actorId: caller.actor.id,
    });
    if (shortlisted.overrodeDecline) {
      // The coach's override took effect: this pair's decline no longer excludes it.
      await this.exclusions.overrideDeclinedPairs(caller, seeking.id, [sharing.id], now);
    }
    await this.lifecycle.recordLinked(seeking, {
      linkUpId: linkUp.id,
      actorId: caller.actor.id,
      at: now,
    });
    Object.assign(proposal, base, {
      status: 'chosen',
      chosenSharingFamilyId: sharing.id,
      linkUpId: linkUp.id,
    });
    return { linkUpId: linkUp.id, excluded: 0 };
  }
}
