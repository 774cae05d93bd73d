import { AppConfig } from '@app/config';
import { JobProducer } from '@app/queue';
import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { Caller } from '../access';
import { AuditService } from '../audit';
import { CommonErrors } from '../errors';
import { TransactionContext } from '../transaction';
import { SystemPing } from './system-ping.entity';
import { Clock } from '../clock';

export type PingOutcome = 'processed' | 'already_processed';

@Injectable()
export class SystemPingsService {
  constructor(
    private readonly transactions: TransactionContext,
    private readonly producer: JobProducer,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The pings' rows, in the transaction open in this async context (or on their own outside one). */
  private get pings() {
    return this.transactions.repository(SystemPing);
  }

  /** Writes the intent, then enqueues: a lost job leaves a visible, unprocessed row, never a phantom. */
  async requestPing(caller: Caller): Promise<SystemPing> {
    const ping = await this.transactions.run(async () => {
      const saved = await this.pings.save(this.pings.create({ processedAt: null, processedVia: null }));
      await this.audit.record({
        actor: caller.actor,
        requestId: caller.requestId,
        action: 'system.ping_requested',
        entityType: 'system_ping',
        entityId: saved.id,
      });
      return saved;
    });
    // Joined to a caller's run, the job waits for the outermost commit (commit, then enqueue).
    await this.transactions.afterCommit(() => this.producer.enqueue('system.ping', { pingId: ping.id }));
    return ping;
  }

  async getPing(id: string): Promise<SystemPing> {
    const ping = await this.pings.findOneBy({ id });
    if (ping === null) throw CommonErrors.notFound('Ping');
    return ping;
  }

  /** Idempotent: a second delivery of the same job finds the row already stamped and changes nothing. */
  async recordPingProcessed(pingId: string): Promise<PingOutcome> {
    const result = await this.pings.update(
      { id: pingId, processedAt: IsNull() },
      { processedAt: this.clock.now(), processedVia: this.config.queueBackend },
    );
    if ((result.affected ?? 0) > 0) return 'processed';
    await this.getPing(pingId);
    return 'already_processed';
  }
}
