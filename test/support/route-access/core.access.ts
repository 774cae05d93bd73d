import { ADMIN_ONLY, ANY_USER, PUBLIC, STAFF, type RouteAccessRow } from './audiences';

/** Who may call each route of the kernel and of the features without their own file. */
export const CORE_ROUTE_ACCESS: readonly RouteAccessRow[] = [
  { route: 'GET /health', access: PUBLIC },
  { route: 'GET /health/ready', access: PUBLIC },
  // Not a user route: the scraper's METRICS_TOKEN, not a user's token, opens it; with no
  // METRICS_TOKEN set (as here) it is a 404 for everyone (test/metrics.e2e-spec.ts covers the rest).
  {
    route: 'GET /metrics',
    access: { anonymous: 404, admin: 404, supervisor: 404, coach: 404, evaluator: 404, family: 404 },
  },
  { route: 'POST /api/auth/login', access: PUBLIC },
  { route: 'POST /api/auth/password-reset', access: PUBLIC },
  { route: 'POST /api/auth/password-reset/complete', access: PUBLIC },
  { route: 'POST /api/auth/join', access: PUBLIC },
  // The body is checked before the scope: the empty body is a 400 for every staff member.
  { route: 'POST /api/families/:id/invitations', access: STAFF, params: { id: 'coach-seeking-family' } },
  {
    route: 'GET /api/families/:id/invitations',
    access: { ...STAFF, coach: 404 },
    params: { id: 'other-coach-seeking-family' },
  },
  { route: 'GET /api/me', access: ANY_USER },
  { route: 'POST /api/me/password', access: ANY_USER },
  { route: 'GET /api/sites', access: ADMIN_ONLY },
  { route: 'POST /api/sites', access: ADMIN_ONLY },
  { route: 'GET /api/sites/names', access: { ...ADMIN_ONLY, evaluator: 'allowed' } },
  { route: 'GET /api/sites/:id', access: ADMIN_ONLY, params: { id: 'other-site' } },
  { route: 'PATCH /api/sites/:id', access: ADMIN_ONLY, params: { id: 'other-site' } },
  { route: 'GET /api/users', access: { ...ADMIN_ONLY, supervisor: 'allowed' } },
  { route: 'POST /api/users', access: ADMIN_ONLY },
  {
    route: 'GET /api/users/:id',
    access: { ...ADMIN_ONLY, supervisor: 404 },
    params: { id: 'other-site-user' },
  },
  { route: 'POST /api/users/:id/deactivate', access: ADMIN_ONLY, params: { id: 'other-site-user' } },
  { route: 'POST /api/users/:id/reactivate', access: ADMIN_ONLY, params: { id: 'other-site-user' } },
  { route: 'GET /api/audit', access: ADMIN_ONLY },
  { route: 'GET /api/settings', access: STAFF },
  { route: 'GET /api/worklist', access: STAFF },
  { route: 'PATCH /api/settings', access: ADMIN_ONLY },
  { route: 'GET /api/settings/history', access: ADMIN_ONLY },
  { route: 'GET /api/settings/vocabularies', access: ANY_USER },
  { route: 'POST /api/system/pings', access: ADMIN_ONLY },
  { route: 'GET /api/system/pings/:id', access: ADMIN_ONLY, params: { id: 'ping' } },
];
