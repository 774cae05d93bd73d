import { CHECK_INS_FIXTURES } from './check-ins.fixtures';
import { CORE_FIXTURES } from './core.fixtures';
import { EXPORTS_FIXTURES } from './exports.fixtures';
import { FAMILIES_FIXTURES } from './families.fixtures';
import { LINK_UPS_FIXTURES } from './link-ups.fixtures';
import { MATCHING_FIXTURES } from './matching.fixtures';
import type { FixtureFactories } from './route-fixture';

export * from './route-fixture';

export const ROUTE_FIXTURES: FixtureFactories = {
  ...CORE_FIXTURES,
  ...FAMILIES_FIXTURES,
  ...MATCHING_FIXTURES,
  ...LINK_UPS_FIXTURES,
  ...CHECK_INS_FIXTURES,
  ...EXPORTS_FIXTURES,
};
