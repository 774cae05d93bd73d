import { AppConfig } from '@app/config';
import { CHECK_INS_RECONCILER_ID, EXPIRED_CHECKS_SCHEDULER_ID, JobProducer } from '@app/queue';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';

/**
 * Registers the recurring jobs when the worker starts (idempotent: every worker upserts the same
 * scheduler, so there is one whatever the number of workers). The check-ins reconciler runs every
 * RECONCILE_INTERVAL_MS; its first run is at once, so a worker that starts after an outage catches up.
 */
@Injectable()
export class JobSchedulers implements OnApplicationBootstrap {
  private readonly logger = new Logger('JobSchedulers');

  constructor(
    private readonly producer: JobProducer,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.producer.scheduleEvery(
      CHECK_INS_RECONCILER_ID,
      'check-ins.reconcile',
      {},
      this.config.reconcileIntervalMs,
    );
    // And once now, so that a worker starting after an outage catches up at once.
    await this.producer.enqueue('check-ins.reconcile', {});
    this.logger.log({ everyMs: this.config.reconcileIntervalMs }, 'Check-ins reconciler scheduled');
    // Expired Working With Children Checks put Sharing families on hold: hourly, and once now.
    await this.producer.scheduleEvery(
      EXPIRED_CHECKS_SCHEDULER_ID,
      'families.hold-expired-checks',
      {},
      3_600_000,
    );
    await this.producer.enqueue('families.hold-expired-checks', {});
  }
}
