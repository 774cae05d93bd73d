/**
 * Runs `shutdown` once on SIGINT or SIGTERM, then exits. A second signal while shutting down exits
 * at once (the user pressed Ctrl-C twice).
 */
export function onShutdownSignal(shutdown: (signal: NodeJS.Signals) => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals): void => {
    if (stopping) {
      process.exit(130);
    }
    stopping = true;
    shutdown(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
}

/** A one-line reason for a failed start, without stack traces for the expected failures. */
export function startFailureMessage(error: unknown, port: number): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'EADDRINUSE')
    return `Port ${port} is already in use: stop the program using it, or set PORT to another port.`;
  if (code === 'EACCES')
    return `Port ${port} needs privileges this user does not have: set PORT to a port above 1023.`;
  return error instanceof Error ? error.message : String(error);
}
