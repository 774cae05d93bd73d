import { Injectable } from '@nestjs/common';
import type { FamilyLinkUps } from '../families';
import { TransactionContext } from '../transaction';

/** Link-ups that hold a place (DESIGN §4.2). */
const LIVE = `('active', 'paused')`;

/**
 * The link-ups facts families reads (`FamilyLinkUps`, declared by families): link-ups' own queries,
 * in the transaction open in this async context (autocommit outside one).
 */
@Injectable()
export class FamilyLinkUpsAdapter implements FamilyLinkUps {
  constructor(private readonly transactions: TransactionContext) {}

  async countLive(familyId: string): Promise<number> {
    const rows = await this.transactions.manager.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM link_ups
        WHERE (sharing_family_id = $1 OR seeking_family_id = $1) AND status IN ${LIVE}`,
      [familyId],
    );
    return rows[0]?.count ?? 0;
  }

  async liveCountsOfSharingFamilies(familyIds: readonly string[]): Promise<ReadonlyMap<string, number>> {
    if (familyIds.length === 0) return new Map();
    const rows = await this.transactions.manager.query<{ family_id: string; count: number }[]>(
      `SELECT sharing_family_id AS family_id, count(*)::int AS count FROM link_ups
        WHERE sharing_family_id = ANY($1::uuid[]) AND status IN ${LIVE}
        GROUP BY sharing_family_id`,
      [[...familyIds]],
    );
    return new Map(rows.map((r) => [r.family_id, r.count]));
  }

  async seekingFamiliesWithLiveLinkUps(familyIds: readonly string[]): Promise<ReadonlySet<string>> {
    if (familyIds.length === 0) return new Set();
    const rows = await this.transactions.manager.query<{ family_id: string }[]>(
      `SELECT DISTINCT seeking_family_id AS family_id FROM link_ups
        WHERE seeking_family_id = ANY($1::uuid[]) AND status IN ${LIVE}`,
      [[...familyIds]],
    );
    return new Set(rows.map((r) => r.family_id));
  }

  async liveLinkUpsOfSharingFamilies(
    familyIds: readonly string[],
  ): Promise<{ linkUpId: string; sharingFamilyId: string; coachId: string }[]> {
    if (familyIds.length === 0) return [];
    const rows = await this.transactions.manager.query<
      { id: string; sharing_family_id: string; coach_id: string }[]
    >(
      `SELECT id, sharing_family_id, coach_id FROM link_ups
        WHERE sharing_family_id = ANY($1::uuid[]) AND status IN ${LIVE}
        ORDER BY id`,
      [[...familyIds]],
    );
    return rows.map((r) => ({ linkUpId: r.id, sharingFamilyId: r.sharing_family_id, coachId: r.coach_id }));
  }

  async coachesLinkUpOf(coachId: string, familyId: string): Promise<boolean> {
    const rows = await this.transactions.manager.query<unknown[]>(
      `SELECT 1 FROM link_ups WHERE coach_id = $1 AND (seeking_family_id = $2 OR sharing_family_id = $2) LIMIT 1`,
      [coachId, familyId],
    );
    return rows.length > 0;
  }

  async familiesOfLinkUpsCoachedBy(coachId: string): Promise<string[]> {
    const rows = await this.transactions.manager.query<{ family_id: string }[]>(
      `SELECT seeking_family_id AS family_id FROM link_ups WHERE coach_id = $1
       UNION
       SELECT sharing_family_id FROM link_ups WHERE coach_id = $1`,
      [coachId],
    );
    return rows.map((r) => r.family_id);
  }
}
