import {
  Clock,
  CheckInsService,
  GoalsService,
  OutcomeMeasuresService,
  SmallWinsService,
  type Family,
  type Goal,
  type LinkUp,
  type User,
} from '@app/core';
import type { INestApplicationContext } from '@nestjs/common';
import { callerOf, makeFamily } from './families';
import { startLinkUpOf } from './start-link-up';

export interface MadeLinkUp {
  readonly linkUp: LinkUp;
  readonly seekingFamilyId: string;
  readonly sharingFamilyId: string;
}

export interface MakeLinkUpOptions {
  /** An existing Seeking family (e.g. a family user's own); default a new one registered by the coach. */
  readonly seekingFamily?: Pick<Family, 'id'>;
  readonly sharingFamily?: Pick<Family, 'id'>;
  readonly startedAt?: Date;
  readonly plannedWeeks?: number;
}

/**
 * A link-up in `relationship_building` coached by `coach`: both families registered through
 * `FamiliesService` (coach as their primary coach), then `LinkUpsService.startLinkUp` in a
 * transaction with the coach as actor.
 */
export async function makeLinkUp(
  app: INestApplicationContext,
  coach: User,
  options: MakeLinkUpOptions = {},
): Promise<MadeLinkUp> {
  if (coach.siteId === null) throw new Error('makeLinkUp: the coach needs a site');
  const seeking = options.seekingFamily ?? (await makeFamily(app, coach, 'seeking'));
  const sharing = options.sharingFamily ?? (await makeFamily(app, coach, 'sharing'));
  const linkUp = await startLinkUpOf(app, coach, {
    seekingFamilyId: seeking.id,
    sharingFamilyId: sharing.id,
    startedAt: options.startedAt ?? app.get(Clock).now(),
    plannedWeeks: options.plannedWeeks,
  });
  return { linkUp, seekingFamilyId: seeking.id, sharingFamilyId: sharing.id };
}

/** An active goal of the link-up's Seeking family, written down by `author` (its coach or the family). */
export async function makeGoal(
  app: INestApplicationContext,
  author: User,
  linkUpId: string,
  input: { text?: string; theme?: string } = {},
): Promise<Goal> {
  return app.get(GoalsService).recordGoal(callerOf(author), linkUpId, {
    text: input.text ?? 'Get the kids to school on time most days',
    theme: input.theme ?? 'routines',
  });
}

/**
 * Everything the default guards ask for up to `doing_without`: a goal, a held check-in, a baseline
 * measure, a rating after it and a small win, recorded by the link-up's coach.
 */
export async function meetGuardsThroughDoingWith(
  app: INestApplicationContext,
  coach: User,
  made: MadeLinkUp,
): Promise<Goal> {
  const caller = callerOf(coach);
  const goal = await makeGoal(app, coach, made.linkUp.id);
  await app.get(CheckInsService).recordHeldCheckIn({
    linkUpId: made.linkUp.id,
    party: 'both',
    kind: 'ad_hoc',
    heldAt: app.get(Clock).now(),
    mode: 'phone',
    completedBy: coach.id,
  });
  await app.get(OutcomeMeasuresService).recordOutcomeMeasure(caller, made.seekingFamilyId, {
    instrument: 'K10',
    timepoint: 'baseline',
    score: 30,
    assessedBy: 'family',
  });
  await app.get(GoalsService).rateGoal(caller, goal.id, { rating: 0, ratedBy: 'joint' });
  await app.get(SmallWinsService).recordSmallWin(caller, made.linkUp.id, {
    text: 'Made it to playgroup',
    occurredOn: app.get(Clock).today(),
  });
  return goal;
}
