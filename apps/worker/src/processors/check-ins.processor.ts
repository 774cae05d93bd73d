import { CheckInSweepsService, ReconciliationService } from '@app/core';
import { Injectable } from '@nestjs/common';
import type { QueueProcessor, TypedJob } from './queue-processor';

@Injectable()
export class CheckInsProcessor implements QueueProcessor<'check-ins'> {
  readonly queue = 'check-ins' as const;

  constructor(
    private readonly sweeps: CheckInSweepsService,
    private readonly reconciliation: ReconciliationService,
  ) {}

  process(job: TypedJob<'check-ins'>): Promise<unknown> {
    switch (job.name) {
      case 'check-ins.sweep':
        return this.sweeps.runSweepJob(job.data.at);
      // A check-in's own job, left in the queue from before the sweep: what it was for is a sweep's.
      case 'check-ins.due':
      case 'check-ins.overdue':
        return this.sweeps.sweep();
      case 'check-ins.reconcile':
        return this.reconciliation.reconcile();
    }
  }
}
