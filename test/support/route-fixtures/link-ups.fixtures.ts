import { makeFamily, makeGoal, makeLinkUp } from '@app/testing';
import type { FixtureContext, FixtureFactories } from './route-fixture';

/** One link-up per context: the family user's own, on the calling coach's caseload. */
const ownLinkUps = new WeakMap<FixtureContext, Promise<string>>();
const ownLinkUp = (ctx: FixtureContext): Promise<string> => {
  let made = ownLinkUps.get(ctx);
  if (made === undefined) {
    const familyId = ctx.users.family.familyId;
    if (familyId === null) throw new Error('link-ups fixtures: the family user has no family');
    made = makeLinkUp(ctx.t.app, ctx.users.coach, { seekingFamily: { id: familyId } }).then(
      (m) => m.linkUp.id,
    );
    ownLinkUps.set(ctx, made);
  }
  return made;
};

/** Records the link-ups rows of the authorization matrix name in their path parameters. */
export const LINK_UPS_FIXTURES: FixtureFactories = {
  'link-up-of-coach-and-family': ownLinkUp,
  'link-up-of-other-coach': async (ctx) => (await makeLinkUp(ctx.t.app, ctx.otherCoach)).linkUp.id,
  'goal-of-coach-and-family': async (ctx) =>
    (await makeGoal(ctx.t.app, ctx.users.coach, await ownLinkUp(ctx))).id,
  'journey-family-of-coach': async (ctx) => (await makeFamily(ctx.t.app, ctx.users.coach, 'seeking')).id,
  'journey-family-of-other-coach': async (ctx) => (await makeFamily(ctx.t.app, ctx.otherCoach, 'seeking')).id,
};
