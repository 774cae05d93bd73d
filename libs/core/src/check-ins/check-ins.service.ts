import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, MoreThanOrEqual, Repository } from 'typeorm';
import { CheckIn, type CheckInMode, type CheckInParty } from './check-in.entity';

export interface HeldCheckIn {
  readonly linkUpId: string;
  readonly party: CheckInParty;
  /** `ad_hoc` for an unplanned check-in; `closure` for the link-up's closing one. */
  readonly kind: 'ad_hoc' | 'closure';
  readonly heldAt: Date;
  readonly mode: CheckInMode;
  readonly completedBy: string;
  readonly notes?: string | null;
  readonly relationshipRating?: number | null;
  readonly wellbeingRating?: number | null;
}

/** Check-ins (DESIGN §4.4). The facts below feed the link-up stage guards (§4.3). */
@Injectable()
export class CheckInsService {
  constructor(@InjectRepository(CheckIn) private readonly checkIns: Repository<CheckIn>) {}

  /**
   * Records a check-in that was held without being planned (the caller has checked the link-up is
   * in the actor's scope). Planned check-ins are completed through their own row instead.
   */
  async recordHeldCheckIn(input: HeldCheckIn, manager?: EntityManager): Promise<CheckIn> {
    const repository = manager?.getRepository(CheckIn) ?? this.checkIns;
    return repository.save(
      repository.create({
        linkUpId: input.linkUpId,
        party: input.party,
        kind: input.kind,
        planKey: null,
        status: 'completed',
        dueAt: input.heldAt,
        overdueAt: input.heldAt,
        heldAt: input.heldAt,
        mode: input.mode,
        notes: input.notes ?? null,
        relationshipRating: input.relationshipRating ?? null,
        wellbeingRating: input.wellbeingRating ?? null,
        completedBy: input.completedBy,
        cancelledReason: null,
      }),
    );
  }

  /** Completed check-ins of the link-up held at or after `since`. */
  countCompletedCheckInsSince(linkUpId: string, since: Date, manager?: EntityManager): Promise<number> {
    return (manager?.getRepository(CheckIn) ?? this.checkIns).countBy({
      linkUpId,
      status: 'completed',
      heldAt: MoreThanOrEqual(since),
    });
  }

  /** Whether the link-up's closure check-in has been held. */
  async isClosureCheckInCompleted(linkUpId: string, manager?: EntityManager): Promise<boolean> {
    return (manager?.getRepository(CheckIn) ?? this.checkIns).existsBy({
      linkUpId,
      kind: 'closure',
      status: 'completed',
    });
  }
}
