import type { RouteAccessRow } from '../authorization/route-access.matrix';

/** Who may call each matching route (one row per route; see the authorization matrix). */
export const MATCHING_ROUTE_ACCESS: readonly RouteAccessRow[] = [];
