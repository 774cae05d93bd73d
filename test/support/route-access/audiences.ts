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
