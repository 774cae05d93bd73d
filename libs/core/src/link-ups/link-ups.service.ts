import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../errors/database-errors';
import { LinkUpEvent } from './link-up-event.entity';
import { LinkUp } from './link-up.entity';
import { LinkUpErrors } from './link-up.errors';

export interface StartLinkUpInput {
  readonly siteId: string;
  readonly seekingFamilyId: string;
  readonly sharingFamilyId: string;
  readonly coachId: string;
  readonly matchProposalId: string | null;
  readonly startedAt: Date;
  readonly plannedWeeks?: number;
  /** Who recorded it (the coach recording the family's choice). */
  readonly actorId: string;
}

@Injectable()
export class LinkUpsService {
  /**
   * Creates a link-up in `relationship_building` with its `created` history entry, inside the
   * caller's transaction (the caller holds the locks and has re-checked capacity and eligibility).
   * A Seeking family with a live link-up is refused by a unique index, whatever the race.
   */
  async startLinkUp(manager: EntityManager, input: StartLinkUpInput): Promise<LinkUp> {
    const linkUps = manager.getRepository(LinkUp);
    let linkUp: LinkUp;
    try {
      linkUp = await linkUps.save(
        linkUps.create({
          siteId: input.siteId,
          seekingFamilyId: input.seekingFamilyId,
          sharingFamilyId: input.sharingFamilyId,
          coachId: input.coachId,
          matchProposalId: input.matchProposalId,
          stage: 'relationship_building',
          status: 'active',
          startedAt: input.startedAt,
          plannedWeeks: input.plannedWeeks ?? 20,
          pausedSince: null,
          endedAt: null,
          closureReason: null,
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_link_ups_live_seeking_family')) {
        throw LinkUpErrors.seekingFamilyAlreadyLinked(input.seekingFamilyId);
      }
      throw error;
    }
    const events = manager.getRepository(LinkUpEvent);
    await events.insert(
      events.create({
        linkUpId: linkUp.id,
        kind: 'created',
        fromStage: null,
        toStage: 'relationship_building',
        fromStatus: null,
        toStatus: 'active',
        fromCoachId: null,
        toCoachId: input.coachId,
        reason: null,
        at: input.startedAt,
        actorId: input.actorId,
      }),
    );
    return linkUp;
  }
}
