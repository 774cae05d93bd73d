import { Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { TransactionContext } from '../transaction';
import { MatchExclusion, type ExclusionLiftReason } from './match-exclusion.entity';

/**
 * The match exclusions' rows, read and written in the transaction open in this async context
 * (autocommit outside one): no method takes a `manager`.
 */
@Injectable()
export class MatchExclusionsRepository {
  constructor(private readonly transactions: TransactionContext) {}

  private get exclusions() {
    return this.transactions.repository(MatchExclusion);
  }

  findOfSeekingFamily(id: string, seekingFamilyId: string): Promise<MatchExclusion | null> {
    return this.exclusions.findOneBy({ id, seekingFamilyId });
  }

  /** The live exclusion of the pair, or null. */
  findLivePair(seekingFamilyId: string, sharingFamilyId: string): Promise<MatchExclusion | null> {
    return this.exclusions.findOneBy({ seekingFamilyId, sharingFamilyId, overriddenAt: IsNull() });
  }

  existsLivePair(seekingFamilyId: string, sharingFamilyId: string): Promise<boolean> {
    return this.exclusions.existsBy({ seekingFamilyId, sharingFamilyId, overriddenAt: IsNull() });
  }

  /** The live `declined` exclusions of the Seeking family with these Sharing families. */
  findLiveDeclined(seekingFamilyId: string, sharingFamilyIds: readonly string[]): Promise<MatchExclusion[]> {
    return this.exclusions.findBy({
      seekingFamilyId,
      sharingFamilyId: In([...sharingFamilyIds]),
      reason: 'declined',
      overriddenAt: IsNull(),
    });
  }

  /** The live exclusions of these Seeking families. */
  findLiveOfSeekingFamilies(seekingFamilyIds: readonly string[]): Promise<MatchExclusion[]> {
    return this.exclusions.findBy({ seekingFamilyId: In([...seekingFamilyIds]), overriddenAt: IsNull() });
  }

  /** Live exclusions of a family on either side of the pair, oldest first. */
  findLiveOfFamily(familyId: string): Promise<MatchExclusion[]> {
    return this.exclusions.find({
      where: [
        { seekingFamilyId: familyId, overriddenAt: IsNull() },
        { sharingFamilyId: familyId, overriddenAt: IsNull() },
      ],
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** Marks the exclusion overridden at `at` by `by` (with the reason, when lifted by a coach). */
  async markOverridden(id: string, at: Date, by: string, liftReason?: ExclusionLiftReason): Promise<void> {
    await this.exclusions.update(
      { id },
      liftReason === undefined
        ? { overriddenAt: at, overriddenBy: by }
        : { overriddenAt: at, overriddenBy: by, liftReason },
    );
  }

  /**
   * Saves a new live exclusion in a savepoint of the open transaction (`runNested`), so that a lost
   * race on the unique index (which the caller catches) takes back this insert only, not the
   * transaction. Outside a run, in a transaction of its own.
   */
  insertInSavepoint(
    exclusion: Pick<
      MatchExclusion,
      'seekingFamilyId' | 'sharingFamilyId' | 'reason' | 'matchProposalId' | 'createdBy'
    >,
  ): Promise<MatchExclusion> {
    const row = this.exclusions.create({
      ...exclusion,
      overriddenAt: null,
      overriddenBy: null,
      liftReason: null,
    });
    return this.transactions.runNested(() => this.exclusions.save(row));
  }
}
