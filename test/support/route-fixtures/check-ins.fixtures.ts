import type { FixtureFactories } from './route-fixture';

/** Records the check-ins rows of the authorization matrix name in their path parameters. */
export const CHECK_INS_FIXTURES: FixtureFactories = {};
