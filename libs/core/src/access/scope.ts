import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { CommonErrors } from '../errors';
import type { Actor } from './actor';

/**
 * Scope rules (DESIGN §2, §6). A record outside the caller's scope answers 404 (`NOT_FOUND`), never
 * 403, so ids cannot be probed. Roles are checked by `@Allow` on the route; these helpers check
 * which records of an allowed route the actor may touch.
 *
 * - admin: everything;
 * - supervisor: its site;
 * - coach: its caseload (records whose coach it is), within its site;
 * - family: its own family and the link-ups it is part of;
 * - evaluator: no record at all (exports and aggregate reports only).
 */

/** Whether a site-level record (a site, a user, a family's site) is visible to the actor. */
export function isSiteInScope(actor: Actor, siteId: string | null): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'supervisor':
    case 'coach':
    case 'family':
      return actor.siteId !== null && actor.siteId === siteId;
    case 'evaluator':
      return false;
  }
}

/** Throws `NOT_FOUND` for `entity` when `siteId` is outside the actor's site. */
export function assertSiteInScope(actor: Actor, siteId: string | null, entity = 'Site'): void {
  if (!isSiteInScope(actor, siteId)) throw CommonErrors.notFound(entity);
}

/** The parts of a caseload record that decide who sees it. */
export interface CaseloadRecord {
  readonly siteId: string;
  /** The coach responsible (a family's primary coach, a link-up's coach). */
  readonly coachId: string | null;
  /** The families the record belongs to (a family: itself; a link-up: both families). */
  readonly familyIds: readonly (string | null)[];
}

export function isInCaseload(actor: Actor, record: CaseloadRecord): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'supervisor':
      return actor.siteId !== null && actor.siteId === record.siteId;
    case 'coach':
      return actor.siteId === record.siteId && record.coachId === actor.id;
    case 'family':
      return actor.familyId !== null && record.familyIds.includes(actor.familyId);
    case 'evaluator':
      return false;
  }
}

/** Throws `NOT_FOUND` for `entity` when the record is outside the actor's caseload. */
export function assertInCaseload(actor: Actor, record: CaseloadRecord, entity: string): void {
  if (!isInCaseload(actor, record)) throw CommonErrors.notFound(entity);
}

/** Column expressions (with alias) of a caseload table, for `whereInCaseload`. */
export interface CaseloadColumns {
  readonly siteId: string;
  readonly coachId: string;
  /** The family columns (`f.id`, or `lu.seeking_family_id` and `lu.sharing_family_id`). */
  readonly familyIds: readonly string[];
}

/**
 * Narrows a query to the actor's caseload: the list counterpart of `assertInCaseload`.
 * `whereInCaseload(repo.createQueryBuilder('f'), actor, { siteId: 'f.site_id', coachId: 'f.primary_coach_id', familyIds: ['f.id'] })`
 */
export function whereInCaseload<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  actor: Actor,
  columns: CaseloadColumns,
): SelectQueryBuilder<T> {
  switch (actor.role) {
    case 'admin':
      return query;
    case 'supervisor':
      return query.andWhere(`${columns.siteId} = :caseloadSiteId`, { caseloadSiteId: actor.siteId });
    case 'coach':
      return query
        .andWhere(`${columns.siteId} = :caseloadSiteId`, { caseloadSiteId: actor.siteId })
        .andWhere(`${columns.coachId} = :caseloadCoachId`, { caseloadCoachId: actor.id });
    case 'family':
      if (actor.familyId === null || columns.familyIds.length === 0) return query.andWhere('1 = 0');
      return query.andWhere(`(${columns.familyIds.map((c) => `${c} = :caseloadFamilyId`).join(' OR ')})`, {
        caseloadFamilyId: actor.familyId,
      });
    case 'evaluator':
      return query.andWhere('1 = 0');
  }
}
