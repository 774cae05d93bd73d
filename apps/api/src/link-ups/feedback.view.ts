import type { FeedbackAlert, FeedbackGiven, FeedbackLines } from '@app/core';
import { FEEDBACK_QUESTIONS, FEEDBACK_VIEWPOINTS } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FeedbackPointView {
  @ApiProperty({ description: 'The check-in period (1 = the link-up’s first period).' }) period: number;
  @ApiProperty({ minimum: 1, maximum: 5 }) relationship: number;
  @ApiProperty({ minimum: 1, maximum: 5 }) change: number;
  @ApiProperty({ format: 'date-time' }) givenAt: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Staff only: the optional words.' })
  words?: string | null;
}

export class FeedbackLineView {
  @ApiProperty({ enum: FEEDBACK_VIEWPOINTS }) viewpoint: string;
  @ApiProperty({ type: [FeedbackPointView], description: 'One answer per period, oldest first.' })
  points: FeedbackPointView[];
}

export class FeedbackAlertView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    enum: ['diverged', 'dropped'],
    description:
      'diverged: two viewpoints 2 or more apart on a question in a period; dropped: a family’s answer 2 or more below its previous one.',
  })
  kind: string;
  @ApiProperty() period: number;
  @ApiProperty({ enum: FEEDBACK_QUESTIONS }) question: string;
  @ApiProperty({
    enum: FEEDBACK_VIEWPOINTS,
    description: 'diverged: the lowest answer’s; dropped: the family’s.',
  })
  lowViewpoint: string;
  @ApiProperty({ description: 'diverged: the lowest answer; dropped: the new answer.' }) lowRating: number;
  @ApiProperty({
    enum: FEEDBACK_VIEWPOINTS,
    description: 'diverged: the highest answer’s; dropped: the family’s.',
  })
  highViewpoint: string;
  @ApiProperty({ description: 'diverged: the highest answer; dropped: the previous answer.' })
  highRating: number;
  @ApiProperty({ format: 'date-time' }) detectedAt: string;
}

export class FeedbackView {
  @ApiProperty({ description: 'The length of a check-in period in days (a programme setting).' })
  periodDays: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'The period an answer given now falls in; null once the link-up is closed.',
  })
  currentPeriod: number | null;
  @ApiProperty({
    type: [FeedbackLineView],
    description: 'Staff: the seeking, sharing and coach lines; a family user: its own line only.',
  })
  lines: FeedbackLineView[];
  @ApiProperty({ type: [FeedbackAlertView], description: 'Staff only (empty for a family user).' })
  alerts: FeedbackAlertView[];
}

export class FeedbackGivenView {
  @ApiProperty({ enum: FEEDBACK_VIEWPOINTS, description: 'Whose answer this was.' }) viewpoint: string;
  @ApiProperty({ description: 'The period it counts for.' }) period: number;
  @ApiProperty({ description: 'Whether it replaced an earlier answer of the same period.' })
  replaced: boolean;
  @ApiProperty({ type: FeedbackView }) feedback: FeedbackView;
}

const toAlertView = (alert: FeedbackAlert): FeedbackAlertView => ({
  id: alert.id,
  kind: alert.kind,
  period: alert.period,
  question: alert.question,
  lowViewpoint: alert.lowViewpoint,
  lowRating: alert.lowRating,
  highViewpoint: alert.highViewpoint,
  highRating: alert.highRating,
  detectedAt: alert.detectedAt.toISOString(),
});

export const toFeedbackView = (feedback: FeedbackLines): FeedbackView => ({
  periodDays: feedback.periodDays,
  currentPeriod: feedback.currentPeriod,
  lines: feedback.lines.map((line) => ({
    viewpoint: line.viewpoint,
    points: line.points.map((point) => ({
      period: point.period,
      relationship: point.relationship,
      change: point.change,
      givenAt: point.givenAt.toISOString(),
      ...(point.words !== undefined ? { words: point.words } : {}),
    })),
  })),
  alerts: feedback.alerts.map(toAlertView),
});

export const toFeedbackGivenView = (given: FeedbackGiven): FeedbackGivenView => ({
  viewpoint: given.viewpoint,
  period: given.period,
  replaced: given.replaced,
  feedback: toFeedbackView(given.feedback),
});
