import { CheckInsService } from '@app/core';
import { Injectable } from '@nestjs/common';
import type { QueueProcessor, TypedJob } from './queue-processor';

@Injectable()
export class CheckInsProcessor implements QueueProcessor<'check-ins'> {
  readonly queue = 'check-ins' as const;

  constructor(private readonly checkIns: CheckInsService) {}

  process(job: TypedJob<'check-ins'>): Promise<unknown> {
    switch (job.name) {
      case 'check-ins.sweep':
        return this.checkIns.runSweepJob(job.data.at);
      case 'check-ins.reconcile':
        return this.checkIns.reconcile();
    }
  }
}
