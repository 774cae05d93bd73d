import { QueryClient, useQuery, type QueryKey } from '@tanstack/react-query';
import { ApiProblem } from '../api/client';

/** What a page has of something it loads: the data once there, the error if it failed. */
export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  readonly reload: () => void;
}

/**
 * Server state lives in one TanStack Query cache. Queries are keyed by what they read (start the key
 * with the API path: `['/api/families', filters]`); every successful write through `ActionForm` /
 * `ActionButton` / `runWrite` invalidates the cache, so whatever the page shows is fetched again.
 * Signing out (in any tab) clears it.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; a network failure or a 5xx may.
      retry: (count, error) =>
        !(error instanceof ApiProblem && error.status >= 400 && error.status < 500) && count < 2,
      staleTime: 15_000,
    },
  },
});

/** Reads from the API through the cache, in the shape `Loader` shows (data, error, loading, reload). */
export function useApiQuery<T>(key: QueryKey, load: () => Promise<T>, enabled = true): Loaded<T> {
  const q = useQuery({ queryKey: key, queryFn: load, enabled });
  return {
    data: q.data,
    error: q.error ?? undefined,
    loading: q.isPending,
    reload: () => void q.refetch(),
  };
}

/** After a write: everything shown may have changed, so the cache is marked stale and refetched. */
export async function afterWrite(): Promise<void> {
  await queryClient.invalidateQueries();
}
