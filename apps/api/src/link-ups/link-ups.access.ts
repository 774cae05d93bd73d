import type { RouteAccessRow } from '../authorization/route-access.matrix';

/** Who may call each link-ups route (one row per route; see the authorization matrix). */
export const LINK_UPS_ROUTE_ACCESS: readonly RouteAccessRow[] = [];
