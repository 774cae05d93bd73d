import { planTransition, type StageGuardSettings } from '@app/domain';
import { Injectable } from '@nestjs/common';
import type { Caller } from '../access';
import { Clock } from '../clock';
import { FamiliesService, FamilyLifecycleService } from '../families';
import { LinkUpErrors, LinkUpsService, resumeGuardFacts } from '../link-ups';
import { NotificationsService } from '../notifications';
import type { LinkUpEffect } from './safeguarding-concern-entry.entity';
import type { SafeguardingConcern } from './safeguarding-concern.entity';
import { SafeguardingErrors } from './safeguarding.errors';
import { SafeguardingRepository } from './safeguarding.repository';
import { NOT_CLOSED, URGENT_SEVERITIES } from './concern-scope';

/**
 * What a concern does beyond its own rows, in the caller's transaction: a triage's effect on the
 * link-up (pause, resume under the stage machine's guard, end early), the pause an urgent concern
 * makes, and the supervisors' "urgent concern" notice. Raising and triaging both use them.
 */
@Injectable()
export class ConcernLinkUpEffects {
  constructor(
    private readonly concerns: SafeguardingRepository,
    private readonly linkUps: LinkUpsService,
    private readonly families: FamiliesService,
    private readonly lifecycle: FamilyLifecycleService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /**
   * Applies a triage's effect on the concern's link-up (none, pause, resume or end early); what it
   * changed, or null. A refused effect throws (and rolls the triage back).
   */
  async apply(
    caller: Caller,
    concern: SafeguardingConcern,
    effect: LinkUpEffect,
    stageGuards: StageGuardSettings,
  ): Promise<{ linkUpId: string; kind: 'paused' | 'resumed' | 'ended_early' } | null> {
    const { actor } = caller;
    if (effect === 'none') return null;
    const linkUpId = concern.linkUpId;
    if (linkUpId === null) throw SafeguardingErrors.noLinkUp();
    const current = await this.linkUps.getLinkUpInScope(actor, linkUpId);
    const now = this.clock.now();
    switch (effect) {
      case 'pause': {
        const paused = await this.linkUps.pauseForSafeguarding({
          linkUpId: current.id,
          actorId: actor.id,
          concernId: concern.id,
          at: now,
        });
        // Already paused (say, when the concern was raised): nothing more to do.
        if (!paused && current.status !== 'paused') {
          throw SafeguardingErrors.effectNotApplicable(effect, current.status);
        }
        return paused ? { linkUpId: current.id, kind: 'paused' } : null;
      }
      case 'resume': {
        if (current.status !== 'paused') throw SafeguardingErrors.effectNotApplicable(effect, current.status);
        const locked = await this.linkUps.lockLinkUpForChange(actor, current.id, current.version);
        // The stage machine's own resume check, on the guard facts as they stand in this transaction
        // (this concern's change included): an open urgent concern keeps the link-up paused.
        const openUrgent = await this.concerns
          .about(locked, NOT_CLOSED)
          .andWhere('c.severity IN (:...urgent)', { urgent: [...URGENT_SEVERITIES] })
          .orderBy('c.raisedAt', 'ASC')
          .addOrderBy('c.id', 'ASC')
          .getMany();
        const facts = resumeGuardFacts(openUrgent.length);
        const plan = planTransition(
          locked,
          { kind: 'resume', reason: `safeguarding_concern:${concern.id}`, at: now },
          facts,
          stageGuards,
        );
        if (!plan.ok) {
          if (plan.unmetGuards.includes('NO_OPEN_URGENT_SAFEGUARDING_CONCERN') && openUrgent.length > 0) {
            throw SafeguardingErrors.resumeBlockedByOpenUrgentConcerns(
              concern.id,
              openUrgent.map((open) => open.id),
              plan.unmetGuards,
            );
          }
          throw LinkUpErrors.transitionRefused(
            plan.code,
            plan.message,
            plan.unmetGuards,
            plan.unmetGuardDetails,
          );
        }
        await this.linkUps.recordChange(
          locked,
          { status: plan.next.status, pausedSince: null },
          {
            kind: 'resumed',
            fromStage: plan.record.fromStage,
            toStage: plan.record.toStage,
            fromStatus: plan.record.fromStatus,
            toStatus: plan.record.toStatus,
            fromCoachId: null,
            toCoachId: null,
            reason: `safeguarding_concern:${concern.id}`,
            at: now,
            actorId: actor.id,
          },
        );
        return { linkUpId: current.id, kind: 'resumed' };
      }
      case 'end': {
        if (current.status !== 'active' && current.status !== 'paused') {
          throw SafeguardingErrors.effectNotApplicable(effect, current.status);
        }
        const locked = await this.linkUps.lockLinkUpForChange(actor, current.id, current.version);
        await this.linkUps.recordChange(
          locked,
          { status: 'ended_early', pausedSince: null, endedAt: now, closureReason: 'safety_concern' },
          {
            kind: 'ended_early',
            fromStage: locked.stage,
            toStage: locked.stage,
            fromStatus: locked.status,
            toStatus: 'ended_early',
            fromCoachId: null,
            toCoachId: null,
            reason: `safeguarding_concern:${concern.id}`,
            at: now,
            actorId: actor.id,
          },
        );
        await this.lifecycle.afterLinkUpClosed(caller, {
          linkUpId: locked.id,
          seekingFamilyId: locked.seekingFamilyId,
          sharingFamilyId: locked.sharingFamilyId,
          closing: 'ended_early',
          reason: 'safety_concern',
          at: now,
        });
        return { linkUpId: current.id, kind: 'ended_early' };
      }
    }
  }

  /**
   * Pauses what an urgent concern is about, in the caller's transaction: the link-up it names, or,
   * for a concern about a family alone, every live link-up of that family. Returns the ids paused.
   */
  async pauseForUrgentConcern(
    concern: Pick<SafeguardingConcern, 'id' | 'linkUpId' | 'familyId'>,
    actorId: string,
    at: Date,
  ): Promise<string[]> {
    const { familyId } = concern;
    const targets =
      concern.linkUpId !== null
        ? [concern.linkUpId]
        : familyId !== null
          ? await this.linkUps.liveLinkUpIdsOfFamily(familyId)
          : [];
    const paused: string[] = [];
    for (const linkUpId of targets) {
      if (await this.linkUps.pauseForSafeguarding({ linkUpId, actorId, concernId: concern.id, at })) {
        paused.push(linkUpId);
      }
    }
    return paused;
  }

  /** The supervisors' "urgent concern" notice, in the caller's transaction. */
  async notifyUrgent(
    concern: Pick<SafeguardingConcern, 'id' | 'linkUpId' | 'siteId' | 'severity' | 'triageDueAt'>,
    coachId: string | null,
  ): Promise<string[]> {
    return this.notifications.notify({
      kind: 'concern_urgent',
      subjectType: 'safeguarding_concern',
      subjectId: concern.id,
      linkUpId: concern.linkUpId,
      facts: { severity: concern.severity, triageDueAt: concern.triageDueAt.toISOString() },
      recipientIds: await this.notifications.supervisorIdsFor(concern.siteId, coachId),
    });
  }

  /** The coach of what the concern is about: the link-up's, or the family's primary coach. */
  async coachOf(concern: Pick<SafeguardingConcern, 'linkUpId' | 'familyId'>): Promise<string | null> {
    const { linkUpId } = concern;
    if (linkUpId !== null) {
      const [linkUp] = await this.linkUps.findLinkUpsByIds([linkUpId]);
      return linkUp?.coachId ?? null;
    }
    const { familyId } = concern;
    if (familyId !== null) {
      const [family] = await this.families.findFamiliesByIds([familyId]);
      return family?.primaryCoachId ?? null;
    }
    return null;
  }
}
