import type { Site, User } from '@app/core';
import type { TestApp } from '../test-app';

/** The callers of the authorization matrix: one per role; the staff and the family user in site A. */
export interface FixtureContext {
  readonly t: TestApp;
  readonly siteA: Site;
  readonly siteB: Site;
  readonly users: Readonly<Record<'admin' | 'supervisor' | 'coach' | 'evaluator' | 'family', User>>;
  /** Another coach of site A: records on its caseload are outside the calling coach's scope. */
  readonly otherCoach: User;
  /** Bearer token of a user (for fixtures made through the API). */
  token(user: User): Promise<string>;
}

/** Creates the record a matrix row's path parameter names, and returns its id. */
export type FixtureFactory = (ctx: FixtureContext) => Promise<string>;

export type FixtureFactories = Readonly<Record<string, FixtureFactory>>;
