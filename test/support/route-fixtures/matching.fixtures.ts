import { randomUUID } from 'node:crypto';
import { makeApprovedSharingFamily, makeMatchProposal, makeSeekingFamily } from '@app/testing';
import type { FixtureFactories } from './route-fixture';

/** Records the matching rows of the authorization matrix name in their path parameters. */
export const MATCHING_FIXTURES: FixtureFactories = {
  /** A shortlist offered to another coach's Seeking family: out of the calling coach's scope. */
  'other-coach-match-proposal': async (ctx) => {
    const seeking = await makeSeekingFamily(ctx.t.app, ctx.otherCoach);
    const sharing = await makeApprovedSharingFamily(ctx.t.app, ctx.otherCoach);
    return (await makeMatchProposal(ctx.t.app, ctx.otherCoach, seeking, [sharing])).id;
  },
  /** A shortlist offered to the calling coach's Seeking family. */
  'coach-match-proposal': async (ctx) => {
    const seeking = await makeSeekingFamily(ctx.t.app, ctx.users.coach);
    const sharing = await makeApprovedSharingFamily(ctx.t.app, ctx.users.coach);
    return (await makeMatchProposal(ctx.t.app, ctx.users.coach, seeking, [sharing])).id;
  },
  /**
   * An exclusion id for the lift route: the matrix sends an empty body, which is refused (400)
   * before the exclusion is looked up, so no record is needed.
   */
  'any-exclusion': () => Promise.resolve(randomUUID()),
};
