import type { MatchExclusion as MatchExclusionRule, MatchExclusionReason } from '@app/domain';
import { Injectable } from '@nestjs/common';
import type { Actor, Caller } from '../access';
import { AuditService } from '../audit';
import { isUniqueViolation, CommonErrors } from '../errors';
import { FamiliesService } from '../families';
import type { ExclusionLiftReason, MatchExclusion } from './match-exclusion.entity';
import { Clock } from '../clock';
import { MatchExclusionsRepository } from './match-exclusions.repository';
import { MatchingErrors } from './matching.errors';
import { TransactionContext } from '../transaction';

export interface RecordExclusionInput {
  readonly sharingFamilyId: string;
  readonly reason: MatchExclusionReason;
}

/**
 * Pairs never to propose (DESIGN §3, §4.2). Reads and writes join the transaction open in this async
 * context (TransactionContext).
 */
@Injectable()
export class MatchExclusionsService {
  constructor(
    private readonly exclusions: MatchExclusionsRepository,
    private readonly families: FamiliesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly transactions: TransactionContext,
  ) {}

  /**
   * A coach lifts a live exclusion of a Seeking family in scope (a decline recorded by mistake, a
   * family that changed its mind), with a reason code: the pair may be suggested and offered again.
   * The row is kept, marked overridden, with who, when and why (never deleted). Under the Seeking
   * family's row lock, like every matching write.
   */
  async liftExclusion(
    caller: Caller,
    seekingFamilyId: string,
    exclusionId: string,
    reason: ExclusionLiftReason,
  ): Promise<MatchExclusion> {
    const now = this.clock.now();
    return this.transactions.run(async () => {
      const seeking = await this.families.lockFamilyInScope(caller.actor, seekingFamilyId);
      const exclusion = await this.exclusions.findOfSeekingFamily(exclusionId, seeking.id);
      if (exclusion === null) throw CommonErrors.notFound('Exclusion');
      if (exclusion.overriddenAt !== null) throw MatchingErrors.exclusionNotLive(exclusion.id);
      await this.exclusions.markOverridden(exclusion.id, now, caller.actor.id, reason);
      await this.audit.record({
        actor: caller.actor,
        requestId: caller.requestId,
        action: 'match_exclusion.lifted',
        entityType: 'match_exclusion',
        entityId: exclusion.id,
        details: {
          seekingFamilyId: seeking.id,
          sharingFamilyId: exclusion.sharingFamilyId,
          excludedFor: exclusion.reason,
          liftReason: reason,
        },
      });
      return Object.assign(exclusion, {
        overriddenAt: now,
        overriddenBy: caller.actor.id,
        liftReason: reason,
      });
    });
  }

  /**
   * A coach records a pair never to propose. The same live pair twice is a 409, except that a
   * stronger reason replaces a live `declined` one (which a coach could otherwise override): the
   * decline is marked overridden and the new reason recorded, in one transaction, under the Seeking
   * family's row lock (the lock every matching write takes first).
   */
  async recordExclusion(
    caller: Caller,
    seekingFamilyId: string,
    input: RecordExclusionInput,
    now = this.clock.now(),
  ): Promise<MatchExclusion> {
    return this.transactions.run(async () => {
      const seeking = await this.families.lockFamilyInScope(caller.actor, seekingFamilyId);
      if (seeking.kind !== 'seeking') throw MatchingErrors.notASeekingFamily(seeking.id);
      const [sharing] = await this.families.findFamiliesByIds([input.sharingFamilyId]);
      if (sharing === undefined || sharing.kind !== 'sharing' || sharing.siteId !== seeking.siteId) {
        throw MatchingErrors.notASharingFamily(input.sharingFamilyId);
      }
      const existing = await this.exclusions.findLivePair(seekingFamilyId, sharing.id);
      if (existing !== null) {
        if (existing.reason !== 'declined' || input.reason === 'declined')
          throw MatchingErrors.pairAlreadyExcluded(existing.id);
        await this.exclusions.markOverridden(existing.id, now, caller.actor.id);
        await this.audit.record({
          actor: caller.actor,
          requestId: caller.requestId,
          action: 'match_exclusion.superseded',
          entityType: 'match_exclusion',
          entityId: existing.id,
          details: { seekingFamilyId, sharingFamilyId: sharing.id, by: input.reason },
        });
      }
      const exclusion = await this.insertExclusion(caller, {
        seekingFamilyId,
        sharingFamilyId: sharing.id,
        reason: input.reason,
        matchProposalId: null,
      });
      if (exclusion === null) throw MatchingErrors.pairAlreadyExcluded('');
      return exclusion;
    });
  }

  /**
   * Records `declined` pairs from a decision, inside its transaction (the one open in this async
   * context); pairs already excluded stay as they are. Returns how many were added.
   */
  async recordDeclinedPairs(
    caller: Caller,
    seekingFamilyId: string,
    sharingFamilyIds: readonly string[],
    matchProposalId: string,
  ): Promise<number> {
    let added = 0;
    for (const sharingFamilyId of sharingFamilyIds) {
      const live = await this.exclusions.existsLivePair(seekingFamilyId, sharingFamilyId);
      if (live) continue;
      const row = await this.insertExclusion(caller, {
        seekingFamilyId,
        sharingFamilyId,
        reason: 'declined',
        matchProposalId,
      });
      if (row !== null) added++;
    }
    return added;
  }

  /**
   * A coach's override of earlier declines takes effect (the Seeking family chose the pair from a
   * shortlist that overrode the decline), inside the caller's transaction (the one open in this async
   * context). Only live `declined` exclusions are ever overridden: any other reason always holds.
   * Returns the pairs overridden.
   */
  async overrideDeclinedPairs(
    caller: Caller,
    seekingFamilyId: string,
    sharingFamilyIds: readonly string[],
    at: Date,
  ): Promise<string[]> {
    if (sharingFamilyIds.length === 0) return [];
    const declined = await this.exclusions.findLiveDeclined(seekingFamilyId, sharingFamilyIds);
    for (const exclusion of declined) {
      await this.exclusions.markOverridden(exclusion.id, at, caller.actor.id);
      await this.audit.record({
        actor: caller.actor,
        requestId: caller.requestId,
        action: 'match_exclusion.overridden',
        entityType: 'match_exclusion',
        entityId: exclusion.id,
        details: { seekingFamilyId, sharingFamilyId: exclusion.sharingFamilyId },
      });
    }
    return declined.map((e) => e.sharingFamilyId);
  }

  /** The live exclusions of these Seeking families, as the matching engine reads them. */
  async exclusionRulesFor(seekingFamilyIds: readonly string[]): Promise<MatchExclusionRule[]> {
    if (seekingFamilyIds.length === 0) return [];
    const rows = await this.exclusions.findLiveOfSeekingFamilies(seekingFamilyIds);
    return rows.map((r) => ({
      seekingFamilyId: r.seekingFamilyId,
      sharingFamilyId: r.sharingFamilyId,
      reason: r.reason,
    }));
  }

  /** Live exclusions of a family the actor may see, on either side of the pair, oldest first. */
  async listExclusions(actor: Actor, familyId: string): Promise<MatchExclusion[]> {
    await this.families.getFamilyInScope(actor, familyId);
    return this.exclusions.findLiveOfFamily(familyId);
  }

  private async insertExclusion(
    caller: Caller,
    input: {
      seekingFamilyId: string;
      sharingFamilyId: string;
      reason: MatchExclusionReason;
      matchProposalId: string | null;
    },
  ): Promise<MatchExclusion | null> {
    let exclusion: MatchExclusion;
    try {
      // A savepoint, so a lost race on the unique index does not abort the caller's transaction.
      exclusion = await this.exclusions.insertInSavepoint({ ...input, createdBy: caller.actor.id });
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_match_exclusions_live_pair')) return null;
      throw error;
    }
    await this.audit.record({
      actor: caller.actor,
      requestId: caller.requestId,
      action: 'match_exclusion.recorded',
      entityType: 'match_exclusion',
      entityId: exclusion.id,
      details: {
        seekingFamilyId: input.seekingFamilyId,
        sharingFamilyId: input.sharingFamilyId,
        reason: input.reason,
      },
    });
    return exclusion;
  }
}
