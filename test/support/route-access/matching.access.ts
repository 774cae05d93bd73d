import { STAFF, type RouteAccessRow } from './audiences';

/** Who may call each matching route (one row per route; see the authorization matrix). */
export const MATCHING_ROUTE_ACCESS: readonly RouteAccessRow[] = [
  {
    route: 'GET /api/families/:id/suggestions',
    access: { ...STAFF, coach: 404 },
    params: { id: 'other-coach-seeking-family' },
  },
  { route: 'POST /api/families/:id/exclusions', access: STAFF, params: { id: 'coach-seeking-family' } },
  {
    route: 'GET /api/families/:id/exclusions',
    access: { ...STAFF, coach: 404 },
    params: { id: 'other-coach-seeking-family' },
  },
  {
    route: 'POST /api/families/:id/exclusions/:exclusionId/lift',
    access: STAFF,
    params: { id: 'coach-seeking-family', exclusionId: 'any-exclusion' },
  },
  { route: 'POST /api/match-proposals', access: STAFF },
  {
    route: 'GET /api/match-proposals/:id',
    access: { ...STAFF, coach: 404, family: 404 },
    params: { id: 'other-coach-match-proposal' },
  },
  { route: 'POST /api/match-proposals/:id/decision', access: STAFF, params: { id: 'coach-match-proposal' } },
  {
    route: 'POST /api/match-proposals/:id/sharing-family-answer',
    access: STAFF,
    params: { id: 'coach-match-proposal' },
  },
  { route: 'POST /api/matching/cohort', access: STAFF },
];
