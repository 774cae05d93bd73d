import { Injectable } from '@nestjs/common';
import { In, type DeepPartial, type SelectQueryBuilder } from 'typeorm';
import { TransactionContext } from '../transaction';
import type { MatchCandidateRowOfFamilies } from './family-match-profile';
import { FamilyStatusEvent } from './family-status-event.entity';
import { Family } from './family.entity';
import { Person } from './person.entity';

/**
 * Sharing families with what the hard constraints need: each adult's check expiry (null without a
 * number or a date) and whether participation consent is current (the live link-ups holding a place
 * are counted by link-ups, through `FamilyLinkUps`).
 */
const MATCH_CANDIDATE_SELECT = `
  SELECT f.id, f.site_id, f.status, f.display_name, f.max_concurrent_link_ups,
         f.languages, f.suburb, f.latitude, f.longitude, f.life_experiences, f.strengths,
         f.interests, f.children_age_bands, f.availability_slots, f.household_traits,
         COALESCE((SELECT array_agg(CASE WHEN p.wwcc_number IS NULL THEN NULL
                                         ELSE to_char(p.wwcc_expires_on, 'YYYY-MM-DD') END)
                     FROM people p WHERE p.family_id = f.id AND p.role = 'adult'), '{}') AS wwcc_expiries,
         EXISTS (SELECT 1 FROM consents c WHERE c.family_id = f.id AND c.kind = 'participation'
                   AND c.withdrawn_at IS NULL) AS participation_consent
    FROM families f`;

/** The Sharing families of site `$1` that matching considers (approved, or on hold to say why not). */
const MATCH_CANDIDATES_SQL = `${MATCH_CANDIDATE_SELECT}
   WHERE f.site_id = $1 AND f.kind = 'sharing' AND f.status IN ('approved', 'on_hold')`;

/** The Sharing families with ids `$1` (any status). */
const MATCH_CANDIDATES_BY_ID_SQL = `${MATCH_CANDIDATE_SELECT}
   WHERE f.id = ANY($1::uuid[]) AND f.kind = 'sharing'`;

/** A family's status history line, as written (its id and time of writing filled in by the database). */
export type NewFamilyStatusEvent = Pick<
  FamilyStatusEvent,
  'familyId' | 'fromStatus' | 'toStatus' | 'cause' | 'at' | 'actorId' | 'linkUpId' | 'reason'
>;

/**
 * The families' rows (a family, its people and its status history), read and written in the
 * transaction open in this async context (autocommit outside one): no method takes a `manager`.
 */
@Injectable()
export class FamiliesRepository {
  constructor(private readonly transactions: TransactionContext) {}

  private get families() {
    return this.transactions.repository(Family);
  }

  private get people() {
    return this.transactions.repository(Person);
  }

  /** A query of families (alias `f`), for the lists that filter and sort in many ways. */
  queryFamilies(): SelectQueryBuilder<Family> {
    return this.families.createQueryBuilder('f');
  }

  findById(id: string): Promise<Family | null> {
    return this.families.findOneBy({ id });
  }

  findByIdOrFail(id: string): Promise<Family> {
    return this.families.findOneByOrFail({ id });
  }

  findByIds(ids: readonly string[]): Promise<Family[]> {
    return this.families.findBy({ id: In([...ids]) });
  }

  /** The family, locked `FOR UPDATE` until the transaction ends; null when there is none. */
  lockForUpdate(id: string): Promise<Family | null> {
    return this.families
      .createQueryBuilder('f')
      .setLock('pessimistic_write')
      .where('f.id = :id', { id })
      .getOne();
  }

  /** Saves a new family (its id, version and times filled in). */
  insert(family: DeepPartial<Family>): Promise<Family> {
    return this.families.save(this.families.create(family));
  }

  /** Saves the family's changes. */
  save(family: Family): Promise<Family> {
    return this.families.save(family);
  }

  /** Saves `changes` merged into the family. */
  saveChanges(family: Family, changes: Partial<Family>): Promise<Family> {
    return this.families.save(this.families.merge(family, changes));
  }

  /** Ids of the families the coach is primary coach of. */
  async idsWithPrimaryCoach(coachId: string): Promise<string[]> {
    const rows = await this.families.find({ select: { id: true }, where: { primaryCoachId: coachId } });
    return rows.map((r) => r.id);
  }

  /** Ids of every Sharing family on hold (any site). */
  async idsOfSharingFamiliesOnHold(): Promise<string[]> {
    const rows = await this.families.find({
      select: { id: true },
      where: { kind: 'sharing', status: 'on_hold' },
    });
    return rows.map((r) => r.id);
  }

  /**
   * Approved Sharing families with an adult's check missing or expired by their site's `today`
   * (or no adult), locked `FOR UPDATE … SKIP LOCKED` (a pre-filter: the caller re-checks each).
   */
  lockApprovedWithExpiredChecks(
    todayBySite: ReadonlyMap<string, string>,
  ): Promise<{ id: string; site_id: string }[]> {
    return this.transactions.manager.query<{ id: string; site_id: string }[]>(
      `SELECT f.id, f.site_id FROM families f
           JOIN unnest($1::uuid[], $2::date[]) AS s(site_id, today) ON s.site_id = f.site_id
          WHERE f.kind = 'sharing' AND f.status = 'approved'
            AND (NOT EXISTS (SELECT 1 FROM people p WHERE p.family_id = f.id AND p.role = 'adult')
              OR EXISTS (SELECT 1 FROM people p WHERE p.family_id = f.id AND p.role = 'adult'
                AND (p.wwcc_number IS NULL OR p.wwcc_expires_on IS NULL OR p.wwcc_expires_on < s.today)))
          ORDER BY f.id
          FOR UPDATE OF f SKIP LOCKED`,
      [[...todayBySite.keys()], [...todayBySite.values()]],
    );
  }

  /** The Sharing families of a site that matching considers (approved or on hold). */
  matchCandidatesOfSite(siteId: string): Promise<MatchCandidateRowOfFamilies[]> {
    return this.transactions.manager.query<MatchCandidateRowOfFamilies[]>(MATCH_CANDIDATES_SQL, [siteId]);
  }

  /** Sharing families by id (any status), as matching sees them. */
  matchCandidatesByIds(ids: readonly string[]): Promise<MatchCandidateRowOfFamilies[]> {
    return this.transactions.manager.query<MatchCandidateRowOfFamilies[]>(MATCH_CANDIDATES_BY_ID_SQL, [
      [...ids],
    ]);
  }

  /** People of a family, adults first. */
  peopleOf(familyId: string): Promise<Person[]> {
    return this.people.find({ where: { familyId }, order: { role: 'ASC', createdAt: 'ASC' } });
  }

  /** The adults of a family, oldest record first. */
  adultsOf(familyId: string): Promise<Person[]> {
    return this.people.find({ where: { familyId, role: 'adult' }, order: { createdAt: 'ASC' } });
  }

  findPerson(id: string): Promise<Person | null> {
    return this.people.findOneBy({ id });
  }

  /** The person, locked `FOR UPDATE` until the transaction ends (it exists: its family is locked). */
  lockPerson(id: string): Promise<Person> {
    return this.people.findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Saves a new person (its id, version and times filled in). */
  insertPerson(person: DeepPartial<Person>): Promise<Person> {
    return this.people.save(this.people.create(person));
  }

  /** Saves `changes` merged into the person. */
  savePersonChanges(person: Person, changes: Partial<Person>): Promise<Person> {
    return this.people.save(this.people.merge(person, changes));
  }

  /** Adds a line to a family's status history. */
  async insertStatusEvent(event: NewFamilyStatusEvent): Promise<void> {
    await this.transactions.repository(FamilyStatusEvent).insert(event);
  }

  /** A family's status history, oldest first. */
  statusHistoryOf(familyId: string): Promise<FamilyStatusEvent[]> {
    return this.transactions
      .repository(FamilyStatusEvent)
      .find({ where: { familyId }, order: { at: 'ASC', id: 'ASC' } });
  }
}
