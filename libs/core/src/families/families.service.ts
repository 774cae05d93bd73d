import type { ProgrammeSettings } from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor, Caller } from '../access';
import { isSiteInScope } from '../access';
import { AuditService } from '../audit';
import { Clock } from '../clock';
import { CommonErrors, type FieldProblem } from '../errors';
import { ProgrammeSettingsService } from '../settings';
import { SitesService } from '../sites';
import { UsersService } from '../users';
import { FamiliesRepository } from './families.repository';
import { familyProfileProblems, personProblems, type FamilyProfileInput } from './family-input.rules';
import { FAMILY_LINK_UPS, type FamilyLinkUps } from './family-link-ups.port';
import { FamilyWriteStamp } from './family-write-stamp';
import type { Family } from './family.entity';
import { FamilyErrors } from './family.errors';
import type { FamilyKind, PersonRole } from './family.types';
import type { Person } from './person.entity';

export interface RegisterFamilyInput extends FamilyProfileInput {
  readonly kind: FamilyKind;
  readonly displayName: string;
  readonly siteId: string;
  /** Defaults to the calling coach. */
  readonly primaryCoachId?: string | null;
  readonly suburb?: string | null;
  readonly postcode?: string | null;
  readonly latitude?: number | null;
  readonly longitude?: number | null;
  readonly interpreterNeeded?: boolean;
  readonly interpreterArranged?: boolean;
  readonly waitingSince?: Date | null;
}

/** A change to a family's record: only the fields given change. */
export interface FamilyChanges extends FamilyProfileInput {
  readonly displayName?: string;
  readonly primaryCoachId?: string | null;
  readonly suburb?: string | null;
  readonly postcode?: string | null;
  readonly latitude?: number | null;
  readonly longitude?: number | null;
  readonly interpreterNeeded?: boolean;
  readonly interpreterArranged?: boolean;
  /** Sharing families: the date training was completed (an approval guard). */
  readonly trainingCompletedAt?: Date | null;
}

export interface NewPersonInput {
  readonly role: PersonRole;
  readonly preferredName: string;
  readonly legalName?: string | null;
  readonly birthYear?: number | null;
  readonly ageBand?: string | null;
  readonly pronouns?: string | null;
  readonly language?: string | null;
  readonly interpreterNeeded?: boolean;
  readonly communicationNeeds?: string | null;
  readonly wwccNumber?: string | null;
  /** ISO date. */
  readonly wwccExpiresOn?: string | null;
}

export type PersonChanges = Partial<Omit<NewPersonInput, 'role'>>;

const copy = <T>(list: readonly T[] | null | undefined): T[] | null =>
  list === undefined || list === null ? null : [...list];

/**
 * A family's record and its people (DESIGN §3): registered, read in the actor's scope, changed, and
 * locked for a write; its lifecycle is FamilyLifecycleService's, its lists FamilyListsService's and
 * matching's reads FamilyMatchCandidates'. What families needs of link-ups (live counts, the coach
 * of a link-up) it asks through its `FamilyLinkUps` port, which the link-ups feature provides:
 * link-ups depend on families, so families cannot depend on them. Reads and writes join the
 * transaction open in this async context (TransactionContext).
 */
@Injectable()
export class FamiliesService {
  constructor(
    private readonly families: FamiliesRepository,
    private readonly writeStamp: FamilyWriteStamp,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly settings: ProgrammeSettingsService,
    private readonly sites: SitesService,
    private readonly clock: Clock,
    @Inject(FAMILY_LINK_UPS) private readonly linkUps: FamilyLinkUps,
  ) {}

  /** Onboards a family in its first lifecycle status (Seeking: `referred`; Sharing: `enquiry`). */
  async registerFamily(caller: Caller, input: RegisterFamilyInput): Promise<Family> {
    const { actor } = caller;
    if (!isSiteInScope(actor, input.siteId)) throw FamilyErrors.siteOutOfScope();
    this.assertValid(familyProfileProblems(input.kind, input, await this.settings.currentSettings()));
    if (actor.role === 'coach' && input.primaryCoachId === null) {
      // A coach sees its own caseload only: a family without a coach would be invisible to it.
      this.assertValid([
        {
          field: 'primaryCoachId',
          problems: ['primaryCoachId cannot be empty when a coach registers a family'],
        },
      ]);
    }
    const primaryCoachId =
      input.primaryCoachId !== undefined ? input.primaryCoachId : actor.role === 'coach' ? actor.id : null;
    // Checked before the transaction: the users service reads on a connection of its own.
    if (
      primaryCoachId !== null &&
      (await this.users.findActiveStaffOfSite(primaryCoachId, input.siteId)) === null
    ) {
      throw FamilyErrors.unknownCoach(primaryCoachId);
    }
    return this.writeStamp.write(async () => {
      // An admin may name any site: one that does not exist is a 404 (not a foreign-key 500).
      if (!(await this.sites.holdSiteForReference(input.siteId))) throw CommonErrors.notFound('Site');
      const family = await this.families.insert({
        kind: input.kind,
        status: input.kind === 'seeking' ? 'referred' : 'enquiry',
        displayName: input.displayName.trim(),
        siteId: input.siteId,
        primaryCoachId,
        suburb: input.suburb ?? null,
        postcode: input.postcode ?? null,
        latitude: input.latitude ?? null,
        longitude: input.longitude ?? null,
        languages: [...(input.languages ?? [])],
        interpreterNeeded: input.interpreterNeeded ?? false,
        interpreterArranged: input.interpreterArranged ?? false,
        interests: copy(input.interests),
        lifeExperiences: copy(input.lifeExperiences),
        goalThemes: copy(input.goalThemes),
        strengths: copy(input.strengths),
        availabilitySlots: copy(input.availabilitySlots),
        childrenAgeBands: copy(input.childrenAgeBands),
        householdTraits: copy(input.householdTraits),
        maxConcurrentLinkUps: input.maxConcurrentLinkUps ?? 1,
        avoidances: [...(input.avoidances ?? [])],
        trainingCompletedAt: null,
        coachSignOffBy: null,
        coachSignOffAt: null,
        waitingSince: input.waitingSince ?? null,
      });
      await this.audit.record({
        actor,
        requestId: caller.requestId,
        action: 'family.registered',
        entityType: 'family',
        entityId: family.id,
        details: { kind: family.kind },
      });
      return family;
    });
  }

  /**
   * A family the actor may see: 404 otherwise (ids cannot be probed). A coach sees the families it
   * is the primary coach of, and both families of every link-up it coaches.
   */
  async getFamilyInScope(actor: Actor, id: string): Promise<Family> {
    const family = await this.families.findById(id);
    if (family === null || !(await this.canSee(actor, family))) throw CommonErrors.notFound('Family');
    return family;
  }

  /** People of a family the actor may see, adults first. */
  async listPeople(actor: Actor, familyId: string): Promise<Person[]> {
    await this.getFamilyInScope(actor, familyId);
    return this.families.peopleOf(familyId);
  }

  /** Changes a family's record; `version` must be the current one (else 409 VERSION_CONFLICT). */
  async updateFamily(
    caller: Caller,
    id: string,
    version: number,
    changes: FamilyChanges,
    now = this.clock.now(),
  ): Promise<Family> {
    const settings = await this.settings.currentSettings();
    if (
      changes.trainingCompletedAt !== undefined &&
      changes.trainingCompletedAt !== null &&
      changes.trainingCompletedAt.getTime() > now.getTime()
    ) {
      this.assertValid([
        { field: 'trainingCompletedAt', problems: ['trainingCompletedAt cannot be in the future'] },
      ]);
    }
    if (changes.primaryCoachId !== undefined && changes.primaryCoachId !== null) {
      // A family's site never changes, so the new coach is checked before the transaction (the
      // users service reads on a connection of its own).
      const { siteId } = await this.getFamilyInScope(caller.actor, id);
      if ((await this.users.findActiveStaffOfSite(changes.primaryCoachId, siteId)) === null) {
        throw FamilyErrors.unknownCoach(changes.primaryCoachId);
      }
    }
    return this.writeStamp.write(async () => {
      const family = await this.lockFamilyInScope(caller.actor, id);
      if (family.version !== version)
        throw CommonErrors.versionConflict('The family', version, family.version);
      this.assertValid(familyProfileProblems(family.kind, changes, settings));
      if (changes.trainingCompletedAt !== undefined && family.kind !== 'sharing') {
        this.assertValid([
          { field: 'trainingCompletedAt', problems: ['trainingCompletedAt is only for Sharing families'] },
        ]);
      }
      if (changes.maxConcurrentLinkUps !== undefined && family.kind === 'sharing') {
        const live = await this.countLiveLinkUps(family.id);
        if (changes.maxConcurrentLinkUps < live)
          throw FamilyErrors.capacityBelowLiveLinkUps(family.id, changes.maxConcurrentLinkUps, live);
      }
      const fields = Object.keys(changes).filter(
        (key) => (changes as Record<string, unknown>)[key] !== undefined,
      );
      const next: Partial<Family> = {};
      for (const key of fields) {
        const value = (changes as Record<string, unknown>)[key];
        (next as Record<string, unknown>)[key] =
          key === 'displayName' && typeof value === 'string'
            ? value.trim()
            : Array.isArray(value)
              ? [...(value as unknown[])]
              : value;
      }
      const saved = await this.families.saveChanges(family, next);
      await this.audit.record({
        actor: caller.actor,
        requestId: caller.requestId,
        action: 'family.changed',
        entityType: 'family',
        entityId: family.id,
        details: { fields, version: saved.version },
      });
      return saved;
    });
  }

  /** Adds an adult or child to a family. Checks are for adults only. */
  async addPerson(caller: Caller, familyId: string, input: NewPersonInput): Promise<Person> {
    const settings = await this.settings.currentSettings();
    return this.writeStamp.write(async () => {
      await this.lockFamilyInScope(caller.actor, familyId);
      this.assertValid(this.personInputProblems(input.role, input, settings));
      const person = await this.families.insertPerson({
        familyId,
        role: input.role,
        preferredName: input.preferredName.trim(),
        legalName: input.legalName?.trim() ?? null,
        birthYear: input.birthYear ?? null,
        ageBand: input.ageBand ?? null,
        pronouns: input.pronouns ?? null,
        language: input.language ?? null,
        interpreterNeeded: input.interpreterNeeded ?? false,
        communicationNeeds: input.communicationNeeds ?? null,
        wwccNumber: input.wwccNumber?.trim() ?? null,
        wwccExpiresOn: input.wwccExpiresOn ?? null,
      });
      await this.audit.record({
        actor: caller.actor,
        requestId: caller.requestId,
        action: 'person.added',
        entityType: 'person',
        entityId: person.id,
        details: { familyId, role: person.role },
      });
      return person;
    });
  }

  /** Changes a person (a renewed check, say); `version` must be the current one. */
  async updatePerson(
    caller: Caller,
    personId: string,
    version: number,
    changes: PersonChanges,
  ): Promise<Person> {
    const settings = await this.settings.currentSettings();
    return this.writeStamp.write(async () => {
      const found = await this.families.findPerson(personId);
      if (found === null) throw CommonErrors.notFound('Person');
      try {
        await this.lockFamilyInScope(caller.actor, found.familyId);
      } catch {
        throw CommonErrors.notFound('Person');
      }
      const person = await this.families.lockPerson(personId);
      if (person.version !== version)
        throw CommonErrors.versionConflict('The person', version, person.version);
      this.assertValid(this.personInputProblems(person.role, changes, settings));
      const fields = Object.keys(changes).filter(
        (key) => (changes as Record<string, unknown>)[key] !== undefined,
      );
      const saved = await this.families.savePersonChanges(
        person,
        Object.fromEntries(fields.map((key) => [key, (changes as Record<string, unknown>)[key]])),
      );
      await this.audit.record({
        actor: caller.actor,
        requestId: caller.requestId,
        action: 'person.changed',
        entityType: 'person',
        entityId: person.id,
        details: { familyId: person.familyId, fields },
      });
      return saved;
    });
  }

  /** Link-ups of a family that still hold a place (active or paused). */
  private countLiveLinkUps(familyId: string): Promise<number> {
    return this.linkUps.countLive(familyId);
  }

  /**
   * Locks a family row (`SELECT … FOR UPDATE`) inside the caller's transaction, after the scope
   * check. Used by every write, and by a choice to re-check a Sharing family's capacity.
   */
  async lockFamilyInScope(actor: Actor, id: string): Promise<Family> {
    const family = await this.families.lockForUpdate(id);
    if (family === null || !(await this.canSee(actor, family))) throw CommonErrors.notFound('Family');
    return family;
  }

  /**
   * The live link-ups of every Sharing family on hold (any site; no scope check), by id: their
   * coaches are alerted. Asked of link-ups through the port, for the families on hold.
   */
  async liveLinkUpsOfSharingFamiliesOnHold(): Promise<
    { linkUpId: string; sharingFamilyId: string; coachId: string }[]
  > {
    return this.linkUps.liveLinkUpsOfSharingFamilies(await this.families.idsOfSharingFamiliesOnHold());
  }

  /** Ids of the families the coach is primary coach of: its caseload's families. */
  familyIdsWithPrimaryCoach(coachId: string): Promise<string[]> {
    return this.families.idsWithPrimaryCoach(coachId);
  }

  /** Families by id (no scope check: for services that have checked the scope already). */
  async findFamiliesByIds(ids: readonly string[]): Promise<Family[]> {
    if (ids.length === 0) return [];
    return this.families.findByIds(ids);
  }

  /** The family's site's time zone and its calendar date now (from the clock). */
  async siteToday(family: Family): Promise<{ today: string; timeZone: string }> {
    const timeZone = await this.sites.timeZoneOf(family.siteId);
    return { today: this.clock.today(timeZone), timeZone };
  }

  private async canSee(actor: Actor, family: Family): Promise<boolean> {
    switch (actor.role) {
      case 'admin':
        return true;
      case 'supervisor':
        return actor.siteId !== null && actor.siteId === family.siteId;
      case 'family':
        return actor.familyId !== null && actor.familyId === family.id;
      case 'evaluator':
        return false;
      case 'coach': {
        if (actor.siteId !== family.siteId) return false;
        if (family.primaryCoachId === actor.id) return true;
        return this.linkUps.coachesLinkUpOf(actor.id, family.id);
      }
    }
  }

  private personInputProblems(
    role: PersonRole,
    input: PersonChanges,
    settings: ProgrammeSettings,
  ): FieldProblem[] {
    const problems = personProblems(input, settings);
    if (role === 'child') {
      for (const field of ['wwccNumber', 'wwccExpiresOn'] as const) {
        if (input[field] !== undefined && input[field] !== null) {
          problems.push({ field, problems: [`${field} is for adults only`] });
        }
      }
    }
    return problems;
  }

  private assertValid(problems: readonly FieldProblem[]): void {
    if (problems.length > 0) throw FamilyErrors.invalidFields(problems);
  }
}
