import {
  FEEDBACK_VIEWPOINTS,
  feedbackAlertsFor,
  feedbackPeriodOf,
  type FeedbackViewpoint,
} from '@app/domain';
import { afterCommitQueueWork, JobProducer } from '@app/queue';
import { Injectable, Logger } from '@nestjs/common';
import type { Actor, Caller } from '../access';
import { AuditService } from '../audit';
import { Clock } from '../clock';
import { openLinkUpInScope } from '../journey';
import type { LinkUp } from '../link-ups';
import { LinkUpsService } from '../link-ups';
import { NotificationsService } from '../notifications';
import { ProgrammeSettingsService } from '../settings';
import { TransactionContext } from '../transaction';
import type { FeedbackAlert } from './feedback-alert.entity';
import { LinkUpFeedbackRepository } from './link-up-feedback.repository';

export interface GiveFeedbackInput {
  /** How the relationship is going, 1–5. */
  readonly relationship: number;
  /** How things are changing, 1–5. */
  readonly change: number;
  /** Optional words, read by staff only. */
  readonly words?: string | null;
}

/** One answer as the viewer may see it: `words` is undefined for a family user. */
export interface FeedbackPoint {
  readonly period: number;
  readonly relationship: number;
  readonly change: number;
  readonly givenAt: Date;
  readonly words?: string | null;
}

export interface FeedbackLine {
  readonly viewpoint: FeedbackViewpoint;
  /** Oldest period first. */
  readonly points: readonly FeedbackPoint[];
}

/** A link-up's feedback as one viewer may see it. */
export interface FeedbackLines {
  readonly periodDays: number;
  /** The period an answer given now falls in; null once the link-up is closed. */
  readonly currentPeriod: number | null;
  /** Staff: the three lines; a family user: its own line only. */
  readonly lines: readonly FeedbackLine[];
  /** Staff only (empty for a family user): the alerts raised so far, oldest first. */
  readonly alerts: readonly FeedbackAlert[];
}

export interface FeedbackGiven {
  readonly viewpoint: FeedbackViewpoint;
  readonly period: number;
  /** Whether an earlier answer of the same viewpoint and period was replaced. */
  readonly replaced: boolean;
  readonly feedback: FeedbackLines;
}

/**
 * The three viewpoints on a link-up (DESIGN §3 "Feedback"): each family answers for itself, staff
 * answer as the coach. After each answer the period's answers are compared (domain rule
 * `feedbackAlertsFor`); each new divergence or drop is written once (unique key) and tells the
 * link-up's coach, in the same transaction. Answers of one link-up are written one at a time (an
 * advisory lock), so two families answering at once cannot both miss a divergence. Reads and
 * writes join the transaction open in this async context (TransactionContext).
 */
@Injectable()
export class LinkUpFeedbackService {
  private readonly logger = new Logger('LinkUpFeedbackService');

  constructor(
    private readonly feedback: LinkUpFeedbackRepository,
    private readonly transactions: TransactionContext,
    private readonly linkUps: LinkUpsService,
    private readonly notifications: NotificationsService,
    private readonly settings: ProgrammeSettingsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly producer: JobProducer,
  ) {}

  async giveFeedback(caller: Caller, linkUpId: string, input: GiveFeedbackInput): Promise<FeedbackGiven> {
    const { actor } = caller;
    const { feedback: settings } = await this.settings.currentSettings();
    const now = this.clock.now();
    const words = input.words?.trim() || null;
    const { viewpoint, period, replaced, linkUp } = await this.transactions.run(async () => {
      const linkUp = await openLinkUpInScope(this.linkUps, actor, linkUpId);
      await this.feedback.lockAnswersOf(linkUp.id);
      const viewpoint = viewpointOf(actor, linkUp);
      const period = feedbackPeriodOf(linkUp.startedAt, now, settings.periodDays);
      const replaced = await this.feedback.writeAnswer({
        linkUpId: linkUp.id,
        viewpoint,
        period,
        relationship: input.relationship,
        change: input.change,
        words,
        givenBy: actor.id,
        givenAt: now,
      });
      const all = await this.feedback.answersOf(linkUp.id);
      const raised = await this.feedback.insertNewAlerts(
        linkUp.id,
        feedbackAlertsFor(all, period, settings),
        now,
      );
      const noticeIds: string[] = [];
      for (const alert of raised) {
        noticeIds.push(
          ...(await this.notifications.notify({
            kind: 'feedback_check_in',
            subjectType: 'feedback_alert',
            subjectId: alert.id,
            linkUpId: linkUp.id,
            facts: {
              alert: alert.kind,
              question: alert.question,
              period: alert.period,
              lowViewpoint: alert.lowViewpoint,
              lowRating: alert.lowRating,
              highViewpoint: alert.highViewpoint,
              highRating: alert.highRating,
            },
            recipientIds: [linkUp.coachId],
          })),
        );
      }
      await this.audit.record({
        actor,
        requestId: caller.requestId,
        action: 'link_up_feedback.given',
        entityType: 'link_up',
        entityId: linkUp.id,
        details: { viewpoint, period, replaced, hasWords: words !== null, alertsRaised: raised.length },
      });
      // Once the notices are in the inbox, the emails follow as best effort (the reconciler
      // re-derives lost email jobs), never holding up the family on a queue that does not answer.
      await this.transactions.afterCommit(() =>
        afterCommitQueueWork(
          this.logger,
          { linkUpId },
          () => this.notifications.dispatchEmails(noticeIds),
          this.producer.waitBudgetMs(),
        ),
      );
      return { viewpoint, period, replaced, linkUp };
    });
    return { viewpoint, period, replaced, feedback: await this.feedbackOf(actor, linkUp) };
  }

  /** The link-up's feedback (already scope-checked) as `actor` may see it. */
  async feedbackOf(actor: Actor, linkUp: LinkUp): Promise<FeedbackLines> {
    const { feedback: settings } = await this.settings.currentSettings();
    const staff = actor.role !== 'family';
    const own = staff ? null : viewpointOf(actor, linkUp);
    const rows = await this.feedback.answersByPeriod(linkUp.id);
    const lines = FEEDBACK_VIEWPOINTS.filter((viewpoint) => staff || viewpoint === own).map((viewpoint) => ({
      viewpoint,
      points: rows
        .filter((row) => row.viewpoint === viewpoint)
        .map((row) => ({
          period: row.period,
          relationship: row.relationship,
          change: row.change,
          givenAt: row.givenAt,
          ...(staff ? { words: row.words } : {}),
        })),
    }));
    const open = linkUp.status === 'active' || linkUp.status === 'paused';
    return {
      periodDays: settings.periodDays,
      currentPeriod: open ? feedbackPeriodOf(linkUp.startedAt, this.clock.now(), settings.periodDays) : null,
      lines,
      alerts: staff ? await this.feedback.alertsOf(linkUp.id) : [],
    };
  }
}

/** A family answers for its own side of the link-up; staff answer as the coach. */
function viewpointOf(actor: Actor, linkUp: LinkUp): FeedbackViewpoint {
  if (actor.role !== 'family') return 'coach';
  return actor.familyId === linkUp.seekingFamilyId ? 'seeking' : 'sharing';
}
