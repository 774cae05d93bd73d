import {
  isCalendarDate,
  isDateBefore,
  isFutureDate,
  isVisibleTo,
  type JourneyViewer,
  type SmallWinVisibility,
} from '@app/domain';
import { Injectable } from '@nestjs/common';
import type { Actor, Caller } from '../access';
import { AuditService } from '../audit';
import { DomainError } from '../errors';
import type { LinkUp, LinkUpFacts } from '../link-ups';
import { LinkUpErrors, LinkUpsService } from '../link-ups';
import { TransactionContext } from '../transaction';
import { GoalsRepository } from './goals.repository';
import { JourneyErrors } from './journey.errors';
import { JourneyViewers } from './journey-viewers.service';
import type { SmallWin } from './small-win.entity';
import { SmallWinsRepository } from './small-wins.repository';
import { Clock } from '../clock';

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
export function assertNotBeforeStart(date: string, field: string, linkUp: Pick<LinkUp, 'startedAt'>): void {
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
): Promise<LinkUp> {
  return assertLinkUpOpen(await linkUps.shareLockLinkUpInScope(actor, linkUpId));
}

/** A closed link-up (completed or ended early) takes no journey record: `LINK_UP.CLOSED`. */
function assertLinkUpOpen<T extends Pick<LinkUp, 'status'>>(linkUp: T): T {
  if (linkUp.status === 'completed' || linkUp.status === 'ended_early') throw LinkUpErrors.closed();
  return linkUp;
}

/** A refusal (a `DomainError`) as null; anything else is thrown on. */
function unlessRefusal(error: unknown): null {
  if (error instanceof DomainError) return null;
  throw error;
}

/** How many times a small win is tried without a transaction before the last, share-locked try. */
const SMALL_WIN_OPTIMISTIC_ATTEMPTS = 2;

/**
 * Small wins (DESIGN §3), recorded by either family or the coach. Reads and writes join the
 * transaction open in this async context (TransactionContext); callers that still thread a `manager`
 * hand it over with `TransactionContext.within`.
 */
@Injectable()
export class SmallWinsService {
  constructor(
    private readonly wins: SmallWinsRepository,
    private readonly goals: GoalsRepository,
    private readonly transactions: TransactionContext,
    private readonly linkUps: LinkUpsService,
    private readonly viewers: JourneyViewers,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Records a win and its audit line (issue 17: one statement, or two, in place of a transaction of
   * five). The link-up's facts as this process last read them (`recentLinkUpFactsInScope`), else a read
   * of them (`LinkUpFacts`: one plain statement, not the entity), are checked as for every journey write
   * (scope, open, dates, whose win, goal); then one
   * statement, prepared once per connection, inserts the win and its audit line from a CTE that
   * holds the link-up `FOR SHARE` only while its version is the one checked: written together or not
   * at all, and a transition either waits for it (and counts the win) or commits first (and the write
   * finds the link-up changed). Then it is read and checked again (so is a refusal on remembered
   * facts: they may be out of date); after a few such misses, the last
   * attempt holds the link-up `FOR SHARE` from the read on, in a transaction, as before. Called inside
   * a run, every statement is that run's (outside one, the first attempts autocommit).
   */
  async recordSmallWin(
    caller: Caller,
    linkUpId: string,
    input: NewSmallWinInput,
    now = this.clock.now(),
  ): Promise<SmallWin> {
    // Inside a caller's run, the attempts are a run joined to it, so a refusal marks it failed (rolled
    // back though the caller catches the error), as every use case joined to a run does.
    if (this.transactions.transaction !== undefined) {
      return this.transactions.run(() => this.tryRecordSmallWin(caller, linkUpId, input, now));
    }
    return this.tryRecordSmallWin(caller, linkUpId, input, now);
  }

  private async tryRecordSmallWin(
    caller: Caller,
    linkUpId: string,
    input: NewSmallWinInput,
    now: Date,
  ): Promise<SmallWin> {
    assertRecordableOn(input.occurredOn, 'occurredOn', now);
    // First, without reading the link-up: its facts as this process last read them (a family's next
    // win). A refusal on them is not final (they may be out of date): the fresh tries below decide.
    const recent = this.linkUps.recentLinkUpFactsInScope(caller.actor, linkUpId);
    if (recent !== undefined) {
      const win = await this.checkedWin(caller, recent, input).catch(unlessRefusal);
      const saved = win === null ? null : await this.insertSmallWin(caller, recent, win);
      if (saved !== null) return saved;
    }
    for (let attempt = 1; attempt <= SMALL_WIN_OPTIMISTIC_ATTEMPTS; attempt += 1) {
      const linkUp = await this.linkUps.getLinkUpFactsInScope(caller.actor, linkUpId);
      const saved = await this.insertSmallWin(caller, linkUp, await this.checkedWin(caller, linkUp, input));
      if (saved !== null) return saved;
    }
    return this.transactions.run(async () => {
      const linkUp = await openLinkUpInScope(this.linkUps, caller.actor, linkUpId);
      const saved = await this.insertSmallWin(caller, linkUp, await this.checkedWin(caller, linkUp, input));
      // Unreachable: the link-up is share-locked since it was read, so its version cannot have moved.
      if (saved === null) throw new Error(`Link-up ${linkUp.id} changed under its share lock`);
      return saved;
    });
  }

  /**
   * The win, checked against `linkUp` (as read): open, not before its start, whose win, the goal.
   * Throws the refusal.
   */
  private async checkedWin(caller: Caller, linkUp: LinkUpFacts, input: NewSmallWinInput): Promise<SmallWin> {
    const { actor } = caller;
    assertLinkUpOpen(linkUp);
    assertNotBeforeStart(input.occurredOn, 'occurredOn', linkUp);
    const familyId = this.whoseWin(actor, linkUp, input.familyId);
    const goalId = input.goalId ?? null;
    if (goalId !== null) await this.assertGoalForWin(actor, linkUp, goalId);
    return this.wins.build({
      linkUpId: linkUp.id,
      familyId,
      goalId,
      text: input.text.trim(),
      occurredOn: input.occurredOn,
      visibility: input.visibility ?? 'link_up',
      recordedBy: actor.id,
      recordedByRole: actor.role,
    });
  }

  /**
   * Inserts the checked `win` and its audit line in one statement, unless the link-up's version moved
   * since `linkUp` was read: null then, and nothing written.
   */
  private async insertSmallWin(caller: Caller, linkUp: LinkUpFacts, win: SmallWin): Promise<SmallWin | null> {
    // The time of the row is the clock's, as the entity subscriber stamps it on `insert`.
    const row = await this.wins.insertIfLinkUpUnchanged(win, this.clock.now(), {
      linkUp: (params) => this.linkUps.unchangedLinkUpSql(linkUp, params),
      audit: (params) =>
        this.audit.lineForEachSql(
          'win',
          {
            actor: caller.actor,
            requestId: caller.requestId,
            action: 'small_win.recorded',
            entityType: 'small_win',
            details: { linkUpId: linkUp.id, visibility: win.visibility },
          },
          params,
        ),
    });
    if (row === null) return null;
    win.id = row.id;
    win.createdAt = row.created_at;
    return win;
  }

  async listSmallWins(caller: Caller, linkUpId: string): Promise<SmallWin[]> {
    const linkUp = await this.linkUps.getLinkUpInScope(caller.actor, linkUpId);
    return this.smallWinsOf(linkUp, await this.viewers.viewerFor(caller.actor, linkUp));
  }

  /** A link-up's small wins (already scope-checked) that `viewer` may see, newest first. */
  async smallWinsOf(linkUp: LinkUp, viewer: JourneyViewer): Promise<SmallWin[]> {
    const wins = await this.wins.listOfLinkUp(linkUp.id);
    return wins.filter((win) =>
      isVisibleTo(viewer, { familyId: win.familyId, coachOnly: win.visibility === 'coach_only' }),
    );
  }

  /** Every small win of the link-up, coach-only ones included: a stage guard fact. */
  countSmallWins(linkUpId: string): Promise<number> {
    return this.wins.countOfLinkUp(linkUpId);
  }

  /** countSmallWins of each link-up, in one read. */
  async countSmallWinsOf(linkUpIds: readonly string[]): Promise<number[]> {
    if (linkUpIds.length === 0) return [];
    const rows = await this.wins.countsOf(linkUpIds);
    const byId = new Map(rows.map((row) => [row.id, row.wins]));
    return linkUpIds.map((id) => byId.get(id) ?? 0);
  }

  /**
   * A win may name a goal of the same link-up that the caller may see; any other id (another
   * link-up's goal, a goal hidden from a Sharing family, an unknown one) is the same 400.
   */
  private async assertGoalForWin(actor: Actor, linkUp: LinkUpFacts, goalId: string): Promise<void> {
    const goal = await this.goals.goalOfLinkUp(goalId, linkUp.id);
    const visible =
      goal !== null &&
      isVisibleTo(await this.viewers.viewerFor(actor, linkUp), {
        familyId: goal.familyId,
        coachOnly: false,
      });
    if (!visible) throw JourneyErrors.invalidField('goalId', 'goalId must be a goal of this link-up');
  }

  private whoseWin(actor: Actor, linkUp: LinkUpFacts, requested: string | undefined): string {
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
