import { Injectable } from '@nestjs/common';
import type { DeepPartial } from 'typeorm';
import { TransactionContext } from '../transaction';
import { FamilyInvitation } from './family-invitation.entity';

/**
 * The family invitations' rows, read and written in the transaction open in this async context
 * (autocommit outside one): no method takes a `manager`.
 */
@Injectable()
export class FamilyInvitationsRepository {
  constructor(private readonly transactions: TransactionContext) {}

  private get invitations() {
    return this.transactions.repository(FamilyInvitation);
  }

  save(invitation: DeepPartial<FamilyInvitation>): Promise<FamilyInvitation> {
    return this.invitations.save(this.invitations.create(invitation));
  }

  /** The invitation of this link's or code's hash, held `FOR UPDATE` until the transaction ends. */
  lockByHash(hash: { tokenHash: string } | { codeHash: string }): Promise<FamilyInvitation | null> {
    return this.invitations
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('tokenHash' in hash ? 'i.token_hash = :hash' : 'i.code_hash = :hash', {
        hash: 'tokenHash' in hash ? hash.tokenHash : hash.codeHash,
      })
      .getOne();
  }

  async markJoined(id: string, joinedAt: Date, joinedUserId: string): Promise<void> {
    await this.invitations.update({ id }, { joinedAt, joinedUserId });
  }

  /** A family's invitations, newest first. */
  listForFamily(familyId: string): Promise<FamilyInvitation[]> {
    return this.invitations.find({ where: { familyId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }
}
