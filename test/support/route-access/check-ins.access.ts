import { STAFF, type RouteAccessRow } from './audiences';

/** Who may call each check-ins route (one row per route; see the authorization matrix). */
export const CHECK_INS_ROUTE_ACCESS: readonly RouteAccessRow[] = [
  { route: 'GET /api/check-ins', access: STAFF },
  // A check-in of another coach's link-up: out of the calling coach's scope.
  {
    route: 'GET /api/check-ins/:id',
    access: { ...STAFF, coach: 404 },
    params: { id: 'other-coach-check-in' },
  },
  // Writes are called with an empty body: staff get 400 (nothing written), others 401/403.
  { route: 'POST /api/check-ins/:id/complete', access: STAFF, params: { id: 'coach-check-in' } },
  // Safeguarding: never family users (nor evaluators).
  { route: 'POST /api/safeguarding-concerns', access: STAFF },
  { route: 'GET /api/safeguarding-concerns', access: STAFF },
  {
    route: 'GET /api/safeguarding-concerns/:id',
    access: { ...STAFF, coach: 404 },
    params: { id: 'other-coach-concern' },
  },
  { route: 'POST /api/safeguarding-concerns/:id/triage', access: STAFF, params: { id: 'coach-concern' } },
  // The inbox: everyone its own; someone else's notice is a 404.
  { route: 'GET /api/notifications', access: { ...STAFF, evaluator: 'allowed', family: 'allowed' } },
  {
    route: 'POST /api/notifications/:id/read',
    access: { anonymous: 401, admin: 404, supervisor: 'allowed', coach: 404, evaluator: 404, family: 404 },
    params: { id: 'supervisor-notification' },
  },
];
