/**
 * What is safe to log about an unexpected error: its type, driver code and stack frames. Not its
 * message, which may quote data (a database error can quote the value that broke a constraint).
 */
export function describeSafely(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.constructor.name,
    ...(typeof code === 'string' ? { code } : {}),
    frames: (error.stack ?? '')
      .split('\n')
      .slice(1, 12)
      .map((line) => line.trim()),
  };
}
