import type { FixtureFactories } from './route-fixture';

/** Records the exports rows of the authorization matrix name in their path parameters. */
export const EXPORTS_FIXTURES: FixtureFactories = {};
