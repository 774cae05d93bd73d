import { SharingFamilyHoldsService } from '@app/core';
import { Injectable } from '@nestjs/common';
import type { QueueProcessor, TypedJob } from './queue-processor';

@Injectable()
export class FamiliesProcessor implements QueueProcessor<'families'> {
  readonly queue = 'families' as const;

  constructor(private readonly holds: SharingFamilyHoldsService) {}

  process(job: TypedJob<'families'>): Promise<unknown> {
    switch (job.name) {
      case 'families.hold-expired-checks':
        return this.holds.holdExpiredChecksAndAlert();
    }
  }
}
