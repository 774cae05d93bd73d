import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Repository } from 'typeorm';
import type { Caller } from '../access';
import { AuditService } from '../audit';
import { isUniqueViolation } from '../errors';
import { Consent } from './consent.entity';
import { FamiliesService } from './families.service';
import type { ConsentKind } from './family.types';
import { Clock } from '../clock';

export interface ConsentState {
  readonly kind: ConsentKind;
  readonly granted: boolean;
  /** When the current grant was given, or the last one withdrawn. */
  readonly since: Date | null;
}

/**
 * Consents per family (DESIGN §3): granted and withdrawn with timestamps, never deleted. Granting
 * what is granted, or withdrawing what is not, changes nothing (and says so).
 */
@Injectable()
export class ConsentsService {
  constructor(
    @InjectRepository(Consent) private readonly consents: Repository<Consent>,
    private readonly dataSource: DataSource,
    private readonly families: FamiliesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async grantConsent(
    caller: Caller,
    familyId: string,
    kind: ConsentKind,
    at = this.clock.now(),
  ): Promise<{ changed: boolean }> {
    return this.changeTransaction(async (manager) => {
      // The family row lock orders consent changes with approvals and matching decisions.
      await this.families.lockFamilyInScope(caller.actor, familyId, manager);
      const repository = manager.getRepository(Consent);
      if ((await repository.existsBy({ familyId, kind, withdrawnAt: IsNull() })) === true)
        return { changed: false };
      try {
        await repository.insert(
          repository.create({
            familyId,
            kind,
            grantedAt: at,
            grantedBy: caller.actor.id,
            withdrawnAt: null,
            withdrawnBy: null,
          }),
        );
      } catch (error) {
        // Two grants at once: the partial unique index lets one through.
        if (isUniqueViolation(error, 'UQ_consents_open_grant')) return { changed: false };
        throw error;
      }
      await this.audit.record(
        {
          actor: caller.actor,
          requestId: caller.requestId,
          action: 'consent.granted',
          entityType: 'family',
          entityId: familyId,
          details: { kind },
        },
        manager,
      );
      return { changed: true };
    });
  }

  async withdrawConsent(
    caller: Caller,
    familyId: string,
    kind: ConsentKind,
    at = this.clock.now(),
  ): Promise<{ changed: boolean }> {
    return this.changeTransaction(async (manager) => {
      // The family row lock orders consent changes with approvals and matching decisions.
      await this.families.lockFamilyInScope(caller.actor, familyId, manager);
      const result = await manager
        .getRepository(Consent)
        .update({ familyId, kind, withdrawnAt: IsNull() }, { withdrawnAt: at, withdrawnBy: caller.actor.id });
      if ((result.affected ?? 0) === 0) return { changed: false };
      await this.audit.record(
        {
          actor: caller.actor,
          requestId: caller.requestId,
          action: 'consent.withdrawn',
          entityType: 'family',
          entityId: familyId,
          details: { kind },
        },
        manager,
      );
      return { changed: true };
    });
  }

  /** A consent change: matching's cached candidates (participation consent) reload after it. */
  private changeTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work).finally(() => this.families.noteFamiliesChanged());
  }

  /** Whether the family's consent of this kind is granted now. */
  isConsentGranted(familyId: string, kind: ConsentKind, manager?: EntityManager): Promise<boolean> {
    return (manager?.getRepository(Consent) ?? this.consents).existsBy({
      familyId,
      kind,
      withdrawnAt: IsNull(),
    });
  }

  /** The current state of each kind, for a family's record. */
  async consentStates(familyId: string): Promise<ConsentState[]> {
    const rows = await this.consents.find({ where: { familyId }, order: { grantedAt: 'DESC' } });
    const kinds: ConsentKind[] = ['participation', 'share_with_partner_family', 'evaluation_use'];
    return kinds.map((kind) => {
      const latest = rows.find((r) => r.kind === kind);
      if (latest === undefined) return { kind, granted: false, since: null };
      return latest.withdrawnAt === null
        ? { kind, granted: true, since: latest.grantedAt }
        : { kind, granted: false, since: latest.withdrawnAt };
    });
  }
}
