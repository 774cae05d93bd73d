import type { RouteAccessRow } from './audiences';

const EVALUATOR_AND_ADMIN = {
  anonymous: 401,
  admin: 'allowed',
  supervisor: 403,
  coach: 403,
  evaluator: 'allowed',
  family: 403,
} as const;

/** Who may call each exports route (one row per route; see the authorization matrix). */
export const EXPORTS_ROUTE_ACCESS: readonly RouteAccessRow[] = [
  { route: 'GET /api/exports/link-ups.csv', access: EVALUATOR_AND_ADMIN },
  { route: 'GET /api/exports/goals.csv', access: EVALUATOR_AND_ADMIN },
  { route: 'GET /api/exports/outcome-measures.csv', access: EVALUATOR_AND_ADMIN },
  { route: 'GET /api/exports/data-dictionary.json', access: EVALUATOR_AND_ADMIN },
  { route: 'GET /api/reports/outcome-change', access: EVALUATOR_AND_ADMIN },
  {
    route: 'GET /api/reports/matching-calibration',
    access: { ...EVALUATOR_AND_ADMIN, supervisor: 'allowed' },
  },
  {
    route: 'GET /api/reports/summary',
    access: { ...EVALUATOR_AND_ADMIN, supervisor: 'allowed', coach: 'allowed' },
  },
];
