/**
 * Thrown by a job handler that ran early (clock skew between processes): the worker moves the job
 * back to delayed until `runAt` instead of finishing it, so it runs again on time under its own id.
 */
export class RunLaterError extends Error {
  constructor(readonly runAt: Date) {
    super(`Not yet: run again at ${runAt.toISOString()}`);
    this.name = 'RunLaterError';
  }
}
