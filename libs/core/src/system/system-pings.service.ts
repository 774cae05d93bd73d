import { AppConfig } from '@app/config';
import { JobProducer } from '@app/queue';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import type { Caller } from '../access';
import { AuditService } from '../audit';
import { CommonErrors } from '../errors';
import { SystemPing } from './system-ping.entity';
import { Clock } from '../clock';

export type PingOutcome = 'processed' | 'already_processed';

@Injectable()
export class SystemPingsService {
  constructor(
    @InjectRepository(SystemPing) private readonly pings: Repository<SystemPing>,
    private readonly producer: JobProducer,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Writes the intent, then enqueues: a lost job leaves a visible, unprocessed row, never a phantom. */
  async requestPing(caller: Caller): Promise<SystemPing> {
    const ping = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(SystemPing);
      const saved = await repository.save(repository.create({ processedAt: null, processedVia: null }));
      await this.audit.record(
        {
          actor: caller.actor,
          requestId: caller.requestId,
          action: 'system.ping_requested',
          entityType: 'system_ping',
          entityId: saved.id,
        },
        manager,
      );
      return saved;
    });
    await this.producer.enqueue('system.ping', { pingId: ping.id });
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
