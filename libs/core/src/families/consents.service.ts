import { Injectable } from '@nestjs/common';
import type { Caller } from '../access';
import { AuditService } from '../audit';
import { ConsentsRepository } from './consents.repository';
import { FamiliesService } from './families.service';
import { FamilyWriteStamp } from './family-write-stamp';
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
 * what is granted, or withdrawing what is not, changes nothing (and says so). Reads and writes join
 * the transaction open in this async context (TransactionContext).
 */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly consents: ConsentsRepository,
    private readonly families: FamiliesService,
    private readonly writeStamp: FamilyWriteStamp,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async grantConsent(
    caller: Caller,
    familyId: string,
    kind: ConsentKind,
    at = this.clock.now(),
  ): Promise<{ changed: boolean }> {
    return this.changeTransaction(async () => {
      // The family row lock orders consent changes with approvals and matching decisions.
      await this.families.lockFamilyInScope(caller.actor, familyId);
      if (await this.consents.isGranted(familyId, kind)) return { changed: false };
      // Two grants at once: the partial unique index lets one through; the other changes nothing.
      if (!(await this.consents.insertGrant({ familyId, kind, grantedAt: at, grantedBy: caller.actor.id })))
        return { changed: false };
      await this.audit.record({
        actor: caller.actor,
        requestId: caller.requestId,
        action: 'consent.granted',
        entityType: 'family',
        entityId: familyId,
        details: { kind },
      });
      return { changed: true };
    });
  }

  async withdrawConsent(
    caller: Caller,
    familyId: string,
    kind: ConsentKind,
    at = this.clock.now(),
  ): Promise<{ changed: boolean }> {
    return this.changeTransaction(async () => {
      // The family row lock orders consent changes with approvals and matching decisions.
      await this.families.lockFamilyInScope(caller.actor, familyId);
      if (!(await this.consents.withdraw(familyId, kind, at, caller.actor.id))) return { changed: false };
      await this.audit.record({
        actor: caller.actor,
        requestId: caller.requestId,
        action: 'consent.withdrawn',
        entityType: 'family',
        entityId: familyId,
        details: { kind },
      });
      return { changed: true };
    });
  }

  /** A consent change, a family write: matching's cached candidates (participation consent) reload after it. */
  private changeTransaction<T>(work: () => Promise<T>): Promise<T> {
    return this.writeStamp.write(work);
  }

  /** Whether the family's consent of this kind is granted now. */
  isConsentGranted(familyId: string, kind: ConsentKind): Promise<boolean> {
    return this.consents.isGranted(familyId, kind);
  }

  /** The current state of each kind, for a family's record. */
  async consentStates(familyId: string): Promise<ConsentState[]> {
    const rows = await this.consents.listOfFamily(familyId);
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
