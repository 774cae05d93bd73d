import type { FixtureFactories } from './route-fixture';

/** Records the families rows of the authorization matrix name in their path parameters. */
export const FAMILIES_FIXTURES: FixtureFactories = {};
