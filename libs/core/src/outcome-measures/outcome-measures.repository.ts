import { Injectable } from '@nestjs/common';
import { And, IsNull, LessThanOrEqual, MoreThan } from 'typeorm';
import type { LinkUp } from '../link-ups';
import { TransactionContext } from '../transaction';
import { OutcomeMeasure } from './outcome-measure.entity';

/** A link-up and the earliest time one of its measures was administered. */
export interface EarliestMeasureRow {
  readonly id: string;
  readonly at: Date;
}

/**
 * The outcome measures' rows, read and written in the transaction open in this async context
 * (autocommit outside one): no method takes a `manager`.
 */
@Injectable()
export class OutcomeMeasuresRepository {
  constructor(private readonly transactions: TransactionContext) {}

  private get measures() {
    return this.transactions.repository(OutcomeMeasure);
  }

  /** Inserts the measure (its id is filled in). */
  async insert(measure: Omit<OutcomeMeasure, 'id' | 'createdAt'>): Promise<OutcomeMeasure> {
    const row = this.measures.create(measure);
    await this.measures.insert(row);
    return row;
  }

  /** A family's measures, newest first. */
  listOfFamily(familyId: string): Promise<OutcomeMeasure[]> {
    return this.measures.find({
      where: { familyId },
      order: { administeredAt: 'DESC', createdAt: 'DESC' },
    });
  }

  /**
   * The earliest baseline of the link-up's Seeking family: one recorded for this link-up, or an intake
   * one (no link-up) administered after `previousEnd` (when given) and not after the link-up started.
   */
  earliestBaseline(linkUp: LinkUp, previousEnd: Date | null): Promise<OutcomeMeasure | null> {
    const notAfterStart = LessThanOrEqual(linkUp.startedAt);
    return this.measures.findOne({
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
  }

  /** earliestBaseline of each link-up (with its previous link-up's end), in one read; none for those without. */
  earliestBaselines(
    linkUps: readonly LinkUp[],
    previousEnds: readonly (Date | null)[],
  ): Promise<EarliestMeasureRow[]> {
    return this.transactions.manager.query<EarliestMeasureRow[]>(
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
        previousEnds,
      ],
    );
  }

  /** The earliest exit measure of the link-up's Seeking family for this link-up. */
  earliestExit(linkUp: LinkUp): Promise<OutcomeMeasure | null> {
    return this.measures.findOne({
      where: { familyId: linkUp.seekingFamilyId, timepoint: 'exit', linkUpId: linkUp.id },
      order: { administeredAt: 'ASC' },
    });
  }

  /** earliestExit of each link-up, in one read; none for those without. */
  earliestExits(linkUps: readonly LinkUp[]): Promise<EarliestMeasureRow[]> {
    return this.transactions.manager.query<EarliestMeasureRow[]>(
      `SELECT x.id, min(m.administered_at) AS at
         FROM unnest($1::uuid[], $2::uuid[]) AS x(id, family_id)
         JOIN outcome_measures m
           ON m.family_id = x.family_id AND m.link_up_id = x.id AND m.timepoint::text = 'exit'
        GROUP BY x.id`,
      [linkUps.map((linkUp) => linkUp.id), linkUps.map((linkUp) => linkUp.seekingFamilyId)],
    );
  }
}
