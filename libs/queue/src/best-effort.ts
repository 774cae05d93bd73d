import type { Logger } from '@nestjs/common';

/** How long post-commit queue work may hold up its caller (a down Redis makes calls wait). */
export const QUEUE_WORK_TIMEOUT_MS = 5_000;

/**
 * Runs queue work that follows a committed change (derived jobs, withdrawals) as best effort: an
 * error is logged (with the ids given, never personal data) and swallowed, and a queue that does not
 * answer within `timeoutMs` stops holding up the caller (the work goes on in the background). The
 * database already holds the truth; the reconciler re-derives whatever did not reach the queue.
 * Resolves to whether the work finished in time.
 */
export async function afterCommitQueueWork(
  logger: Logger,
  context: Readonly<Record<string, string | number | null>>,
  work: () => Promise<unknown>,
  timeoutMs = QUEUE_WORK_TIMEOUT_MS,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const running = Promise.resolve()
    .then(work)
    .then(
      () => true,
      (error: unknown) => {
        logger.warn(
          { ...context, err: error instanceof Error ? error.name : typeof error },
          'Queue work after commit failed; the reconciler will repair it',
        );
        return false;
      },
    );
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => {
      logger.warn({ ...context, timeoutMs }, 'Queue work after commit is late; not waiting for it');
      resolve(false);
    }, timeoutMs);
  });
  try {
    return await Promise.race([running, late]);
  } finally {
    clearTimeout(timer);
  }
}
