import { LinkUpChangesBus, LinkUpsService, type LinkUp, type User } from '@app/core';
import type { INestApplicationContext } from '@nestjs/common';

/** The families a link-up joins and when it starts (tests and benchmarks set the time). */
export interface LinkUpStart {
  readonly seekingFamilyId: string;
  readonly sharingFamilyId: string;
  readonly startedAt: Date;
  /** Default: LinkUpsService's own (20 weeks). */
  readonly plannedWeeks?: number;
  /**
   * Announce it on the LinkUpChangesBus, as the matching feature does once it has committed, so its
   * check-ins get planned. Default false: the link-up alone.
   */
  readonly announce?: boolean;
}

/**
 * A link-up of the two families, started through `LinkUpsService.startLinkUp` in `coach`'s site with
 * `coach` as its coach and the actor recording it, no match proposal behind it (it joins the caller's
 * run, if any). It imports only @app/core, so the benchmarks import this file by path without the
 * rest of libs/testing.
 */
export async function startLinkUpOf(
  app: INestApplicationContext,
  coach: Pick<User, 'id' | 'siteId'>,
  start: LinkUpStart,
): Promise<LinkUp> {
  if (coach.siteId === null) throw new Error('startLinkUpOf: the coach needs a site');
  const linkUp = await app.get(LinkUpsService).startLinkUp({
    siteId: coach.siteId,
    seekingFamilyId: start.seekingFamilyId,
    sharingFamilyId: start.sharingFamilyId,
    coachId: coach.id,
    matchProposalId: null,
    startedAt: start.startedAt,
    plannedWeeks: start.plannedWeeks,
    actorId: coach.id,
  });
  if (start.announce === true)
    await app.get(LinkUpChangesBus).publish({ linkUpId: linkUp.id, kind: 'created', at: start.startedAt });
  return linkUp;
}
