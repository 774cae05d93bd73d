import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../access';
import { FamiliesRepository } from './families.repository';
import { FAMILY_LINK_UPS, type FamilyLinkUps } from './family-link-ups.port';
import type { MatchCandidateRow, MatchCandidateRowOfFamilies } from './family-match-profile';
import type { Family } from './family.entity';

/**
 * Families as matching reads them: the Sharing families it considers (with the live link-ups
 * holding their places, asked of link-ups), the Seeking families waiting, and the lock a matching
 * decision takes. In the transaction open in this async context (autocommit outside one).
 */
@Injectable()
export class FamilyMatchCandidates {
  constructor(
    private readonly families: FamiliesRepository,
    @Inject(FAMILY_LINK_UPS) private readonly linkUps: FamilyLinkUps,
  ) {}

  /** The Sharing families of a site that matching considers (approved or on hold), in bulk. */
  async loadMatchCandidates(siteId: string): Promise<MatchCandidateRow[]> {
    return this.withLiveLinkUps(await this.families.matchCandidatesOfSite(siteId));
  }

  /**
   * The Seeking families of a site waiting for a link-up (choosing or waitlisted, none live), in
   * the actor's scope (a coach: its caseload), optionally only some of them.
   */
  async listWaitingSeekingFamilies(actor: Actor, siteId: string, ids?: readonly string[]): Promise<Family[]> {
    const query = this.families
      .queryFamilies()
      .where('f.site_id = :siteId', { siteId })
      .andWhere(`f.kind = 'seeking'`)
      .andWhere(`f.status IN ('choosing', 'waitlisted')`);
    if (actor.role === 'coach') query.andWhere('f.primary_coach_id = :actorId', { actorId: actor.id });
    if (ids !== undefined) query.andWhere('f.id IN (:...ids)', { ids: ids.length === 0 ? [null] : [...ids] });
    const waiting = await query.orderBy('f.id', 'ASC').getMany();
    // Those with a live link-up (a status moved by hand meanwhile) are not waiting: one read for all.
    const linked = await this.linkUps.seekingFamiliesWithLiveLinkUps(waiting.map((f) => f.id));
    return waiting.filter((f) => !linked.has(f.id));
  }

  /** Sharing families by id (any status) as matching sees them, e.g. to re-check under a lock. */
  async loadMatchCandidatesByIds(ids: readonly string[]): Promise<MatchCandidateRow[]> {
    if (ids.length === 0) return [];
    return this.withLiveLinkUps(await this.families.matchCandidatesByIds(ids));
  }

  /** Match candidates with the live link-ups holding their places (one read of link-ups for all). */
  private async withLiveLinkUps(rows: readonly MatchCandidateRowOfFamilies[]): Promise<MatchCandidateRow[]> {
    const live = await this.linkUps.liveCountsOfSharingFamilies(rows.map((r) => r.id));
    return rows.map((row) => ({ ...row, live_link_ups: live.get(row.id) ?? 0 }));
  }

  /**
   * Locks a family row for a matching decision (no scope check: a coach links its Seeking family
   * with any Sharing family of the site). The caller has checked the Seeking family's scope.
   */
  lockFamilyForMatching(id: string): Promise<Family | null> {
    return this.families.lockForUpdate(id);
  }
}
