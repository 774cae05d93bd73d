import type { FixtureFactories } from './route-fixture';

/** Records the matching rows of the authorization matrix name in their path parameters. */
export const MATCHING_FIXTURES: FixtureFactories = {};
