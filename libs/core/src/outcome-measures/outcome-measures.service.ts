import {
  isFutureInstant,
  TIMEPOINTS_AFTER_CLOSE,
  resolveInstrument,
  scoreProblem,
  type OutcomeAssessor,
  type OutcomeDeclineReason,
  type OutcomeTimepoint,
} from '@app/domain';
import { Injectable } from '@nestjs/common';
import type { Actor, Caller } from '../access';
import { isInCaseload } from '../access';
import { AuditService } from '../audit';
import { CommonErrors, DomainError } from '../errors';
import { FamiliesService } from '../families';
import type { LinkUp } from '../link-ups';
import { caseloadOfLinkUp, LinkUpsService } from '../link-ups';
import { ProgrammeSettingsService } from '../settings';
import { TransactionContext } from '../transaction';
import type { OutcomeMeasure } from './outcome-measure.entity';
import { OutcomeMeasuresRepository } from './outcome-measures.repository';
import { Clock } from '../clock';

export interface NewOutcomeMeasureInput {
  readonly instrument: string;
  readonly timepoint: OutcomeTimepoint;
  /** Required unless declined; within the instrument's range. */
  readonly score?: number | null;
  readonly declined?: boolean;
  /** Required when declined. */
  readonly declineReason?: OutcomeDeclineReason | null;
  readonly assessedBy: OutcomeAssessor;
  /** Defaults to now; not in the future. */
  readonly administeredAt?: Date;
  /**
   * Which of the family's link-ups it belongs to: a live one (any timepoint), or for an `exit` or
   * `follow_up` measure also a closed one (completed or ended early). Defaults to the family's
   * only live link-up, or for an exit or follow-up with none live to its latest closed one. The
   * link-up must be in the caller's caseload (404 otherwise).
   */
  readonly linkUpId?: string | null;
}

/** Whether a timepoint's measure exists for a link-up, and when (the earliest). */
export interface MeasureOnRecord {
  readonly recordedOrDeclined: boolean;
  readonly at: Date | null;
}

const invalid = (field: string, problem: string): DomainError =>
  new DomainError('VALIDATION_FAILED', 'invalid', `Please check these fields: ${field}.`, {
    fields: [{ field, problems: [problem] }],
  });

/**
 * Outcome measures per family (DESIGN §3), with each instrument's valid range enforced. Reads and
 * writes join the transaction open in this async context (TransactionContext); callers that still
 * thread a `manager` hand it over with `TransactionContext.within`.
 */
@Injectable()
export class OutcomeMeasuresService {
  constructor(
    private readonly measures: OutcomeMeasuresRepository,
    private readonly transactions: TransactionContext,
    private readonly families: FamiliesService,
    private readonly linkUps: LinkUpsService,
    private readonly settings: ProgrammeSettingsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async recordOutcomeMeasure(
    caller: Caller,
    familyId: string,
    input: NewOutcomeMeasureInput,
    now = this.clock.now(),
  ): Promise<OutcomeMeasure> {
    const settings = await this.settings.currentSettings();
    const instrument = resolveInstrument(input.instrument, settings.outcomeMeasures);
    if (instrument === null) {
      throw invalid(
        'instrument',
        'instrument must be a built-in instrument or one configured in the settings',
      );
    }
    const declined = input.declined ?? false;
    const score = input.score ?? null;
    if (declined) {
      if (score !== null) throw invalid('score', 'a declined measure has no score');
      if (input.declineReason === undefined || input.declineReason === null) {
        throw invalid('declineReason', 'say why the measure was declined');
      }
    } else {
      if (score === null) throw invalid('score', 'give the score, or record the measure as declined');
      const problem = scoreProblem(instrument, score);
      if (problem !== null) throw invalid('score', problem);
      if (input.declineReason !== undefined && input.declineReason !== null) {
        throw invalid('declineReason', 'only a declined measure has a decline reason');
      }
    }
    const administeredAt = input.administeredAt ?? now;
    if (Number.isNaN(administeredAt.getTime())) {
      throw invalid('administeredAt', 'administeredAt must be an ISO-8601 date and time');
    }
    if (isFutureInstant(administeredAt, now)) {
      throw invalid('administeredAt', 'administeredAt cannot be in the future');
    }
    return this.transactions.run(async () => {
      const family = await this.families.getFamilyInScope(caller.actor, familyId);
      const linkUpId = await this.linkUpOfMeasure(caller.actor, family.id, input.linkUpId ?? null, {
        timepoint: input.timepoint,
        administeredAt,
      });
      const measure = await this.measures.insert({
        familyId: family.id,
        linkUpId,
        instrument: instrument.key,
        timepoint: input.timepoint,
        score: declined ? null : score,
        declined,
        declineReason: declined ? (input.declineReason ?? null) : null,
        administeredAt,
        assessedBy: input.assessedBy,
        recordedBy: caller.actor.id,
      });
      await this.audit.record({
        actor: caller.actor,
        requestId: caller.requestId,
        action: 'outcome_measure.recorded',
        entityType: 'family',
        entityId: family.id,
        details: {
          measureId: measure.id,
          instrument: instrument.key,
          timepoint: input.timepoint,
          declined,
          linkUpId,
        },
      });
      return measure;
    });
  }

  /** A family's measures (in the caller's scope), newest first. */
  async listOutcomeMeasures(caller: Caller, familyId: string): Promise<OutcomeMeasure[]> {
    const family = await this.families.getFamilyInScope(caller.actor, familyId);
    return this.measures.listOfFamily(family.id);
  }

  /**
   * The Seeking family's baseline for a link-up (a stage guard fact): one recorded or declined for
   * this link-up, or an intake one (recorded while the family had no live link-up) administered
   * after the family's previous link-up ended and not after this one started. An intake baseline
   * taken before an earlier link-up belongs to that one, not to every later one.
   */
  async baselineFor(linkUp: LinkUp): Promise<MeasureOnRecord> {
    const previous = await this.linkUps.previousLinkUpOfSeekingFamily(linkUp);
    const first = await this.measures.earliestBaseline(linkUp, endOf(previous));
    return { recordedOrDeclined: first !== null, at: first?.administeredAt ?? null };
  }

  /**
   * The link-up a new measure of the family belongs to: the one named (which must be in the
   * caller's caseload, else 404, and the family's, else 400), or the family's only live one. A
   * live link-up takes any timepoint; a closed one (completed or ended early) only an `exit` or a
   * `follow_up` taken on or after its start: a baseline or a review belongs to a link-up under
   * way. An exit or follow-up with no link-up named and none live belongs to the family's latest
   * closed link-up (the one it follows), when that one is in the caller's caseload. A measure is
   * attached to a live link-up only when it is in the caller's caseload: a former coach (who still
   * sees the family) cannot write into another coach's live link-up and meet its guards, and is
   * answered 404 instead. Null when there is none to attach to, or several live and none named.
   */
  private async linkUpOfMeasure(
    actor: Actor,
    familyId: string,
    requested: string | null,
    measure: { timepoint: OutcomeTimepoint; administeredAt: Date },
  ): Promise<string | null> {
    const afterClose = (TIMEPOINTS_AFTER_CLOSE as readonly string[]).includes(measure.timepoint);
    const live = await this.linkUps.liveLinkUpsOfFamily(familyId);
    if (requested !== null) {
      const linkUp = await this.linkUps.getLinkUpInScope(actor, requested);
      if (live.some((l) => l.id === linkUp.id)) return linkUp.id;
      if (linkUp.seekingFamilyId !== familyId && linkUp.sharingFamilyId !== familyId) {
        throw invalid('linkUpId', 'linkUpId must be one of the family’s link-ups');
      }
      if (!afterClose) {
        throw invalid(
          'linkUpId',
          `a ${measure.timepoint} measure belongs to a live link-up; this one has ${linkUp.status === 'completed' ? 'completed' : 'ended'} (only exit and follow_up measures are recorded after it closes)`,
        );
      }
      if (measure.administeredAt.getTime() < linkUp.startedAt.getTime()) {
        throw invalid(
          'administeredAt',
          'an exit or follow-up measure cannot be taken before its link-up started',
        );
      }
      return linkUp.id;
    }
    if (live.length === 0 && afterClose) {
      const closed = await this.linkUps.latestClosedLinkUpOfFamily(familyId);
      if (
        closed === null ||
        !isInCaseload(actor, caseloadOfLinkUp(closed)) ||
        measure.administeredAt.getTime() < closed.startedAt.getTime()
      )
        return null;
      return closed.id;
    }
    if (live.length !== 1) return null;
    if (!isInCaseload(actor, caseloadOfLinkUp(live[0]))) throw CommonErrors.notFound('Link-up');
    return live[0].id;
  }

  /** baselineFor of each link-up, in two reads (their previous link-ups, then the measures). */
  async baselinesFor(linkUps: readonly LinkUp[]): Promise<MeasureOnRecord[]> {
    if (linkUps.length === 0) return [];
    const previous = await this.linkUps.previousLinkUpsOfSeekingFamilies(linkUps);
    const rows = await this.measures.earliestBaselines(linkUps, previous.map(endOf));
    return onRecord(linkUps, rows);
  }

  /** exitFor of each link-up, in one read. */
  async exitsFor(linkUps: readonly LinkUp[]): Promise<MeasureOnRecord[]> {
    if (linkUps.length === 0) return [];
    return onRecord(linkUps, await this.measures.earliestExits(linkUps));
  }

  /** The Seeking family's exit measure for this link-up, recorded or declined (a stage guard fact). */
  async exitFor(linkUp: LinkUp): Promise<MeasureOnRecord> {
    const first = await this.measures.earliestExit(linkUp);
    return { recordedOrDeclined: first !== null, at: first?.administeredAt ?? null };
  }
}

/** When a previous link-up ended (its start when it has no end), or null with none. */
function endOf(previous: LinkUp | null): Date | null {
  return previous === null ? null : (previous.endedAt ?? previous.startedAt);
}

/** Each link-up's measure from rows of (link-up id, earliest time), in the link-ups' order. */
function onRecord(linkUps: readonly LinkUp[], rows: readonly { id: string; at: Date }[]): MeasureOnRecord[] {
  const at = new Map(rows.map((row) => [row.id, row.at]));
  return linkUps.map((linkUp) => {
    const first = at.get(linkUp.id);
    return { recordedOrDeclined: first !== undefined, at: first ?? null };
  });
}
