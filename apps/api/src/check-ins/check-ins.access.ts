import type { RouteAccessRow } from '../authorization/route-access.matrix';

/** Who may call each check-ins route (one row per route; see the authorization matrix). */
export const CHECK_INS_ROUTE_ACCESS: readonly RouteAccessRow[] = [];
