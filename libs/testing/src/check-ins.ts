import {
  CheckIn,
  Clock,
  actorOf,
  FamiliesService,
  LinkUpChangesBus,
  LinkUpsService,
  TransactionContext,
  ProgrammeSettingsService,
  type Caller,
  type LinkUp,
  type User,
} from '@app/core';
import type { CheckInCadenceSettings, LinkUpStage } from '@app/domain';
import type { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startLinkUpOf } from './start-link-up';

function asCaller(user: User): Caller {
  return { actor: actorOf(user), requestId: `factory-${randomBytes(4).toString('hex')}` };
}

/**
 * A link-up on `coach`'s caseload, started now (or at `startedAt`) through LinkUpsService and
 * announced on the LinkUpChangesBus, as the matching feature does: its check-ins get planned.
 */
export async function startTestLinkUp(
  app: INestApplicationContext,
  coach: User,
  options: { startedAt?: Date } = {},
): Promise<LinkUp> {
  if (coach.siteId === null) throw new Error('startTestLinkUp: the coach needs a site');
  const families = app.get(FamiliesService);
  const caller = asCaller(coach);
  const tag = randomBytes(3).toString('hex');
  const seeking = await families.registerFamily(caller, {
    kind: 'seeking',
    displayName: `Seeking ${tag}`,
    siteId: coach.siteId,
    primaryCoachId: coach.id,
  });
  const sharing = await families.registerFamily(caller, {
    kind: 'sharing',
    displayName: `Sharing ${tag}`,
    siteId: coach.siteId,
    primaryCoachId: coach.id,
  });
  return startLinkUpOf(app, coach, {
    seekingFamilyId: seeking.id,
    sharingFamilyId: sharing.id,
    startedAt: options.startedAt ?? app.get(Clock).now(),
    announce: true,
  });
}

export type TestLinkUpMove =
  { readonly to: LinkUpStage } | { readonly to: 'paused' | 'active' | 'completed' | 'ended_early' };

/**
 * Moves a link-up with the link-up feature's own primitives (lock + version check + history entry,
 * without the stage guards) and publishes the change, as a transition does.
 */
export async function moveTestLinkUp(
  app: INestApplicationContext,
  actor: User,
  linkUpId: string,
  move: TestLinkUpMove,
): Promise<LinkUp> {
  const linkUps = app.get(LinkUpsService);
  const at = app.get(Clock).now();
  const moved = await app.get(TransactionContext).run(async () => {
    const current = await linkUps.getLinkUpInScope(actorOf(actor), linkUpId);
    const locked = await linkUps.lockLinkUpForChange(actorOf(actor), linkUpId, current.version);
    const base = {
      fromStage: locked.stage,
      toStage: locked.stage,
      fromStatus: locked.status,
      toStatus: locked.status,
      fromCoachId: null,
      toCoachId: null,
      reason: 'test',
      at,
      actorId: actor.id,
    };
    switch (move.to) {
      case 'paused':
        return linkUps.recordChange(
          locked,
          { status: 'paused', pausedSince: at },
          { ...base, kind: 'paused', toStatus: 'paused' },
        );
      case 'active':
        return linkUps.recordChange(
          locked,
          { status: 'active', pausedSince: null },
          { ...base, kind: 'resumed', toStatus: 'active' },
        );
      case 'completed':
      case 'ended_early':
        return linkUps.recordChange(
          locked,
          { status: move.to, endedAt: at, closureReason: move.to === 'completed' ? 'goals_met' : 'other' },
          { ...base, kind: move.to, toStatus: move.to },
        );
      default: {
        const order = ['relationship_building', 'doing_with', 'doing_without'];
        const kind =
          order.indexOf(move.to) > order.indexOf(locked.stage) ? 'stage_advanced' : 'stage_moved_back';
        return linkUps.recordChange(locked, { stage: move.to }, { ...base, kind, toStage: move.to });
      }
    }
  });
  const kind =
    move.to === 'paused'
      ? 'paused'
      : move.to === 'active'
        ? 'resumed'
        : move.to === 'completed' || move.to === 'ended_early'
          ? move.to
          : 'stage_changed';
  await app.get(LinkUpChangesBus).publish({ linkUpId, kind, at });
  return moved;
}

/** Cadences of seconds, for tests of the life of a link-up on the real queue. */
export function secondsCadence(overrides: Partial<CheckInCadenceSettings> = {}): CheckInCadenceSettings {
  const s = 1000;
  return {
    firstContactWithinMs: 1 * s,
    cadenceMs: {
      sharing: { relationship_building: 3 * s, doing_with: 3 * s, doing_without: 3 * s },
      seeking: { relationship_building: null, doing_with: null, doing_without: null },
    },
    stageChangeCheckIn: { enabled: true, dueWithinMs: 1 * s },
    resumeCheckIn: { enabled: true, dueWithinMs: 1 * s },
    closureCheckIn: { enabled: true, dueWithinMs: 60 * s },
    gracePeriodMs: 2 * s,
    planningHorizonMs: 0,
    ...overrides,
  };
}

/** Replaces the programme's check-in cadences (as an admin would through PATCH /api/settings). */
export async function setCheckInCadences(
  app: INestApplicationContext,
  admin: User,
  checkIns: CheckInCadenceSettings,
): Promise<void> {
  const settings = app.get(ProgrammeSettingsService);
  const current = await settings.readSettings();
  await settings.changeSettings(asCaller(admin), { version: current.version, changes: { checkIns } });
}

/**
 * A scheduled ad hoc check-in of the link-up written straight into its table (committed, no job
 * enqueued, nothing planned): due at `dueAt`, overdue at `overdueAt` (an hour later unless given). Its id.
 */
export async function insertScheduledCheckIn(
  app: INestApplicationContext,
  linkUpId: string,
  dueAt: Date,
  overdueAt: Date = new Date(dueAt.getTime() + 3_600_000),
): Promise<string> {
  const result = await app
    .get(DataSource)
    .createQueryBuilder()
    .insert()
    .into(CheckIn)
    .values({ linkUpId, party: 'both', kind: 'ad_hoc', planKey: null, status: 'scheduled', dueAt, overdueAt })
    .returning('id')
    .execute();
  return (result.raw as { id: string }[])[0].id;
}
