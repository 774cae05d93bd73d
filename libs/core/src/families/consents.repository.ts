import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { TransactionContext } from '../transaction';
import { Consent } from './consent.entity';
import type { ConsentKind } from './family.types';

/**
 * The consents' rows, read and written in the transaction open in this async context (autocommit
 * outside one): no method takes a `manager`.
 */
@Injectable()
export class ConsentsRepository {
  constructor(private readonly transactions: TransactionContext) {}

  private get consents() {
    return this.transactions.repository(Consent);
  }

  /** Whether the family's consent of this kind has an open grant (granted now). */
  isGranted(familyId: string, kind: ConsentKind): Promise<boolean> {
    return this.consents.existsBy({ familyId, kind, withdrawnAt: IsNull() });
  }

  /**
   * Inserts an open grant unless one is already open (the partial unique index): whether it did. The
   * conflict is skipped (`ON CONFLICT DO NOTHING`), not raised, so it never aborts the transaction the
   * insert is part of.
   */
  async insertGrant(grant: Pick<Consent, 'familyId' | 'kind' | 'grantedAt' | 'grantedBy'>): Promise<boolean> {
    const result = await this.consents
      .createQueryBuilder()
      .insert()
      .values({ ...grant, withdrawnAt: null, withdrawnBy: null })
      .orIgnore()
      .returning('id')
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  /** Closes the open grant, if any: whether there was one. */
  async withdraw(familyId: string, kind: ConsentKind, at: Date, by: string): Promise<boolean> {
    const result = await this.consents.update(
      { familyId, kind, withdrawnAt: IsNull() },
      { withdrawnAt: at, withdrawnBy: by },
    );
    return (result.affected ?? 0) > 0;
  }

  /** A family's grants, newest first. */
  listOfFamily(familyId: string): Promise<Consent[]> {
    return this.consents.find({ where: { familyId }, order: { grantedAt: 'DESC' } });
  }
}
