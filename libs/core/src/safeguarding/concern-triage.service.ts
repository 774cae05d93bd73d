import { afterCommitQueueWork, JobProducer } from '@app/queue';
import { Injectable, Logger } from '@nestjs/common';
import type { Caller } from '../access';
import { AuditService } from '../audit';
import { Clock } from '../clock';
import { CommonErrors } from '../errors';
import { FamilyWriteStamp } from '../families';
import { LinkUpChangesBus } from '../link-ups';
import { NotificationsService } from '../notifications';
import { ProgrammeSettingsService } from '../settings';
import { TransactionContext } from '../transaction';
import type { LinkUpEffect, TriageDecision } from './safeguarding-concern-entry.entity';
import type { ConcernSeverity, ConcernStatus } from './safeguarding-concern.entity';
import { SafeguardingErrors } from './safeguarding.errors';
import { SafeguardingRepository } from './safeguarding.repository';
import { SafeguardingService, type ConcernWithHistory } from './safeguarding.service';
import { ConcernLinkUpEffects } from './concern-link-up-effects';
import { assertStaff, ConcernScope, URGENT_SEVERITIES } from './concern-scope';

export interface TriageInput {
  readonly decision: TriageDecision;
  readonly linkUpEffect: LinkUpEffect;
  /** Close the concern with this entry (otherwise it stays `triaged`, open to amendments). */
  readonly close?: boolean;
  /** A changed severity (an amendment). */
  readonly severity?: ConcernSeverity;
  /** Staff-only; never logged. */
  readonly note?: string | null;
  readonly version: number;
}

/**
 * A concern's triage (DESIGN §4.4): the decision and its effect on the link-up, an amendment, a
 * change of severity (to an urgent one: the urgent path as if raised so), closing it. Its effects on
 * the link-up and the supervisors' notices are `ConcernLinkUpEffects`'.
 */
@Injectable()
export class ConcernTriageService {
  private readonly logger = new Logger('ConcernTriageService');

  constructor(
    private readonly concerns: SafeguardingRepository,
    private readonly scope: ConcernScope,
    private readonly effects: ConcernLinkUpEffects,
    private readonly safeguarding: SafeguardingService,
    private readonly familyWrites: FamilyWriteStamp,
    private readonly bus: LinkUpChangesBus,
    private readonly settings: ProgrammeSettingsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly producer: JobProducer,
    private readonly clock: Clock,
    private readonly transactions: TransactionContext,
  ) {}

  /**
   * Triages an open concern, or amends a triaged one (each is a new entry): a decision, an effect on
   * the link-up (pause, resume, end early for a safety concern, or none), an optional new severity,
   * and optionally closing it. A stale `version` is a 409. A run that joins its caller's; the bus,
   * the emails and the deadline's withdrawal follow the outermost commit.
   */
  async triageConcern(caller: Caller, id: string, input: TriageInput): Promise<ConcernWithHistory> {
    const { actor } = caller;
    assertStaff(actor);
    const { stageGuards } = await this.settings.currentSettings();
    await this.transactions.run(async () => {
      const concern = await (
        await this.scope.query(actor)
      )
        .setLock('pessimistic_write', undefined, ['c'])
        .andWhere('c.id = :id', { id })
        .getOne();
      if (concern === null) throw CommonErrors.notFound('Safeguarding concern');
      if (concern.version !== input.version) {
        throw CommonErrors.versionConflict('The safeguarding concern', input.version, concern.version);
      }
      if (concern.status === 'closed') throw SafeguardingErrors.closed();
      const status: ConcernStatus = input.close === true ? 'closed' : 'triaged';
      const kind = concern.status === 'open' ? 'triaged' : 'amended';
      const now = this.clock.now();
      const severity = input.severity ?? concern.severity;
      await this.concerns.updateAtVersion(id, concern.version, {
        status,
        severity,
        triagedAt: concern.triagedAt ?? now,
        version: concern.version + 1,
      });
      const updated = { ...concern, status, severity };
      // After the concern's own change, so a resume's guard counts it as it now is (closed, or
      // downgraded); a refused effect rolls the whole triage back.
      const linkUpChange = await this.effects.apply(caller, updated, input.linkUpEffect, stageGuards);
      const changes: { linkUpId: string; kind: 'paused' | 'resumed' | 'ended_early' }[] =
        linkUpChange === null ? [] : [linkUpChange];
      // Raised to an urgent severity and not closed: the urgent path runs as if it had been raised
      // so (the supervisors are told, what it is about is paused; a resume was refused above).
      let urgentNoticeIds: string[] = [];
      const becameUrgent =
        status !== 'closed' &&
        URGENT_SEVERITIES.includes(severity) &&
        !URGENT_SEVERITIES.includes(concern.severity);
      if (becameUrgent) {
        if (input.linkUpEffect !== 'end') {
          for (const linkUpId of await this.effects.pauseForUrgentConcern(updated, actor.id, now)) {
            if (!changes.some((change) => change.linkUpId === linkUpId))
              changes.push({ linkUpId, kind: 'paused' });
          }
        }
        urgentNoticeIds = await this.effects.notifyUrgent(updated, await this.effects.coachOf(concern));
      }
      await this.concerns.appendEntryFor(updated, {
        kind,
        decision: input.decision,
        linkUpEffect: input.linkUpEffect,
        note: input.note?.trim() || null,
        actorId: actor.id,
      });
      await this.audit.record({
        actor,
        requestId: caller.requestId,
        action: kind === 'triaged' ? 'safeguarding_concern.triaged' : 'safeguarding_concern.amended',
        entityType: 'safeguarding_concern',
        entityId: id,
        details: {
          decision: input.decision,
          linkUpEffect: input.linkUpEffect,
          status,
          severity: updated.severity,
          hasNote: (input.note ?? '').trim() !== '',
          linkUpChanges: changes.map((change) => `${change.kind}:${change.linkUpId}`),
        },
      });
      await this.transactions.afterCommit(async () => {
        if (changes.some((change) => change.kind === 'ended_early')) this.familyWrites.noteFamiliesChanged();
        await afterCommitQueueWork(
          this.logger,
          { concernId: id },
          async () => {
            for (const change of changes) await this.bus.publish({ ...change, at: this.clock.now() });
            await this.notifications.dispatchEmails(urgentNoticeIds);
            await this.producer.withdraw('safeguarding.triage-overdue', { concernId: id });
          },
          this.producer.waitBudgetMs(),
        );
      });
    });
    return this.safeguarding.getConcern(caller, id);
  }
}
