import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../transaction';
import { GetTogether } from './get-together.entity';

/**
 * The get-togethers' rows, read and written in the transaction open in this async context (autocommit
 * outside one): no method takes a `manager`.
 */
@Injectable()
export class GetTogethersRepository {
  constructor(private readonly transactions: TransactionContext) {}

  private get getTogethers() {
    return this.transactions.repository(GetTogether);
  }

  /** Inserts the get-together (its id filled in). */
  async insert(getTogether: Omit<GetTogether, 'id' | 'createdAt'>): Promise<GetTogether> {
    const row = this.getTogethers.create(getTogether);
    await this.getTogethers.insert(row);
    return row;
  }

  /** A link-up's get-togethers, newest first. */
  listOfLinkUp(linkUpId: string): Promise<GetTogether[]> {
    return this.getTogethers.find({ where: { linkUpId }, order: { heldOn: 'DESC', createdAt: 'DESC' } });
  }
}
