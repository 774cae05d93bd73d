import { Injectable } from '@nestjs/common';
import { LessThan, type DeepPartial } from 'typeorm';
import { TransactionContext } from '../transaction';
import { ExportRun } from './export-run.entity';

/**
 * The export runs' log, read and written in the transaction open in this async context (autocommit
 * outside one): no method takes a `manager`. The exports' own rows are read by the export worker on
 * a snapshot connection of its own, not here.
 */
@Injectable()
export class ExportRunsRepository {
  constructor(private readonly transactions: TransactionContext) {}

  private get runs() {
    return this.transactions.repository(ExportRun);
  }

  save(run: DeepPartial<ExportRun>): Promise<ExportRun> {
    return this.runs.save(this.runs.create(run));
  }

  /** Ends a run still `running` (a run already ended is left as it is). */
  async end(
    id: string,
    end: Pick<ExportRun, 'status' | 'rowCount' | 'byteCount' | 'sha256' | 'failureCode' | 'finishedAt'>,
  ): Promise<void> {
    await this.runs.update({ id, status: 'running' }, end);
  }

  /** Marks failed, `interrupted`, every run still `running` that started before `cutoff`: how many. */
  async failRunningStartedBefore(cutoff: Date, finishedAt: Date): Promise<number> {
    const result = await this.runs.update(
      { status: 'running', startedAt: LessThan(cutoff) },
      { status: 'failed', failureCode: 'interrupted', finishedAt },
    );
    return result.affected ?? 0;
  }
}
