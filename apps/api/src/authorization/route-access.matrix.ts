import type { UserRole } from '@app/core';

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

/** Records the test creates and substitutes for path parameters. */
export type RouteFixture =
  /** A coach of another site than every caller's (so out of a supervisor's scope). */
  'other-site-user' | 'other-site' | 'ping';

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

const PUBLIC = {
  anonymous: 'allowed',
  admin: 'allowed',
  supervisor: 'allowed',
  coach: 'allowed',
  evaluator: 'allowed',
  family: 'allowed',
} as const;
const ANY_USER = { ...PUBLIC, anonymous: 401 } as const;
const ADMIN_ONLY = {
  anonymous: 401,
  admin: 'allowed',
  supervisor: 403,
  coach: 403,
  evaluator: 403,
  family: 403,
} as const;
const STAFF = { ...ADMIN_ONLY, supervisor: 'allowed', coach: 'allowed' } as const;

export const ROUTE_ACCESS: readonly RouteAccessRow[] = [
  { route: 'GET /health', access: PUBLIC },
  { route: 'GET /health/ready', access: PUBLIC },
  { route: 'POST /api/auth/login', access: PUBLIC },
  { route: 'GET /api/me', access: ANY_USER },
  { route: 'POST /api/me/password', access: ANY_USER },
  { route: 'GET /api/sites', access: ADMIN_ONLY },
  { route: 'POST /api/sites', access: ADMIN_ONLY },
  { route: 'GET /api/sites/:id', access: ADMIN_ONLY, params: { id: 'other-site' } },
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
  { route: 'PATCH /api/settings', access: ADMIN_ONLY },
  { route: 'GET /api/settings/history', access: ADMIN_ONLY },
  { route: 'POST /api/system/pings', access: PUBLIC },
  { route: 'GET /api/system/pings/:id', access: PUBLIC, params: { id: 'ping' } },
];
