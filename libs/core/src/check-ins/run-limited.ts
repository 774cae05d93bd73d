/**
 * Runs `work` over `items` with at most `limit` at once; resolves when all are done. A failing item
 * does not stop the others: its error goes to `onError`, and the number of failures comes back.
 */
export async function runLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<unknown>,
  onError: (item: T, error: unknown) => void = () => undefined,
  /** Checked before each item: true stops taking new ones (those running finish). */
  shouldStop: () => boolean = () => false,
): Promise<{ failed: number }> {
  let next = 0;
  let failed = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length && !shouldStop()) {
      const item = items[next];
      next += 1;
      try {
        await work(item);
      } catch (error) {
        failed += 1;
        onError(item, error);
      }
    }
  });
  await Promise.all(lanes);
  return { failed };
}
