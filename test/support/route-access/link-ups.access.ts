import { STAFF, type RouteAccessRow } from './audiences';

/** Staff and family users (a family: its own link-up). */
const STAFF_AND_FAMILY = { ...STAFF, family: 'allowed' } as const;
/** Supervisors and admins. */
const SUPERVISORS = { ...STAFF, coach: 403 } as const;

/**
 * Who may call each link-ups route (one row per route; see the authorization matrix).
 *
 * Reads name a link-up of another coach of site A: the supervisor and admin see it, the coach and
 * the family user get 404. Writes name the family user's own link-up on the calling coach's
 * caseload, so every allowed audience reaches validation (400 for the empty body); their 404s
 * outside the scope are tested in `test/link-ups.e2e-spec.ts`.
 */
export const LINK_UPS_ROUTE_ACCESS: readonly RouteAccessRow[] = [
  { route: 'GET /api/link-ups', access: STAFF_AND_FAMILY },
  {
    route: 'GET /api/link-ups/:id',
    access: { ...STAFF_AND_FAMILY, coach: 404, family: 404 },
    params: { id: 'link-up-of-other-coach' },
  },
  {
    route: 'POST /api/link-ups/:id/transitions',
    access: STAFF,
    params: { id: 'link-up-of-coach-and-family' },
  },
  {
    route: 'POST /api/link-ups/:id/coach',
    access: SUPERVISORS,
    params: { id: 'link-up-of-coach-and-family' },
  },
  {
    route: 'POST /api/link-ups/:id/goals',
    access: STAFF_AND_FAMILY,
    params: { id: 'link-up-of-coach-and-family' },
  },
  {
    route: 'GET /api/link-ups/:id/goals',
    access: { ...STAFF_AND_FAMILY, coach: 404, family: 404 },
    params: { id: 'link-up-of-other-coach' },
  },
  { route: 'PATCH /api/goals/:id', access: STAFF_AND_FAMILY, params: { id: 'goal-of-coach-and-family' } },
  {
    route: 'POST /api/goals/:id/ratings',
    access: STAFF_AND_FAMILY,
    params: { id: 'goal-of-coach-and-family' },
  },
  {
    route: 'POST /api/link-ups/:id/small-wins',
    access: STAFF_AND_FAMILY,
    params: { id: 'link-up-of-coach-and-family' },
  },
  {
    route: 'GET /api/link-ups/:id/small-wins',
    access: { ...STAFF_AND_FAMILY, coach: 404, family: 404 },
    params: { id: 'link-up-of-other-coach' },
  },
  {
    route: 'POST /api/link-ups/:id/get-togethers',
    access: STAFF_AND_FAMILY,
    params: { id: 'link-up-of-coach-and-family' },
  },
  {
    route: 'GET /api/link-ups/:id/get-togethers',
    access: { ...STAFF_AND_FAMILY, coach: 404, family: 404 },
    params: { id: 'link-up-of-other-coach' },
  },
  {
    route: 'POST /api/link-ups/:id/feedback',
    access: STAFF_AND_FAMILY,
    params: { id: 'link-up-of-coach-and-family' },
  },
  {
    route: 'POST /api/families/:id/outcome-measures',
    access: STAFF,
    params: { id: 'journey-family-of-coach' },
  },
  {
    route: 'GET /api/families/:id/outcome-measures',
    access: { ...STAFF, coach: 404 },
    params: { id: 'journey-family-of-other-coach' },
  },
];
