import { Injectable } from '@nestjs/common';
import { JobProducer } from './job-producer.service';

/** Whether the queue backend answers, within a deadline (a down Redis makes calls wait, not fail). */
@Injectable()
export class QueueHealth {
  constructor(private readonly producer: JobProducer) {}

  async isReachable(timeoutMs = 2_000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        this.producer
          .queue('system')
          .getJobCounts('waiting')
          .then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
      ]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
