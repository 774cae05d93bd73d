import { Inject, Injectable } from '@nestjs/common';
import type { Actor, Caller } from '../access';
import { whereInCaseload } from '../access';
import { Clock } from '../clock';
import { UsersService } from '../users';
import { FamiliesRepository } from './families.repository';
import { FAMILY_LINK_UPS, type FamilyLinkUps } from './family-link-ups.port';
import type { Family } from './family.entity';
import {
  SEEKING_FAMILY_STATUSES,
  SHARING_FAMILY_STATUSES,
  type FamilyKind,
  type FamilyStatus,
} from './family.types';

/** How the families list can be ordered (issue 14). */
export const FAMILY_LIST_SORTS = ['name', 'waiting', 'status', 'updated'] as const;
export type FamilyListSort = (typeof FAMILY_LIST_SORTS)[number];

export interface FamilyListFilter {
  readonly kind?: FamilyKind;
  readonly status?: FamilyStatus;
  readonly siteId?: string;
  readonly primaryCoachId?: string;
  /** Part of the display name, a person's preferred name or the suburb, case-insensitive. */
  readonly search?: string;
  /** Only families waiting at least this many whole weeks (Seeking families choosing or waitlisted). */
  readonly waitingMinWeeks?: number;
  /** Default `name`; `waiting` orders by weeks waiting (families not waiting always last). */
  readonly sort?: FamilyListSort;
  readonly order?: 'asc' | 'desc';
  readonly limit: number;
  readonly offset: number;
}

/** A row of the families list: the family, and what tells two of the same name apart. */
export interface FamilyListItem {
  readonly family: Family;
  /** The primary coach's display name (null: no coach). */
  readonly coachName: string | null;
  /** Whole weeks since the family started waiting (null: not waiting). */
  readonly weeksWaiting: number | null;
}

export interface FamilyPage {
  readonly items: FamilyListItem[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

const WEEK_MS = 7 * 86_400_000;

/** A family on a coach's worklist: its row's facts and its primary coach (names come from users). */
export interface FamilyToWatch {
  readonly id: string;
  readonly displayName: string;
  readonly suburb: string | null;
  readonly status: string;
  readonly coachId: string | null;
}

/** The columns of a `FamilyToWatch` row, for the worklist's family lists. */
const FAMILY_TO_WATCH_COLUMNS = [
  'f.id AS id',
  'f.display_name AS "displayName"',
  'f.suburb AS suburb',
  'f.status AS status',
  'f.primary_coach_id AS "coachId"',
];
const FAMILY_CASELOAD_COLUMNS = { siteId: 'f.site_id', coachId: 'f.primary_coach_id', familyIds: ['f.id'] };

/** Lifecycle order, Seeking then Sharing: sorting by status follows a family's path, not the alphabet. */
const STATUS_ORDER: readonly FamilyStatus[] = [...SEEKING_FAMILY_STATUSES, ...SHARING_FAMILY_STATUSES];

/**
 * Lists of families: the staff's searchable list, the worklist's families to watch and the demo's
 * count by name. In the transaction open in this async context (autocommit outside one).
 */
@Injectable()
export class FamilyListsService {
  constructor(
    private readonly families: FamiliesRepository,
    private readonly users: UsersService,
    private readonly clock: Clock,
    @Inject(FAMILY_LINK_UPS) private readonly linkUps: FamilyLinkUps,
  ) {}

  /** Families in the actor's scope (staff): searched, filtered, sorted and paginated (issue 14). */
  async listFamilies(caller: Caller, filter: FamilyListFilter): Promise<FamilyPage> {
    const { actor } = caller;
    const query = this.families.queryFamilies();
    switch (actor.role) {
      case 'admin':
        break;
      case 'supervisor':
        query.andWhere('f.site_id = :actorSite', { actorSite: actor.siteId });
        break;
      case 'coach': {
        // Its caseload and both families of every link-up it coaches (one read of link-ups' own).
        const coached = await this.linkUps.familiesOfLinkUpsCoachedBy(actor.id);
        query
          .andWhere('f.site_id = :actorSite', { actorSite: actor.siteId })
          .andWhere('(f.primary_coach_id = :actorId OR f.id = ANY(:coached::uuid[]))', {
            actorId: actor.id,
            coached,
          });
        break;
      }
      case 'family':
        query.andWhere('f.id = :actorFamily', { actorFamily: actor.familyId });
        break;
      case 'evaluator':
        query.andWhere('1 = 0');
        break;
    }
    if (filter.kind !== undefined) query.andWhere('f.kind = :kind', { kind: filter.kind });
    if (filter.status !== undefined) query.andWhere('f.status = :status', { status: filter.status });
    if (filter.siteId !== undefined) query.andWhere('f.site_id = :siteId', { siteId: filter.siteId });
    if (filter.primaryCoachId !== undefined)
      query.andWhere('f.primary_coach_id = :coachId', { coachId: filter.primaryCoachId });
    const search = filter.search?.trim() ?? '';
    if (search !== '') {
      // A bound parameter with LIKE's own characters escaped: the text is matched, never interpreted.
      const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // One set of ids per indexed column (trigram indexes, migration FamiliesSearch): written as an
      // OR with EXISTS, PostgreSQL scans every family instead.
      query.andWhere(
        `f.id IN (SELECT s.id FROM families s WHERE s.display_name ILIKE :like OR s.suburb ILIKE :like
            UNION SELECT p.family_id FROM people p WHERE p.preferred_name ILIKE :like)`,
        { like },
      );
    }
    const now = this.clock.now();
    if (filter.waitingMinWeeks !== undefined) {
      query.andWhere('f.waiting_since <= :waitingCutoff', {
        waitingCutoff: new Date(now.getTime() - filter.waitingMinWeeks * WEEK_MS),
      });
    }
    const direction = filter.order === 'desc' ? 'DESC' : 'ASC';
    switch (filter.sort ?? 'name') {
      case 'name':
        query.orderBy('f.display_name', direction);
        break;
      case 'waiting':
        // Longest wait = earliest waiting_since; families not waiting come last either way.
        query.orderBy('f.waiting_since', direction === 'ASC' ? 'DESC' : 'ASC', 'NULLS LAST');
        break;
      case 'status':
        query
          .addSelect('array_position(CAST(:statusOrder AS varchar[]), f.status)', 'status_rank')
          .setParameter('statusOrder', STATUS_ORDER)
          .orderBy('status_rank', direction);
        break;
      case 'updated':
        query.orderBy('f.updated_at', direction);
        break;
    }
    if (filter.sort !== undefined && filter.sort !== 'name') query.addOrderBy('f.display_name', 'ASC');
    const [families, total] = await query
      .addOrderBy('f.id', 'ASC')
      .limit(filter.limit)
      .offset(filter.offset)
      .getManyAndCount();
    const coachNames = await this.users.displayNamesOf(
      families.flatMap((f) => (f.primaryCoachId === null ? [] : [f.primaryCoachId])),
    );
    const items = families.map((family) => ({
      family,
      coachName: family.primaryCoachId === null ? null : (coachNames.get(family.primaryCoachId) ?? null),
      weeksWaiting:
        family.waitingSince === null
          ? null
          : Math.max(0, Math.floor((now.getTime() - family.waitingSince.getTime()) / WEEK_MS)),
    }));
    return { items, total, limit: filter.limit, offset: filter.offset };
  }

  /** How many families of the site bear each display name (the demo seeds what is missing). */
  async countFamiliesByDisplayName(siteId: string): Promise<ReadonlyMap<string, number>> {
    const rows = await this.families
      .queryFamilies()
      .select('f.display_name', 'name')
      .addSelect('count(*)::int', 'n')
      .where('f.site_id = :siteId', { siteId })
      .groupBy('f.display_name')
      .getRawMany<{ name: string; n: number }>();
    return new Map(rows.map((r) => [r.name, r.n]));
  }

  /**
   * Seeking families waiting (choosing or waitlisted) in the actor's caseload, longest wait first:
   * the worklist's list.
   */
  async waitingFamiliesInCaseload(
    actor: Actor,
    limit: number,
  ): Promise<(FamilyToWatch & { waitingSince: Date })[]> {
    const rows = await whereInCaseload(
      this.families
        .queryFamilies()
        .select([...FAMILY_TO_WATCH_COLUMNS, 'f.waiting_since AS "waitingSince"'])
        .where("f.kind = 'seeking'")
        .andWhere("f.status IN ('choosing', 'waitlisted')")
        .andWhere('f.waiting_since IS NOT NULL'),
      actor,
      FAMILY_CASELOAD_COLUMNS,
    )
      .orderBy('f.waiting_since', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .limit(limit)
      .getRawMany<FamilyToWatch & { waitingSince: Date | string }>();
    return rows.map((row) => ({ ...row, waitingSince: new Date(row.waitingSince) }));
  }

  /**
   * Sharing families in the actor's caseload awaiting approval (enquiry or in training) or approved
   * with an adult's check ending by `horizon` (a date), with the earliest expiry: the worklist's list.
   */
  async sharingFamiliesToWatchInCaseload(
    actor: Actor,
    horizon: string,
    limit: number,
  ): Promise<(FamilyToWatch & { checkExpiresOn: string | null })[]> {
    return whereInCaseload(
      this.families
        .queryFamilies()
        .select([
          ...FAMILY_TO_WATCH_COLUMNS,
          "(SELECT to_char(min(p.wwcc_expires_on), 'YYYY-MM-DD') FROM people p WHERE p.family_id = f.id AND p.role = 'adult') AS \"checkExpiresOn\"",
        ])
        .where("f.kind = 'sharing'")
        .andWhere(
          `(f.status IN ('enquiry', 'in_training')
            OR (f.status = 'approved' AND EXISTS (SELECT 1 FROM people p WHERE p.family_id = f.id
                  AND p.role = 'adult' AND p.wwcc_expires_on <= :horizon::date)))`,
          { horizon },
        ),
      actor,
      FAMILY_CASELOAD_COLUMNS,
    )
      .orderBy('f.status', 'ASC')
      .addOrderBy('f.display_name', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .limit(limit)
      .getRawMany<FamilyToWatch & { checkExpiresOn: string | null }>();
  }
}
