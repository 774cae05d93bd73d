import { CheckIn, NotificationsService, SafeguardingService } from '@app/core';
import { callerOf, startTestLinkUp } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { FixtureContext, FixtureFactories } from './route-fixture';

/** The first planned check-in of a new link-up on `coach`'s caseload. */
async function checkInOf(ctx: FixtureContext, coach: FixtureContext['otherCoach']): Promise<string> {
  const linkUp = await startTestLinkUp(ctx.t.app, coach);
  const checkIn = await ctx.t.app
    .get(DataSource)
    .getRepository(CheckIn)
    .findOneOrFail({ where: { linkUpId: linkUp.id }, order: { dueAt: 'ASC' } });
  return checkIn.id;
}

async function concernOf(ctx: FixtureContext, coach: FixtureContext['otherCoach']): Promise<string> {
  const linkUp = await startTestLinkUp(ctx.t.app, coach);
  const concern = await ctx.t.app.get(SafeguardingService).raiseConcern(callerOf(coach), {
    linkUpId: linkUp.id,
    severity: 'low',
    description: 'A fixture concern',
  });
  return concern.id;
}

/** Records the check-ins rows of the authorization matrix name in their path parameters. */
export const CHECK_INS_FIXTURES: FixtureFactories = {
  /** A check-in of a link-up on another coach's caseload (site A). */
  'other-coach-check-in': (ctx) => checkInOf(ctx, ctx.otherCoach),
  /** A check-in of a link-up on the calling coach's caseload. */
  'coach-check-in': (ctx) => checkInOf(ctx, ctx.users.coach),
  'other-coach-concern': (ctx) => concernOf(ctx, ctx.otherCoach),
  'coach-concern': (ctx) => concernOf(ctx, ctx.users.coach),
  /** A notice in the supervisor's inbox. */
  'supervisor-notification': async (ctx) => {
    const notifications = ctx.t.app.get(NotificationsService);
    const [id] = await notifications.notify({
      kind: 'check_in_missed',
      subjectType: 'check_in',
      subjectId: randomUUID(),
      linkUpId: null,
      facts: {},
      recipientIds: [ctx.users.supervisor.id],
    });
    return id;
  },
};
