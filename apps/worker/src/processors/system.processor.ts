import { SystemPingsService } from '@app/core';
import { Injectable } from '@nestjs/common';
import type { QueueProcessor, TypedJob } from './queue-processor';

@Injectable()
export class SystemProcessor implements QueueProcessor<'system'> {
  readonly queue = 'system' as const;

  constructor(private readonly pings: SystemPingsService) {}

  process(job: TypedJob<'system'>): Promise<unknown> {
    switch (job.name) {
      case 'system.ping':
        return this.pings.recordPingProcessed(job.data.pingId);
    }
  }
}
