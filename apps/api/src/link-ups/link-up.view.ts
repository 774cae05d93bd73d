import type {
  GetTogether,
  GoalRating,
  GoalWithRatings,
  LinkUpDetails,
  LinkUpEvent,
  LinkUpSummary,
  OutcomeMeasure,
  SmallWin,
} from '@app/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FeedbackView, toFeedbackView } from './feedback.view';

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

export class FamilyRefView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The household’s preferred display name.' }) displayName: string;
}

export class CoachRefView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ description: 'The coach’s work email, so the families can reach their coach.' })
  email: string;
}

export class LinkUpSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() stage: string;
  @ApiProperty() status: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: FamilyRefView }) seekingFamily: FamilyRefView;
  @ApiProperty({ type: FamilyRefView }) sharingFamily: FamilyRefView;
  @ApiProperty({ type: CoachRefView, description: 'The current coach.' }) coach: CoachRefView;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty() plannedWeeks: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) pausedSince: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) endedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) closureReason: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'A re-match: the Seeking family’s link-up before this one (completed or ended early). Staff only (null for families).',
  })
  previousLinkUpId: string | null;
}

export class LinkUpPageView {
  @ApiProperty({ type: [LinkUpSummaryView] }) items: LinkUpSummaryView[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class HistoryEntryView {
  @ApiProperty() kind: string;
  @ApiProperty({ nullable: true, type: String }) fromStage: string | null;
  @ApiProperty({ nullable: true, type: String }) toStage: string | null;
  @ApiProperty({ nullable: true, type: String }) fromStatus: string | null;
  @ApiProperty({ nullable: true, type: String }) toStatus: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) fromCoachId?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) toCoachId?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Staff only.' }) reason?: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only.' }) actorId?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Staff only: who made the change.' })
  actorName?: string | null;
}

export class StageWeeksView {
  @ApiProperty() stage: string;
  @ApiProperty({ format: 'date-time' }) enteredAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) leftAt: string | null;
  @ApiProperty({ description: 'Active weeks, paused time excluded.' }) activeWeeks: number;
  @ApiProperty() pausedDays: number;
}

export class DurationsView {
  @ApiProperty({ type: [StageWeeksView], description: 'Each stay in a stage, in order.' })
  visits: StageWeeksView[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Active weeks per stage (all stays added up).',
  })
  activeWeeksByStage: Record<string, number>;
  @ApiProperty() currentStageActiveWeeks: number;
  @ApiProperty() activeWeeks: number;
  @ApiProperty() pausedWeeks: number;
  @ApiProperty() elapsedWeeks: number;
  @ApiProperty({ nullable: true, type: Number }) remainingPlannedWeeks: number | null;
}

export class GuardView {
  @ApiProperty() guard: string;
  @ApiProperty() met: boolean;
  @ApiProperty() message: string;
  @ApiProperty({ nullable: true, type: Number }) required: number | null;
  @ApiProperty({ nullable: true, type: Number }) actual: number | null;
}

export class NextMoveView {
  @ApiProperty() target: string;
  @ApiProperty({ type: [GuardView] }) guards: GuardView[];
}

export class GoalRatingView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) goalId: string;
  @ApiProperty({ minimum: -2, maximum: 2 }) rating: number;
  @ApiProperty() ratedBy: string;
  @ApiProperty({ format: 'date-time' }) ratedAt: string;
}

export class GoalView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) linkUpId: string;
  @ApiProperty({ format: 'uuid' }) familyId: string;
  @ApiProperty() text: string;
  @ApiProperty() theme: string;
  @ApiProperty() status: string;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({
    type: [GoalRatingView],
    description: 'Newest first (absent in the answer to a change).',
  })
  ratings?: GoalRatingView[];
}

export class SmallWinView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) linkUpId: string;
  @ApiProperty({ format: 'uuid', description: 'Whose win it is.' }) familyId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) goalId: string | null;
  @ApiProperty() text: string;
  @ApiProperty({ format: 'date' }) occurredOn: string;
  @ApiProperty() visibility: string;
  @ApiProperty({ description: 'The role of who recorded it (family or staff).' }) recordedByRole: string;
}

export class GetTogetherView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) linkUpId: string;
  @ApiProperty({ format: 'date' }) heldOn: string;
  @ApiProperty() kind: string;
  @ApiProperty() childrenInvolved: boolean;
  @ApiProperty() recordedByRole: string;
}

export class LinkUpDetailsView extends LinkUpSummaryView {
  @ApiProperty({ type: [HistoryEntryView], description: 'The stage history, oldest first.' })
  history: HistoryEntryView[];
  @ApiProperty({ type: DurationsView }) durations: DurationsView;
  @ApiProperty({ description: 'How many times the coach changed.' }) coachChanges: number;
  @ApiProperty({
    type: NextMoveView,
    nullable: true,
    description: 'Staff only: the guards of the next move forward, met or not.',
  })
  nextMove: NextMoveView | null;
  @ApiPropertyOptional({
    nullable: true,
    type: Boolean,
    description: 'Family users: whether the partner family shares its goals and small wins now.',
  })
  partnerShares: boolean | null;
  @ApiProperty({ type: [GoalView] }) goals: GoalView[];
  @ApiProperty({ type: [SmallWinView] }) smallWins: SmallWinView[];
  @ApiProperty({ type: [GetTogetherView] }) getTogethers: GetTogetherView[];
  @ApiProperty({
    type: FeedbackView,
    description: 'The three viewpoints over time: staff see every line with words; a family its own line.',
  })
  feedback: FeedbackView;
}

export class OutcomeMeasureView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) familyId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) linkUpId: string | null;
  @ApiProperty() instrument: string;
  @ApiProperty() timepoint: string;
  @ApiProperty({ nullable: true, type: Number }) score: number | null;
  @ApiProperty() declined: boolean;
  @ApiProperty({ nullable: true, type: String }) declineReason: string | null;
  @ApiProperty({ format: 'date-time' }) administeredAt: string;
  @ApiProperty() assessedBy: string;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
}

/** `staff` false: a family user, who does not see the coach's closure reason. */
export const toLinkUpSummaryView = (
  { linkUp, seekingFamilyName, sharingFamilyName, coachName, coachEmail }: LinkUpSummary,
  staff = true,
): LinkUpSummaryView => ({
  id: linkUp.id,
  siteId: linkUp.siteId,
  stage: linkUp.stage,
  status: linkUp.status,
  version: linkUp.version,
  seekingFamily: { id: linkUp.seekingFamilyId, displayName: seekingFamilyName },
  sharingFamily: { id: linkUp.sharingFamilyId, displayName: sharingFamilyName },
  coach: { id: linkUp.coachId, displayName: coachName, email: coachEmail },
  startedAt: linkUp.startedAt.toISOString(),
  plannedWeeks: linkUp.plannedWeeks,
  pausedSince: iso(linkUp.pausedSince),
  endedAt: iso(linkUp.endedAt),
  closureReason: staff ? linkUp.closureReason : null,
  previousLinkUpId: staff ? linkUp.previousLinkUpId : null,
});

/** Family users see when and where the link-up moved; reasons and who moved it stay with staff. */
const toHistoryEntry = (
  event: LinkUpEvent,
  staff: boolean,
  actorNames: ReadonlyMap<string, string>,
): HistoryEntryView => ({
  kind: event.kind,
  fromStage: event.fromStage,
  toStage: event.toStage,
  fromStatus: event.fromStatus,
  toStatus: event.toStatus,
  at: event.at.toISOString(),
  ...(staff
    ? {
        fromCoachId: event.fromCoachId,
        toCoachId: event.toCoachId,
        reason: event.reason,
        actorId: event.actorId,
        actorName: actorNames.get(event.actorId) ?? null,
      }
    : {}),
});

export const toGoalRatingView = (rating: GoalRating): GoalRatingView => ({
  id: rating.id,
  goalId: rating.goalId,
  rating: rating.rating,
  ratedBy: rating.ratedBy,
  ratedAt: rating.ratedAt.toISOString(),
});

export const toGoalView = ({ goal, ratings }: GoalWithRatings): GoalView => ({
  id: goal.id,
  linkUpId: goal.linkUpId,
  familyId: goal.familyId,
  text: goal.text,
  theme: goal.theme,
  status: goal.status,
  version: goal.version,
  createdAt: goal.createdAt.toISOString(),
  ratings: ratings.map(toGoalRatingView),
});

export const toSmallWinView = (win: SmallWin): SmallWinView => ({
  id: win.id,
  linkUpId: win.linkUpId,
  familyId: win.familyId,
  goalId: win.goalId,
  text: win.text,
  occurredOn: win.occurredOn,
  visibility: win.visibility,
  recordedByRole: win.recordedByRole,
});

export const toGetTogetherView = (g: GetTogether): GetTogetherView => ({
  id: g.id,
  linkUpId: g.linkUpId,
  heldOn: g.heldOn,
  kind: g.kind,
  childrenInvolved: g.childrenInvolved,
  recordedByRole: g.recordedByRole,
});

export const toOutcomeMeasureView = (m: OutcomeMeasure): OutcomeMeasureView => ({
  id: m.id,
  familyId: m.familyId,
  linkUpId: m.linkUpId,
  instrument: m.instrument,
  timepoint: m.timepoint,
  score: m.score,
  declined: m.declined,
  declineReason: m.declineReason,
  administeredAt: m.administeredAt.toISOString(),
  assessedBy: m.assessedBy,
  recordedBy: m.recordedBy,
});

export const toLinkUpDetailsView = (details: LinkUpDetails): LinkUpDetailsView => {
  const staff = details.viewer.kind === 'staff';
  const d = details.durations;
  return {
    ...toLinkUpSummaryView(details.summary, staff),
    history: details.history.map((event) => toHistoryEntry(event, staff, details.actorNames)),
    durations: {
      visits: d.visits.map((v) => ({
        stage: v.stage,
        enteredAt: v.enteredAt.toISOString(),
        leftAt: iso(v.leftAt),
        activeWeeks: v.activeWeeks,
        pausedDays: Math.floor((v.pausedMs / 86_400_000) * 10) / 10,
      })),
      activeWeeksByStage: Object.fromEntries(
        Object.entries(d.byStage).map(([stage, total]) => [stage, total.activeWeeks]),
      ),
      currentStageActiveWeeks: d.currentStageActiveWeeks,
      activeWeeks: d.activeWeeks,
      pausedWeeks: d.pausedWeeks,
      elapsedWeeks: d.elapsedWeeks,
      remainingPlannedWeeks: d.remainingPlannedWeeks,
    },
    coachChanges: details.coachChanges,
    nextMove:
      details.nextMove === null
        ? null
        : {
            target: details.nextMove.target,
            guards: details.nextMove.guards.map((g) => ({
              guard: g.guard,
              met: g.met,
              message: g.message,
              required: g.required,
              actual: g.actual,
            })),
          },
    partnerShares: details.viewer.kind === 'family' ? details.viewer.partnerShares : null,
    goals: details.goals.map(toGoalView),
    smallWins: details.smallWins.map(toSmallWinView),
    getTogethers: details.getTogethers.map(toGetTogetherView),
    feedback: toFeedbackView(details.feedback),
  };
};
