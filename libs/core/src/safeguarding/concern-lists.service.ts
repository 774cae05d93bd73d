import { Injectable } from '@nestjs/common';
import type { Actor } from '../access';
import { FamiliesService } from '../families';
import { LinkUpsService } from '../link-ups';
import { UsersService } from '../users';
import type { SafeguardingConcern } from './safeguarding-concern.entity';
import { SafeguardingRepository } from './safeguarding.repository';
import { assertStaff, ConcernScope } from './concern-scope';

/** A concern not yet closed, with names for display (the worklist's row). */
export interface OpenConcernRow {
  readonly id: string;
  readonly severity: string;
  readonly status: string;
  readonly raisedAt: Date;
  readonly triageDueAt: Date;
  readonly escalated: boolean;
  readonly linkUpId: string | null;
  readonly familyId: string | null;
  readonly linkUpStatus: string | null;
  readonly familyNames: readonly string[];
  readonly coachId: string | null;
  readonly coachName: string | null;
}

/**
 * Concerns as lists show them: the worklist's open concerns in the caller's scope, and the names of
 * the families and people beside a concern (what staff see; asked of their owners).
 */
@Injectable()
export class ConcernListsService {
  constructor(
    private readonly concerns: SafeguardingRepository,
    private readonly scope: ConcernScope,
    private readonly linkUps: LinkUpsService,
    private readonly families: FamiliesService,
    private readonly users: UsersService,
  ) {}

  /**
   * Concerns not yet closed in the actor's scope, soonest triage deadline first, with the names of
   * the families concerned and the coach responsible (the worklist's list).
   */
  async openConcernsInScope(actor: Actor, limit: number): Promise<OpenConcernRow[]> {
    assertStaff(actor);
    const concerns = await (
      await this.scope.query(actor)
    )
      .andWhere("c.status <> 'closed'")
      .orderBy('c.triage_due_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(limit)
      .getMany();
    // What the concerns name, from their owners: link-ups, then families, then the coaches' names.
    const linkUps = new Map(
      (
        await this.linkUps.findLinkUpsByIds(
          concerns.flatMap((c) => (c.linkUpId === null ? [] : [c.linkUpId])),
        )
      ).map((l) => [l.id, l]),
    );
    const linkUpOf = (c: SafeguardingConcern) => (c.linkUpId === null ? undefined : linkUps.get(c.linkUpId));
    const families = new Map(
      (
        await this.families.findFamiliesByIds([
          ...new Set(
            concerns.flatMap((c) =>
              [c.familyId, linkUpOf(c)?.seekingFamilyId, linkUpOf(c)?.sharingFamilyId].filter(
                (id): id is string => id !== null && id !== undefined,
              ),
            ),
          ),
        ])
      ).map((f) => [f.id, f]),
    );
    const familyOf = (id: string | null | undefined) =>
      id === null || id === undefined ? undefined : families.get(id);
    const coachIdOf = (c: SafeguardingConcern): string | null =>
      linkUpOf(c)?.coachId ?? familyOf(c.familyId)?.primaryCoachId ?? null;
    const coachNames = await this.users.displayNamesOf(
      concerns.map(coachIdOf).filter((id): id is string => id !== null),
    );
    return concerns.map((c) => {
      const linkUp = linkUpOf(c);
      const coachId = coachIdOf(c);
      const coachName = coachId === null ? undefined : coachNames.get(coachId);
      return {
        id: c.id,
        severity: c.severity,
        status: c.status,
        raisedAt: c.raisedAt,
        triageDueAt: c.triageDueAt,
        escalated: c.escalatedAt !== null,
        linkUpId: c.linkUpId,
        familyId: c.familyId,
        linkUpStatus: linkUp?.status ?? null,
        familyNames: [
          familyOf(c.familyId)?.displayName,
          familyOf(linkUp?.seekingFamilyId)?.displayName,
          familyOf(linkUp?.sharingFamilyId)?.displayName,
        ].filter((n, i, all): n is string => n !== undefined && all.indexOf(n) === i),
        // A coach without a user row is named by no one (as the join left it).
        coachId: coachName === undefined ? null : coachId,
        coachName: coachName ?? null,
      };
    });
  }

  /**
   * Display names of the families each concern is about (a link-up's two, or the one family), and
   * of the people who wrote its entries: what staff see beside a concern. Ids not found are left out.
   */
  async namesFor(
    concernIds: readonly string[],
    actorIds: readonly string[] = [],
  ): Promise<{ families: ReadonlyMap<string, string[]>; actors: ReadonlyMap<string, string> }> {
    const families = new Map<string, string[]>();
    const actors = new Map<string, string>();
    if (concernIds.length > 0) {
      // The concerns' own rows, then what link-ups, families and users hold: one read each.
      const concerns = await this.concerns.subjectsOf(concernIds);
      const linkUps = new Map(
        (
          await this.linkUps.findLinkUpsByIds(
            concerns.flatMap((c) => (c.linkUpId === null ? [] : [c.linkUpId])),
          )
        ).map((l) => [l.id, l]),
      );
      const familyIds = concerns.flatMap((c) => {
        const linkUp = c.linkUpId === null ? undefined : linkUps.get(c.linkUpId);
        return [c.familyId, linkUp?.seekingFamilyId, linkUp?.sharingFamilyId].filter(
          (id): id is string => id !== null && id !== undefined,
        );
      });
      const names = new Map(
        (await this.families.findFamiliesByIds([...new Set(familyIds)])).map((f) => [f.id, f.displayName]),
      );
      const nameOf = (id: string | null | undefined): string | null =>
        id === null || id === undefined ? null : (names.get(id) ?? null);
      for (const concern of concerns) {
        const linkUp = concern.linkUpId === null ? undefined : linkUps.get(concern.linkUpId);
        families.set(
          concern.id,
          [nameOf(concern.familyId), nameOf(linkUp?.seekingFamilyId), nameOf(linkUp?.sharingFamilyId)].filter(
            (n, i, all): n is string => n !== null && all.indexOf(n) === i,
          ),
        );
      }
    }
    for (const [id, name] of await this.users.displayNamesOf(actorIds)) actors.set(id, name);
    return { families, actors };
  }
}
