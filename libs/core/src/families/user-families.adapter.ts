import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../transaction';
import type { UserFamilies } from '../users';
import { Family } from './family.entity';

/**
 * The families facts users reads (`UserFamilies`, declared by users): families' own rows, in the
 * transaction open in this async context (so a family registered earlier in it is seen).
 */
@Injectable()
export class UserFamiliesAdapter implements UserFamilies {
  constructor(private readonly transactions: TransactionContext) {}

  async siteOfFamily(familyId: string): Promise<string | null> {
    const family = await this.transactions.repository(Family).findOne({
      select: { id: true, siteId: true },
      where: { id: familyId },
    });
    return family?.siteId ?? null;
  }
}
