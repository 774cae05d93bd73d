import { STAFF, type RouteAccessRow } from './audiences';

/** Who may call each families route (one row per route; see the authorization matrix). */
export const FAMILIES_ROUTE_ACCESS: readonly RouteAccessRow[] = [
  { route: 'POST /api/families', access: STAFF },
  { route: 'GET /api/families', access: STAFF },
  // Another coach's family: out of this coach's scope, and not the family user's own.
  {
    route: 'GET /api/families/:id',
    access: { ...STAFF, coach: 404, family: 404 },
    params: { id: 'other-coach-seeking-family' },
  },
  // Writes are called with an empty body: staff in scope get 400, families 403.
  { route: 'PATCH /api/families/:id', access: STAFF, params: { id: 'coach-seeking-family' } },
  { route: 'POST /api/families/:id/people', access: STAFF, params: { id: 'coach-seeking-family' } },
  { route: 'POST /api/families/:id/consents', access: STAFF, params: { id: 'coach-seeking-family' } },
  { route: 'POST /api/families/:id/status', access: STAFF, params: { id: 'coach-seeking-family' } },
  { route: 'PATCH /api/people/:id', access: STAFF, params: { id: 'coach-family-person' } },
];
