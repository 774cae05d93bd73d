import type { RouteAccessRow } from '../authorization/route-access.matrix';

/** Who may call each exports route (one row per route; see the authorization matrix). */
export const EXPORTS_ROUTE_ACCESS: readonly RouteAccessRow[] = [];
