import { SafeguardingService } from '@app/core';
import { Injectable } from '@nestjs/common';
import type { QueueProcessor, TypedJob } from './queue-processor';

@Injectable()
export class SafeguardingProcessor implements QueueProcessor<'safeguarding'> {
  readonly queue = 'safeguarding' as const;

  constructor(private readonly safeguarding: SafeguardingService) {}

  process(job: TypedJob<'safeguarding'>): Promise<unknown> {
    switch (job.name) {
      case 'safeguarding.triage-overdue':
        return this.safeguarding.escalateOverdueTriage(job.data.concernId);
    }
  }
}
