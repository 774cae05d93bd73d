import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionContext } from '../transaction';
import { ProgrammeSettingsVersion } from './programme-settings-version.entity';

/**
 * The programme settings' versions, read and written in the transaction open in this async context
 * (autocommit outside one): no method takes a `manager`.
 */
@Injectable()
export class ProgrammeSettingsRepository {
  constructor(
    private readonly transactions: TransactionContext,
    private readonly dataSource: DataSource,
  ) {}

  private get versions() {
    return this.transactions.repository(ProgrammeSettingsVersion);
  }

  /** The highest version, or undefined while there is none. */
  async latest(): Promise<ProgrammeSettingsVersion | undefined> {
    const [latest] = await this.versions.find({ order: { version: 'DESC' }, take: 1 });
    return latest;
  }

  /**
   * The highest committed version, read outside any transaction: for reporting a conflict after an
   * insert failed, when the transaction it failed in (perhaps a caller's, still open) takes no more
   * statements.
   */
  async latestCommitted(): Promise<ProgrammeSettingsVersion | undefined> {
    const [latest] = await this.dataSource
      .getRepository(ProgrammeSettingsVersion)
      .find({ order: { version: 'DESC' }, take: 1 });
    return latest;
  }

  /** Inserts a version (a unique violation when that version exists). */
  async insert(version: Pick<ProgrammeSettingsVersion, 'version' | 'document' | 'updatedBy'>): Promise<void> {
    await this.versions.insert(this.versions.create(version));
  }

  /** The newest `limit` versions, without their documents. */
  list(limit: number): Promise<Pick<ProgrammeSettingsVersion, 'version' | 'updatedAt' | 'updatedBy'>[]> {
    return this.versions.find({
      select: { version: true, updatedAt: true, updatedBy: true },
      order: { version: 'DESC' },
      take: limit,
    });
  }
}
