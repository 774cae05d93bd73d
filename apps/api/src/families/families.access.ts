import type { RouteAccessRow } from '../authorization/route-access.matrix';

/** Who may call each families route (one row per route; see the authorization matrix). */
export const FAMILIES_ROUTE_ACCESS: readonly RouteAccessRow[] = [];
