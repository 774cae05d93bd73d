import { Injectable } from '@nestjs/common';
import type { Actor } from '../access';
import { AccessErrors } from '../access';
import { FamiliesService } from '../families';
import { LinkUpsService, type LinkUp } from '../link-ups';
import type { ConcernSeverity, ConcernStatus } from './safeguarding-concern.entity';
import { SafeguardingRepository } from './safeguarding.repository';

/** Severities that notify the supervisor at once and pause the link-up (DESIGN §4.4). */
export const URGENT_SEVERITIES: readonly ConcernSeverity[] = ['immediate_danger', 'high'];

/** The statuses of a concern not yet closed. */
export const NOT_CLOSED: readonly ConcernStatus[] = ['open', 'triaged'];

/** What a concern count needs of a link-up: a concern counts when it names it or one of its families. */
export type ConcernSubjectsOf = Pick<LinkUp, 'id' | 'seekingFamilyId' | 'sharingFamilyId'>;

/** Who may see which concerns: the query every staff read and the triage start from. */
@Injectable()
export class ConcernScope {
  constructor(
    private readonly concerns: SafeguardingRepository,
    private readonly linkUps: LinkUpsService,
    private readonly families: FamiliesService,
  ) {}

  /**
   * A query over concerns narrowed to the actor's scope (DESIGN §2): a coach its caseload only — the
   * link-ups it coaches and the families it is primary coach of. Having raised a concern gives no
   * access: a coach moved off a link-up no longer reads, triages or closes the concerns it raised there.
   */
  async query(actor: Actor) {
    const query = this.concerns.query();
    switch (actor.role) {
      case 'admin':
        return query;
      case 'supervisor':
        return query.andWhere('c.site_id = :scopeSiteId', { scopeSiteId: actor.siteId });
      case 'coach': {
        // Its caseload, asked of link-ups and families (one read each), in the caller's transaction.
        const [linkUpIds, familyIds] = await Promise.all([
          this.linkUps.linkUpIdsCoachedBy(actor.id),
          this.families.familyIdsWithPrimaryCoach(actor.id),
        ]);
        return query
          .andWhere('c.site_id = :scopeSiteId', { scopeSiteId: actor.siteId })
          .andWhere(
            '(c.link_up_id = ANY(:scopeLinkUpIds::uuid[]) OR c.family_id = ANY(:scopeFamilyIds::uuid[]))',
            { scopeLinkUpIds: linkUpIds, scopeFamilyIds: familyIds },
          );
      }
      case 'family':
      case 'evaluator':
        return query.andWhere('1 = 0');
    }
  }
}

/** Concerns are staff business: a family or evaluator never reaches one (defence behind `@Allow`). */
export function assertStaff(actor: Actor): void {
  if (actor.role === 'family' || actor.role === 'evaluator') throw AccessErrors.forbidden();
}
