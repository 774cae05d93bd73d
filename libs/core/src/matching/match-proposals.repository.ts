import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionContext } from '../transaction';
import { MatchProposal, type MatchProposalStatus } from './match-proposal.entity';

/**
 * The match proposals' rows, read and written in the transaction open in this async context
 * (autocommit outside one): no method takes a `manager`.
 */
@Injectable()
export class MatchProposalsRepository {
  constructor(private readonly transactions: TransactionContext) {}

  private get proposals() {
    return this.transactions.repository(MatchProposal);
  }

  findById(id: string): Promise<MatchProposal | null> {
    return this.proposals.findOneBy({ id });
  }

  /** The proposal, locked `FOR UPDATE` until the transaction ends; null when there is none. */
  lockForUpdate(id: string): Promise<MatchProposal | null> {
    return this.proposals
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :id', { id })
      .getOne();
  }

  /** The Seeking family's proposals in one of these statuses. */
  findOfSeekingFamilyIn(
    seekingFamilyId: string,
    statuses: readonly MatchProposalStatus[],
  ): Promise<MatchProposal[]> {
    return this.proposals.findBy({ seekingFamilyId, status: In([...statuses]) });
  }

  /** Saves a new proposal (its id, times and version filled in). */
  insert(
    proposal: Omit<MatchProposal, 'id' | 'createdAt' | 'updatedAt' | 'version'>,
  ): Promise<MatchProposal> {
    return this.proposals.save(this.proposals.create(proposal));
  }

  save(proposal: MatchProposal): Promise<MatchProposal> {
    return this.proposals.save(proposal);
  }
}
