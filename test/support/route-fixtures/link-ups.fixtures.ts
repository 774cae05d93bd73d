import type { FixtureFactories } from './route-fixture';

/** Records the link-ups rows of the authorization matrix name in their path parameters. */
export const LINK_UPS_FIXTURES: FixtureFactories = {};
