import { TriageDeadlinesService } from '@app/core';
import { Injectable } from '@nestjs/common';
import type { QueueProcessor, TypedJob } from './queue-processor';

@Injectable()
export class SafeguardingProcessor implements QueueProcessor<'safeguarding'> {
  readonly queue = 'safeguarding' as const;

  constructor(private readonly deadlines: TriageDeadlinesService) {}

  process(job: TypedJob<'safeguarding'>): Promise<unknown> {
    switch (job.name) {
      case 'safeguarding.triage-overdue':
        return this.deadlines.escalateOverdueTriage(job.data.concernId);
    }
  }
}
