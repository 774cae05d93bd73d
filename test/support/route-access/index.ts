import { CHECK_INS_ROUTE_ACCESS } from './check-ins.access';
import { CORE_ROUTE_ACCESS } from './core.access';
import { EXPORTS_ROUTE_ACCESS } from './exports.access';
import { FAMILIES_ROUTE_ACCESS } from './families.access';
import { LINK_UPS_ROUTE_ACCESS } from './link-ups.access';
import { MATCHING_ROUTE_ACCESS } from './matching.access';
import type { RouteAccessRow } from './audiences';

export { AUDIENCES, type Audience, type Outcome, type RouteAccessRow } from './audiences';

/**
 * Every route of the API, with who may call it: the test's expectations, kept beside the tests that
 * use them (test/authorization-matrix.e2e-spec.ts, test/fuzz-input.e2e-spec.ts). The audiences sit in
 * their own file, which every feature's rows import, so no file here imports one that imports it back.
 */
export const ROUTE_ACCESS: readonly RouteAccessRow[] = [
  ...CORE_ROUTE_ACCESS,
  ...FAMILIES_ROUTE_ACCESS,
  ...MATCHING_ROUTE_ACCESS,
  ...LINK_UPS_ROUTE_ACCESS,
  ...CHECK_INS_ROUTE_ACCESS,
  ...EXPORTS_ROUTE_ACCESS,
];
