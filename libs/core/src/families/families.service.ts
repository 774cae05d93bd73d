import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import type { Actor, Caller } from '../access/actor';
import { isInCaseload, isSiteInScope } from '../access/scope';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../errors';
import { UsersService } from '../users/users.service';
import { Family } from './family.entity';
import { FamilyErrors } from './family.errors';
import type { FamilyAvoidance, FamilyKind } from './family.types';

export interface RegisterFamilyInput {
  readonly kind: FamilyKind;
  readonly displayName: string;
  readonly siteId: string;
  /** Defaults to the calling coach. */
  readonly primaryCoachId?: string | null;
  readonly suburb?: string | null;
  readonly postcode?: string | null;
  readonly latitude?: number | null;
  readonly longitude?: number | null;
  readonly languages?: readonly string[];
  readonly interpreterNeeded?: boolean;
  readonly interests?: readonly string[] | null;
  readonly lifeExperiences?: readonly string[] | null;
  readonly goalThemes?: readonly string[] | null;
  readonly strengths?: readonly string[] | null;
  readonly availabilitySlots?: readonly string[] | null;
  readonly childrenAgeBands?: readonly string[] | null;
  readonly maxConcurrentLinkUps?: number;
  readonly avoidances?: readonly FamilyAvoidance[];
  readonly waitingSince?: Date | null;
}

const copy = <T>(list: readonly T[] | null | undefined): T[] | null =>
  list === undefined || list === null ? null : [...list];

@Injectable()
export class FamiliesService {
  constructor(
    @InjectRepository(Family) private readonly families: Repository<Family>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly users: UsersService,
  ) {}

  /** Onboards a family in its first lifecycle status (Seeking: `referred`; Sharing: `enquiry`). */
  async registerFamily(caller: Caller, input: RegisterFamilyInput): Promise<Family> {
    const { actor } = caller;
    if (!isSiteInScope(actor, input.siteId)) throw FamilyErrors.siteOutOfScope();
    const primaryCoachId =
      input.primaryCoachId !== undefined ? input.primaryCoachId : actor.role === 'coach' ? actor.id : null;
    return this.dataSource.transaction(async (manager) => {
      if (
        primaryCoachId !== null &&
        (await this.users.findActiveStaffOfSite(primaryCoachId, input.siteId)) === null
      ) {
        throw FamilyErrors.unknownCoach(primaryCoachId);
      }
      const repository = manager.getRepository(Family);
      const family = await repository.save(
        repository.create({
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
          interests: copy(input.interests),
          lifeExperiences: copy(input.lifeExperiences),
          goalThemes: copy(input.goalThemes),
          strengths: copy(input.strengths),
          availabilitySlots: copy(input.availabilitySlots),
          childrenAgeBands: copy(input.childrenAgeBands),
          maxConcurrentLinkUps: input.maxConcurrentLinkUps ?? 1,
          avoidances: [...(input.avoidances ?? [])],
          trainingCompletedAt: null,
          coachSignOffBy: null,
          coachSignOffAt: null,
          waitingSince: input.waitingSince ?? null,
        }),
      );
      await this.audit.record(
        {
          actor,
          requestId: caller.requestId,
          action: 'family.registered',
          entityType: 'family',
          entityId: family.id,
          details: { kind: family.kind },
        },
        manager,
      );
      return family;
    });
  }

  /** A family the actor may see: 404 otherwise (ids cannot be probed). */
  async getFamilyInScope(actor: Actor, id: string, manager?: EntityManager): Promise<Family> {
    const family = await (manager?.getRepository(Family) ?? this.families).findOneBy({ id });
    if (
      family === null ||
      !isInCaseload(actor, { siteId: family.siteId, coachId: family.primaryCoachId, familyIds: [family.id] })
    ) {
      throw CommonErrors.notFound('Family');
    }
    return family;
  }
}
