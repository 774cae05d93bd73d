import { Injectable } from '@nestjs/common';
import type { Caller } from '../access';
import { AuditService } from '../audit';
import { Clock } from '../clock';
import type { FamilyMatching, PairEndedBadly } from '../families';
import { TransactionContext } from '../transaction';

/**
 * Matching's side of a family's changes (`FamilyMatching`, declared by families): its own tables,
 * in the caller's transaction (the one open in this async context). Depends on no families service (families depends on this).
 */
@Injectable()
export class FamilyMatchingAdapter implements FamilyMatching {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly transactions: TransactionContext,
  ) {}

  async withdrawOpenProposals(seekingFamilyId: string): Promise<string[]> {
    const rows = await this.transactions.manager.query<{ id: string }[]>(
      `UPDATE match_proposals SET status = 'withdrawn', version = version + 1, updated_at = $2
        WHERE seeking_family_id = $1 AND status IN ('open', 'awaiting_sharing_family') RETURNING id`,
      [seekingFamilyId, this.clock.now()],
    );
    return rows.map((r) => r.id).sort();
  }

  async excludePairEndedBadly(caller: Caller, pair: PairEndedBadly): Promise<void> {
    await this.transactions.manager.query(
      `UPDATE match_exclusions SET overridden_at = $3, overridden_by = $4
        WHERE seeking_family_id = $1 AND sharing_family_id = $2 AND overridden_at IS NULL AND reason = 'declined'`,
      [pair.seekingFamilyId, pair.sharingFamilyId, pair.at, caller.actor.id],
    );
    const inserted = await this.transactions.manager.query<{ id: string }[]>(
      `INSERT INTO match_exclusions (seeking_family_id, sharing_family_id, reason, created_by)
       VALUES ($1, $2, 'ended_badly', $3)
       ON CONFLICT (seeking_family_id, sharing_family_id) WHERE overridden_at IS NULL DO NOTHING
       RETURNING id`,
      [pair.seekingFamilyId, pair.sharingFamilyId, caller.actor.id],
    );
    if (inserted.length === 0) return;
    await this.audit.record({
      actor: caller.actor,
      requestId: caller.requestId,
      action: 'match_exclusion.recorded',
      entityType: 'match_exclusion',
      entityId: inserted[0].id,
      details: {
        seekingFamilyId: pair.seekingFamilyId,
        sharingFamilyId: pair.sharingFamilyId,
        reason: 'ended_badly',
        linkUpId: pair.linkUpId,
      },
    });
  }
}
