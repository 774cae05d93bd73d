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
import { InjectRepository } from '@nestjs/typeorm';
import { And, DataSource, EntityManager, IsNull, LessThanOrEqual, MoreThan, Repository } from 'typeorm';
import type { Actor, Caller } from '../access/actor';
import { isInCaseload } from '../access/scope';
import { AuditService } from '../audit/audit.service';
import { CommonErrors, DomainError } from '../errors';
import { FamiliesService } from '../families/families.service';
import type { LinkUp } from '../link-ups/link-up.entity';
import { caseloadOfLinkUp, LinkUpsService } from '../link-ups/link-ups.service';
import { ProgrammeSettingsService } from '../settings/programme-settings.service';
import { OutcomeMeasure } from './outcome-measure.entity';
import { Clock } from '../clock/clock';

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

/** Outcome measures per family (DESIGN §3), with each instrument's valid range enforced. */
@Injectable()
export class OutcomeMeasuresService {
  constructor(
    @InjectRepository(OutcomeMeasure) private readonly measures: Repository<OutcomeMeasure>,
    private readonly dataSource: DataSource,
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
    return this.dataSource.transaction(async (manager) => {
      const family = await this.families.getFamilyInScope(caller.actor, familyId, manager);
      const linkUpId = await this.linkUpOfMeasure(
        caller.actor,
        family.id,
        input.linkUpId ?? null,
        { timepoint: input.timepoint, administeredAt },
        manager,
      );
      const repository = manager.getRepository(OutcomeMeasure);
      const measure = repository.create({
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
      await repository.insert(measure);
      await this.audit.record(
        {
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
        },
        manager,
      );
      return measure;
    });
  }

  /** A family's measures (in the caller's scope), newest first. */
  async listOutcomeMeasures(caller: Caller, familyId: string): Promise<OutcomeMeasure[]> {
    const family = await this.families.getFamilyInScope(caller.actor, familyId);
    return this.measures.find({
      where: { familyId: family.id },
      order: { administeredAt: 'DESC', createdAt: 'DESC' },
    });
  }

  /**
   * The Seeking family's baseline for a link-up (a stage guard fact): one recorded or declined for
   * this link-up, or an intake one (recorded while the family had no live link-up) administered
   * after the family's previous link-up ended and not after this one started. An intake baseline
   * taken before an earlier link-up belongs to that one, not to every later one.
   */
  async baselineFor(linkUp: LinkUp, manager?: EntityManager): Promise<MeasureOnRecord> {
    const previous = await this.linkUps.previousLinkUpOfSeekingFamily(linkUp, manager);
    const notAfterStart = LessThanOrEqual(linkUp.startedAt);
    const previousEnd = previous === null ? null : (previous.endedAt ?? previous.startedAt);
    const first = await (manager?.getRepository(OutcomeMeasure) ?? this.measures).findOne({
      where: [
        { familyId: linkUp.seekingFamilyId, timepoint: 'baseline', linkUpId: linkUp.id },
        {
          familyId: linkUp.seekingFamilyId,
          timepoint: 'baseline',
          linkUpId: IsNull(),
          administeredAt: previousEnd === null ? notAfterStart : And(MoreThan(previousEnd), notAfterStart),
        },
      ],
      order: { administeredAt: 'ASC' },
    });
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
    manager: EntityManager,
  ): Promise<string | null> {
    const afterClose = (TIMEPOINTS_AFTER_CLOSE as readonly string[]).includes(measure.timepoint);
    const live = await this.linkUps.liveLinkUpsOfFamily(familyId, manager);
    if (requested !== null) {
      const linkUp = await this.linkUps.getLinkUpInScope(actor, requested, manager);
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
      const closed = await this.linkUps.latestClosedLinkUpOfFamily(familyId, manager);
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
  async baselinesFor(linkUps: readonly LinkUp[], manager?: EntityManager): Promise<MeasureOnRecord[]> {
    if (linkUps.length === 0) return [];
    const previous = await this.linkUps.previousLinkUpsOfSeekingFamilies(linkUps, manager);
    const rows = await (manager ?? this.measures.manager).query<{ id: string; at: Date }[]>(
      `SELECT x.id, min(m.administered_at) AS at
         FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::timestamptz[])
              AS x(id, family_id, started_at, previous_end)
         JOIN outcome_measures m
           ON m.family_id = x.family_id AND m.timepoint::text = 'baseline'
          AND (m.link_up_id = x.id
               OR (m.link_up_id IS NULL AND m.administered_at <= x.started_at
                   AND (x.previous_end IS NULL OR m.administered_at > x.previous_end)))
        GROUP BY x.id`,
      [
        linkUps.map((linkUp) => linkUp.id),
        linkUps.map((linkUp) => linkUp.seekingFamilyId),
        linkUps.map((linkUp) => linkUp.startedAt),
        previous.map((before) => (before === null ? null : (before.endedAt ?? before.startedAt))),
      ],
    );
    return onRecord(linkUps, rows);
  }

  /** exitFor of each link-up, in one read. */
  async exitsFor(linkUps: readonly LinkUp[], manager?: EntityManager): Promise<MeasureOnRecord[]> {
    if (linkUps.length === 0) return [];
    const rows = await (manager ?? this.measures.manager).query<{ id: string; at: Date }[]>(
      `SELECT x.id, min(m.administered_at) AS at
         FROM unnest($1::uuid[], $2::uuid[]) AS x(id, family_id)
         JOIN outcome_measures m
           ON m.family_id = x.family_id AND m.link_up_id = x.id AND m.timepoint::text = 'exit'
        GROUP BY x.id`,
      [linkUps.map((linkUp) => linkUp.id), linkUps.map((linkUp) => linkUp.seekingFamilyId)],
    );
    return onRecord(linkUps, rows);
  }

  /** The Seeking family's exit measure for this link-up, recorded or declined (a stage guard fact). */
  async exitFor(linkUp: LinkUp, manager?: EntityManager): Promise<MeasureOnRecord> {
    const first = await (manager?.getRepository(OutcomeMeasure) ?? this.measures).findOne({
      where: { familyId: linkUp.seekingFamilyId, timepoint: 'exit', linkUpId: linkUp.id },
      order: { administeredAt: 'ASC' },
    });
    return { recordedOrDeclined: first !== null, at: first?.administeredAt ?? null };
  }
}

/** Each link-up's measure from rows of (link-up id, earliest time), in the link-ups' order. */
function onRecord(linkUps: readonly LinkUp[], rows: readonly { id: string; at: Date }[]): MeasureOnRecord[] {
  const at = new Map(rows.map((row) => [row.id, row.at]));
  return linkUps.map((linkUp) => {
    const first = at.get(linkUp.id);
    return { recordedOrDeclined: first !== undefined, at: first ?? null };
  });
}
