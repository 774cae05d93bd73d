import { FamiliesService } from '@app/core';
import { callerOf, makeSeekingFamily } from '@app/testing';
import type { FixtureFactories } from './route-fixture';

/** Records the families rows of the authorization matrix name in their path parameters. */
export const FAMILIES_FIXTURES: FixtureFactories = {
  /** A Seeking family of site A on another coach's caseload: out of the calling coach's scope. */
  'other-coach-seeking-family': async (ctx) => (await makeSeekingFamily(ctx.t.app, ctx.otherCoach)).id,
  /** A Seeking family on the calling coach's caseload. */
  'coach-seeking-family': async (ctx) => (await makeSeekingFamily(ctx.t.app, ctx.users.coach)).id,
  /** An adult of a family on the calling coach's caseload. */
  'coach-family-person': async (ctx) => {
    const family = await makeSeekingFamily(ctx.t.app, ctx.users.coach);
    const person = await ctx.t.app
      .get(FamiliesService)
      .addPerson(callerOf(ctx.users.coach), family.id, { role: 'adult', preferredName: 'Sam' });
    return person.id;
  },
};
