import type { FeedbackAlert as FeedbackAlertRule, FeedbackViewpoint } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../transaction';
import { FeedbackAlert } from './feedback-alert.entity';
import { LinkUpFeedback } from './link-up-feedback.entity';

/** One answer to write: a viewpoint's ratings of a link-up for a period. */
export interface FeedbackAnswerRow {
  readonly linkUpId: string;
  readonly viewpoint: FeedbackViewpoint;
  readonly period: number;
  readonly relationship: number;
  readonly change: number;
  readonly words: string | null;
  readonly givenBy: string;
  readonly givenAt: Date;
}

/**
 * A link-up's feedback answers and alerts, read and written in the transaction open in this async
 * context (autocommit outside one): no method takes a `manager`.
 */
@Injectable()
export class LinkUpFeedbackRepository {
  constructor(private readonly transactions: TransactionContext) {}

  /** Holds the link-up's answers for this transaction (an advisory lock): one answer at a time. */
  async lockAnswersOf(linkUpId: string): Promise<void> {
    await this.transactions.manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `link-up-feedback:${linkUpId}`,
    ]);
  }

  /** Writes the answer, replacing the viewpoint's earlier one of the period; whether it replaced one. */
  async writeAnswer(answer: FeedbackAnswerRow): Promise<boolean> {
    const written = await this.transactions.manager.query<{ replaced: boolean }[]>(
      `INSERT INTO link_up_feedback
              (link_up_id, viewpoint, period, relationship, change, words, given_by, given_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (link_up_id, viewpoint, period) DO UPDATE
          SET relationship = EXCLUDED.relationship, change = EXCLUDED.change, words = EXCLUDED.words,
              given_by = EXCLUDED.given_by, given_at = EXCLUDED.given_at
       RETURNING (xmax <> 0) AS replaced`,
      [
        answer.linkUpId,
        answer.viewpoint,
        answer.period,
        answer.relationship,
        answer.change,
        answer.words,
        answer.givenBy,
        answer.givenAt,
      ],
    );
    return written[0]?.replaced === true;
  }

  /** Every answer of the link-up (no order). */
  answersOf(linkUpId: string): Promise<LinkUpFeedback[]> {
    return this.transactions.repository(LinkUpFeedback).find({ where: { linkUpId } });
  }

  /** Every answer of the link-up, oldest period first. */
  answersByPeriod(linkUpId: string): Promise<LinkUpFeedback[]> {
    return this.transactions
      .repository(LinkUpFeedback)
      .find({ where: { linkUpId }, order: { period: 'ASC' } });
  }

  /** The link-up's alerts, oldest first. */
  alertsOf(linkUpId: string): Promise<FeedbackAlert[]> {
    return this.transactions.repository(FeedbackAlert).find({
      where: { linkUpId },
      order: { detectedAt: 'ASC', key: 'ASC' },
    });
  }

  /** Writes the alerts not yet recorded (by key) and returns those written now. */
  async insertNewAlerts(
    linkUpId: string,
    alerts: readonly FeedbackAlertRule[],
    detectedAt: Date,
  ): Promise<FeedbackAlert[]> {
    if (alerts.length === 0) return [];
    const result = await this.transactions.manager
      .createQueryBuilder()
      .insert()
      .into(FeedbackAlert)
      .values(
        alerts.map((alert) => ({
          linkUpId,
          key: alert.key,
          kind: alert.kind,
          period: alert.period,
          question: alert.question,
          ...(alert.kind === 'diverged'
            ? {
                lowViewpoint: alert.low.viewpoint,
                lowRating: alert.low.rating,
                highViewpoint: alert.high.viewpoint,
                highRating: alert.high.rating,
              }
            : {
                lowViewpoint: alert.viewpoint,
                lowRating: alert.to,
                highViewpoint: alert.viewpoint,
                highRating: alert.from.rating,
              }),
          detectedAt,
        })),
      )
      .orIgnore()
      .returning('*')
      .execute();
    return (result.raw as Record<string, unknown>[]).map((row) =>
      this.transactions.repository(FeedbackAlert).create({
        id: row.id as string,
        linkUpId: row.link_up_id as string,
        key: row.key as string,
        kind: row.kind as FeedbackAlert['kind'],
        period: row.period as number,
        question: row.question as FeedbackAlert['question'],
        lowViewpoint: row.low_viewpoint as FeedbackViewpoint,
        lowRating: row.low_rating as number,
        highViewpoint: row.high_viewpoint as FeedbackViewpoint,
        highRating: row.high_rating as number,
        detectedAt: row.detected_at as Date,
      }),
    );
  }
}
