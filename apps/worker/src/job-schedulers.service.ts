import { AppConfig } from '@app/config';
import {
  CHECK_INS_RECONCILER_ID,
  CHECK_INS_SWEEPER_ID,
  EXPIRED_CHECKS_SCHEDULER_ID,
  JOB_QUEUE,
  JobProducer,
} from '@app/queue';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';

/** How often, at most, the worker checks that its job schedulers are still registered. */
const SCHEDULER_CHECK_MAX_INTERVAL_MS = 60_000;
const EXPIRED_CHECKS_EVERY_MS = 3_600_000;
/** The check-ins sweeper: the backstop of the timed sweeps (one at each due or overdue time). */
const CHECK_INS_SWEEP_EVERY_MS = 60_000;

interface RecurringJob {
  readonly schedulerId: string;
  readonly name: 'check-ins.reconcile' | 'check-ins.sweep' | 'families.hold-expired-checks';
  readonly everyMs: number;
}

/**
 * Registers the recurring jobs when the worker starts (idempotent: every worker upserts the same
 * scheduler, so there is one whatever the number of workers). The check-ins reconciler runs every
 * RECONCILE_INTERVAL_MS; its first run is at once, so a worker that starts after an outage catches up.
 *
 * A scheduler lives in the queue backend: a flushed Redis loses it. So the worker checks them on a
 * timer (every reconcile interval, at most a minute apart) and registers again any that is gone, with
 * a reconcile at once, which re-derives every job the flush lost from the database.
 */
@Injectable()
export class JobSchedulers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('JobSchedulers');
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    private readonly producer: JobProducer,
    private readonly config: AppConfig,
  ) {}

  private get recurring(): RecurringJob[] {
    return [
      {
        schedulerId: CHECK_INS_RECONCILER_ID,
        name: 'check-ins.reconcile',
        everyMs: this.config.reconcileIntervalMs,
      },
      // Every check-in whose time has come, every minute, whatever happened to its timed sweep.
      { schedulerId: CHECK_INS_SWEEPER_ID, name: 'check-ins.sweep', everyMs: CHECK_INS_SWEEP_EVERY_MS },
      // Expired Working With Children Checks put Sharing families on hold: hourly, and once now.
      {
        schedulerId: EXPIRED_CHECKS_SCHEDULER_ID,
        name: 'families.hold-expired-checks',
        everyMs: EXPIRED_CHECKS_EVERY_MS,
      },
    ];
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const job of this.recurring) await this.register(job);
    this.logger.log({ everyMs: this.config.reconcileIntervalMs }, 'Check-ins reconciler scheduled');
    const everyMs = Math.min(this.config.reconcileIntervalMs, SCHEDULER_CHECK_MAX_INTERVAL_MS);
    this.timer = setInterval(() => void this.restoreLostSchedulers(), everyMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** Registers again every scheduler the queue no longer holds (a flushed Redis). Never throws. */
  async restoreLostSchedulers(): Promise<number> {
    if (this.checking) return 0;
    this.checking = true;
    let restored = 0;
    try {
      for (const job of this.recurring) {
        const queue = this.producer.queue(JOB_QUEUE[job.name]);
        if ((await queue.getJobScheduler(job.schedulerId)) !== undefined) continue;
        await this.register(job);
        restored += 1;
        this.logger.warn({ schedulerId: job.schedulerId }, 'Job scheduler was lost; registered again');
      }
    } catch (error) {
      this.logger.warn(
        { err: error instanceof Error ? error.name : typeof error },
        'Could not check the job schedulers; trying again later',
      );
    } finally {
      this.checking = false;
    }
    return restored;
  }

  /** The scheduler, and one run at once (a kept failed run under the same id is withdrawn first). */
  private async register(job: RecurringJob): Promise<void> {
    await this.producer.scheduleEvery(job.schedulerId, job.name, {}, job.everyMs);
    await this.producer.enqueueFresh(job.name, {});
  }
}
