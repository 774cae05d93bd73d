import { NotificationsService } from '@app/core';
import { Injectable } from '@nestjs/common';
import type { QueueProcessor, TypedJob } from './queue-processor';

@Injectable()
export class NotificationsProcessor implements QueueProcessor<'notifications'> {
  readonly queue = 'notifications' as const;

  constructor(private readonly notifications: NotificationsService) {}

  process(job: TypedJob<'notifications'>): Promise<unknown> {
    switch (job.name) {
      case 'notifications.email':
        return this.notifications.sendEmail(job.data.notificationId);
    }
  }
}
