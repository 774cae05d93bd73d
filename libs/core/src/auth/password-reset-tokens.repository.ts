import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { TransactionContext } from '../transaction';
import { PasswordResetToken } from './password-reset-token.entity';

/**
 * The password reset links' rows (hashes only), read and written in the transaction open in this
 * async context (autocommit outside one): no method takes a `manager`.
 */
@Injectable()
export class PasswordResetTokensRepository {
  constructor(private readonly transactions: TransactionContext) {}

  private get tokens() {
    return this.transactions.repository(PasswordResetToken);
  }

  async insert(token: { userId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    await this.tokens.insert({ ...token, usedAt: null });
  }

  /** The link of this hash, held `FOR UPDATE` until the transaction ends. */
  lockByHash(tokenHash: string): Promise<PasswordResetToken | null> {
    return this.tokens
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.token_hash = :hash', { hash: tokenHash })
      .getOne();
  }

  /** Spends every open link of the account. */
  async spendAllOf(userId: string, usedAt: Date): Promise<void> {
    await this.tokens.update({ userId, usedAt: IsNull() }, { usedAt });
  }
}
