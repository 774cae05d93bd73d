import type { UserRole } from '@app/core';
import { CHECK_INS_ROUTE_ACCESS } from '../check-ins/check-ins.access';
import { EXPORTS_ROUTE_ACCESS } from '../exports/exports.access';
import { FAMILIES_ROUTE_ACCESS } from '../families/families.access';
import { LINK_UPS_ROUTE_ACCESS } from '../link-ups/link-ups.access';
import { MATCHING_ROUTE_ACCESS } from '../matching/matching.access';

/**
 * Who may call each route, as data (issue 3). Every route of the API has exactly one row: the
 * authorization test enumerates the app's routes and fails on a route without a row (or a row
 * without a route), then calls every route as every audience and compares the status.
 *
 * `allowed` means the guard lets the call through (the answer is then whatever the route answers:
 * 2xx, or 400 for the empty body the test sends); 401, 403 and 404 are exact.
 */
export type Audience = 'anonymous' | UserRole;
export type Outcome = 'allowed' | 401 | 403 | 404;

/**
 * A record the test creates and substitutes for a path parameter, by name. The core ones are
 * `other-site-user` (a coach of another site than every caller's), `other-site` and `ping`; each
 * feature names its own in `test/support/route-fixtures/`.
 */
export type RouteFixture = string;

export interface RouteAccessRow {
  readonly route: string;
  readonly access: Readonly<Record<Audience, Outcome>>;
  readonly params?: Readonly<Record<string, RouteFixture>>;
}

export const AUDIENCES: readonly Audience[] = [
  'anonymous',
  'admin',
  'supervisor',
  'coach',
  'evaluator',
  'family',
];

export const PUBLIC = {
  anonymous: 'allowed',
  admin: 'allowed',
  supervisor: 'allowed',
  coach: 'allowed',
  evaluator: 'allowed',
  family: 'allowed',
} as const;
export const ANY_USER = { ...PUBLIC, anonymous: 401 } as const;
export const ADMIN_ONLY = {
  anonymous: 401,
  admin: 'allowed',
  supervisor: 403,
  coach: 403,
  evaluator: 403,
  family: 403,
} as const;
/** coach+: coach, supervisor and admin (each within its scope). */
export const STAFF = { ...ADMIN_ONLY, supervisor: 'allowed', coach: 'allowed' } as const;

const CORE_ROUTE_ACCESS: readonly RouteAccessRow[] = [
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

/** Every route of the API: the core rows above and each feature's own (next to its controllers). */
export const ROUTE_ACCESS: readonly RouteAccessRow[] = [
  ...CORE_ROUTE_ACCESS,
  ...FAMILIES_ROUTE_ACCESS,
  ...MATCHING_ROUTE_ACCESS,
  ...LINK_UPS_ROUTE_ACCESS,
  ...CHECK_INS_ROUTE_ACCESS,
  ...EXPORTS_ROUTE_ACCESS,
];
