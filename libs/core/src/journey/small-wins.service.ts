import {
  isCalendarDate,
  isDateBefore,
  isFutureDate,
  isVisibleTo,
  type JourneyViewer,
  type SmallWinVisibility,
} from '@app/domain';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import type { Actor, Caller } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import type { LinkUp } from '../link-ups/link-up.entity';
import { LinkUpErrors } from '../link-ups/link-up.errors';
import { LinkUpsService } from '../link-ups/link-ups.service';
import { Goal } from './goal.entity';
import { JourneyErrors } from './journey.errors';
import { JourneyViewers } from './journey-viewers.service';
import { SmallWin } from './small-win.entity';
import { Clock } from '../clock/clock';

export interface NewSmallWinInput {
  readonly text: string;
  /** `YYYY-MM-DD`, not in the future, not before the link-up started. */
  readonly occurredOn: string;
  /** A goal of the same link-up that the caller may see. */
  readonly goalId?: string | null;
  readonly visibility?: SmallWinVisibility;
  /** Whose win it is: a family user's own family; staff default to the Seeking family. */
  readonly familyId?: string;
}

/** Checks what the DTO cannot: the date against today, whose win it is. Throws a 400 naming the field. */
export function assertRecordableOn(date: string, field: string, now: Date): void {
  if (!isCalendarDate(date)) throw JourneyErrors.invalidField(field, `${field} must be a date (YYYY-MM-DD)`);
  if (isFutureDate(date, now)) throw JourneyErrors.invalidField(field, `${field} cannot be in the future`);
}

/** A journey record's date cannot be before its link-up started (in every time zone): 400 naming the field. */
export function assertNotBeforeStart(date: string, field: string, linkUp: LinkUp): void {
  if (isDateBefore(date, linkUp.startedAt)) {
    throw JourneyErrors.invalidField(field, `${field} cannot be before the link-up started`);
  }
}

/**
 * Ensures a link-up accepts new journey records (open) and returns it; 404 outside the scope. The
 * link-up is read `FOR SHARE` in the caller's transaction, so a concurrent transition (which locks
 * it `FOR UPDATE`) cannot interleave: no record lands in a link-up that was closed meanwhile, and a
 * guard counts every record that was written before it.
 */
export async function openLinkUpInScope(
  linkUps: LinkUpsService,
  actor: Actor,
  linkUpId: string,
  manager: EntityManager,
): Promise<LinkUp> {
  const linkUp = await linkUps.shareLockLinkUpInScope(manager, actor, linkUpId);
  if (linkUp.status === 'completed' || linkUp.status === 'ended_early') throw LinkUpErrors.closed();
  return linkUp;
}

/** Small wins (DESIGN §3), recorded by either family or the coach. */
@Injectable()
export class SmallWinsService {
  constructor(
    @InjectRepository(SmallWin) private readonly wins: Repository<SmallWin>,
    private readonly dataSource: DataSource,
    private readonly linkUps: LinkUpsService,
    private readonly viewers: JourneyViewers,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async recordSmallWin(
    caller: Caller,
    linkUpId: string,
    input: NewSmallWinInput,
    now = this.clock.now(),
  ): Promise<SmallWin> {
    const { actor } = caller;
    assertRecordableOn(input.occurredOn, 'occurredOn', now);
    return this.dataSource.transaction(async (manager) => {
      const linkUp = await openLinkUpInScope(this.linkUps, actor, linkUpId, manager);
      assertNotBeforeStart(input.occurredOn, 'occurredOn', linkUp);
      const familyId = this.whoseWin(actor, linkUp, input.familyId);
      const goalId = input.goalId ?? null;
      if (goalId !== null) await this.assertGoalForWin(actor, linkUp, goalId, manager);
      const repository = manager.getRepository(SmallWin);
      const win = repository.create({
        linkUpId: linkUp.id,
        familyId,
        goalId,
        text: input.text.trim(),
        occurredOn: input.occurredOn,
        visibility: input.visibility ?? 'link_up',
        recordedBy: actor.id,
        recordedByRole: actor.role,
      });
      await repository.insert(win);
      await this.audit.record(
        {
          actor,
          requestId: caller.requestId,
          action: 'small_win.recorded',
          entityType: 'small_win',
          entityId: win.id,
          details: { linkUpId: linkUp.id, visibility: win.visibility },
        },
        manager,
      );
      return win;
    });
  }

  async listSmallWins(caller: Caller, linkUpId: string): Promise<SmallWin[]> {
    const linkUp = await this.linkUps.getLinkUpInScope(caller.actor, linkUpId);
    return this.smallWinsOf(linkUp, await this.viewers.viewerFor(caller.actor, linkUp));
  }

  /** A link-up's small wins (already scope-checked) that `viewer` may see, newest first. */
  async smallWinsOf(linkUp: LinkUp, viewer: JourneyViewer, manager?: EntityManager): Promise<SmallWin[]> {
    const wins = await (manager?.getRepository(SmallWin) ?? this.wins).find({
      where: { linkUpId: linkUp.id },
      order: { occurredOn: 'DESC', createdAt: 'DESC' },
    });
    return wins.filter((win) =>
      isVisibleTo(viewer, { familyId: win.familyId, coachOnly: win.visibility === 'coach_only' }),
    );
  }

  /** Every small win of the link-up, coach-only ones included: a stage guard fact. */
  countSmallWins(linkUpId: string, manager?: EntityManager): Promise<number> {
    return (manager?.getRepository(SmallWin) ?? this.wins).countBy({ linkUpId });
  }

  /** countSmallWins of each link-up, in one read. */
  async countSmallWinsOf(linkUpIds: readonly string[], manager?: EntityManager): Promise<number[]> {
    if (linkUpIds.length === 0) return [];
    const rows = await (manager ?? this.wins.manager).query<{ id: string; wins: number }[]>(
      `SELECT link_up_id AS id, count(*)::int AS wins FROM small_wins
        WHERE link_up_id = ANY($1::uuid[]) GROUP BY link_up_id`,
      [[...linkUpIds]],
    );
    const byId = new Map(rows.map((row) => [row.id, row.wins]));
    return linkUpIds.map((id) => byId.get(id) ?? 0);
  }

  /**
   * A win may name a goal of the same link-up that the caller may see; any other id (another
   * link-up's goal, a goal hidden from a Sharing family, an unknown one) is the same 400.
   */
  private async assertGoalForWin(
    actor: Actor,
    linkUp: LinkUp,
    goalId: string,
    manager: EntityManager,
  ): Promise<void> {
    const goal = await manager.getRepository(Goal).findOneBy({ id: goalId, linkUpId: linkUp.id });
    const visible =
      goal !== null &&
      isVisibleTo(await this.viewers.viewerFor(actor, linkUp, manager), {
        familyId: goal.familyId,
        coachOnly: false,
      });
    if (!visible) throw JourneyErrors.invalidField('goalId', 'goalId must be a goal of this link-up');
  }

  private whoseWin(actor: Actor, linkUp: LinkUp, requested: string | undefined): string {
    if (actor.role === 'family') {
      if (requested !== undefined && requested !== actor.familyId) {
        throw JourneyErrors.invalidField('familyId', 'a family records its own small wins');
      }
      return actor.familyId as string;
    }
    if (requested === undefined) return linkUp.seekingFamilyId;
    if (requested !== linkUp.seekingFamilyId && requested !== linkUp.sharingFamilyId) {
      throw JourneyErrors.invalidField('familyId', 'familyId must be one of the link-up’s families');
    }
    return requested;
  }
}
