import { QueueHealth } from '@app/queue';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type CheckState = 'up' | 'down';

async function within(promise: Promise<unknown>, timeoutMs: number): Promise<CheckState> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise.then(() => 'up' as const),
      new Promise<CheckState>((resolve) => (timer = setTimeout(() => resolve('down'), timeoutMs))),
    ]);
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

/** The readiness checks: each answers within two seconds or counts as down. */
@Injectable()
export class ReadinessChecks {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: QueueHealth,
  ) {}

  async run(): Promise<{ database: CheckState; queue: CheckState }> {
    const [database, queue] = await Promise.all([
      within(this.dataSource.query('SELECT 1'), 2_000),
      this.queue.isReachable(2_000).then((ok): CheckState => (ok ? 'up' : 'down')),
    ]);
    return { database, queue };
  }
}
