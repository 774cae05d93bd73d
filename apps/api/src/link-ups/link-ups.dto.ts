import {
  END_EARLY_REASONS,
  GET_TOGETHER_KINDS,
  GOAL_RATERS,
  GOAL_RATING_MAX,
  GOAL_RATING_MIN,
  GOAL_STATUSES,
  GOAL_TEXT_MAX,
  LINK_UP_STAGES,
  LINK_UP_STATUSES,
  OUTCOME_ASSESSORS,
  OUTCOME_DECLINE_REASONS,
  OUTCOME_TIMEPOINTS,
  REASON_TEXT_MAX,
  SMALL_WIN_TEXT_MAX,
  SMALL_WIN_VISIBILITIES,
  TRANSITION_TARGETS,
  type GetTogetherKind,
  type GoalRater,
  type GoalStatus,
  type LinkUpStage,
  type LinkUpStatus,
  type OutcomeAssessor,
  type OutcomeDeclineReason,
  type OutcomeTimepoint,
  type SmallWinVisibility,
  type TransitionTarget,
} from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '../users/users.dto';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/**
 * Optional, but not nullable: `null` is validated (and refused, 400 naming the field) like any other
 * value. Request bodies of this feature leave a field out to mean "not given"; they never send null.
 */
const NotNull = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

export class ListLinkUpsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: LINK_UP_STATUSES })
  @IsOptional()
  @IsIn(LINK_UP_STATUSES)
  status?: LinkUpStatus;

  @ApiPropertyOptional({ enum: LINK_UP_STAGES })
  @IsOptional()
  @IsIn(LINK_UP_STAGES)
  stage?: LinkUpStage;

  @ApiPropertyOptional({ format: 'uuid', description: 'Link-ups of this family (Seeking or Sharing).' })
  @IsOptional()
  @IsUUID()
  familyId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  coachId?: string;
}

export class TransitionDto {
  @ApiProperty({
    enum: TRANSITION_TARGETS,
    description:
      'A stage (the next one advances, the previous one moves back), or `paused`, `active` (resume), `completed`, `ended_early`.',
  })
  @IsIn(TRANSITION_TARGETS)
  to: TransitionTarget;

  @ApiPropertyOptional({
    maxLength: REASON_TEXT_MAX,
    description:
      'Why: required to move back or pause, and to end early with `other`; optional on an advance or a resume (recorded when given).',
  })
  @NotNull()
  @Transform(trim)
  @IsString()
  @MaxLength(REASON_TEXT_MAX)
  reason?: string;

  @ApiPropertyOptional({
    maxLength: 40,
    description: `Completing: the closure reason. Ending early: one of ${END_EARLY_REASONS.join(', ')}.`,
  })
  @NotNull()
  @Transform(trim)
  @IsString()
  @MaxLength(40)
  closureReason?: string;

  @ApiProperty({ description: 'The version the change is based on; a stale one is 409 VERSION_CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;
}

export class ReassignCoachDto {
  @ApiProperty({ format: 'uuid', description: 'An active coach (or supervisor) of the link-up’s site.' })
  @IsUUID()
  coachId: string;

  @ApiProperty({ minLength: 1, maxLength: REASON_TEXT_MAX })
  @Transform(trim)
  @IsString()
  @Length(1, REASON_TEXT_MAX)
  reason: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  version: number;
}

export class NewGoalDto {
  @ApiProperty({ minLength: 1, maxLength: GOAL_TEXT_MAX, description: 'The Seeking family’s own words.' })
  @Transform(trim)
  @IsString()
  @Length(1, GOAL_TEXT_MAX)
  text: string;

  @ApiProperty({ description: 'A key of the goal-theme vocabulary (programme settings).' })
  @IsString()
  @Length(1, 64)
  theme: string;
}

export class ReviseGoalDto {
  @ApiProperty({ description: 'The goal’s current version; a stale one is 409 VERSION_CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ minLength: 1, maxLength: GOAL_TEXT_MAX })
  @NotNull()
  @Transform(trim)
  @IsString()
  @Length(1, GOAL_TEXT_MAX)
  text?: string;

  @ApiPropertyOptional()
  @NotNull()
  @IsString()
  @Length(1, 64)
  theme?: string;

  @ApiPropertyOptional({ enum: GOAL_STATUSES })
  @NotNull()
  @IsIn(GOAL_STATUSES)
  status?: GoalStatus;
}

export class NewGoalRatingDto {
  @ApiProperty({
    minimum: GOAL_RATING_MIN,
    maximum: GOAL_RATING_MAX,
    description: 'Goal Attainment Scaling.',
  })
  @IsInt()
  @Min(GOAL_RATING_MIN)
  @Max(GOAL_RATING_MAX)
  rating: number;

  @ApiPropertyOptional({
    enum: GOAL_RATERS,
    description: 'Family users rate as `family`; staff default to `coach`.',
  })
  @NotNull()
  @IsIn(GOAL_RATERS)
  ratedBy?: GoalRater;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'ISO-8601. Defaults to now; not in the future, nor before the goal was written.',
  })
  @NotNull()
  @IsISO8601({ strict: true })
  ratedAt?: string;
}

export class NewSmallWinDto {
  @ApiProperty({ minLength: 1, maxLength: SMALL_WIN_TEXT_MAX })
  @Transform(trim)
  @IsString()
  @Length(1, SMALL_WIN_TEXT_MAX)
  text: string;

  @ApiProperty({
    format: 'date',
    example: '2026-03-02',
    description: 'Not in the future, nor before the link-up started.',
  })
  @IsString()
  @Matches(ISO_DATE, { message: 'occurredOn must be a date (YYYY-MM-DD)' })
  occurredOn: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A goal of this link-up the win moves on (one you may see).',
  })
  @NotNull()
  @IsUUID()
  goalId?: string;

  @ApiPropertyOptional({ enum: SMALL_WIN_VISIBILITIES, default: 'link_up' })
  @NotNull()
  @IsIn(SMALL_WIN_VISIBILITIES)
  visibility?: SmallWinVisibility;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Whose win: a family user’s own family; staff default to the Seeking family.',
  })
  @NotNull()
  @IsUUID()
  familyId?: string;
}

export class NewGetTogetherDto {
  @ApiProperty({
    format: 'date',
    example: '2026-03-02',
    description: 'Not in the future, nor before the link-up started.',
  })
  @IsString()
  @Matches(ISO_DATE, { message: 'heldOn must be a date (YYYY-MM-DD)' })
  heldOn: string;

  @ApiProperty({ enum: GET_TOGETHER_KINDS })
  @IsIn(GET_TOGETHER_KINDS)
  kind: GetTogetherKind;

  @ApiProperty()
  @IsBoolean()
  childrenInvolved: boolean;
}

export class NewOutcomeMeasureDto {
  @ApiProperty({
    example: 'K10',
    description:
      'K10, PWI, PSOC, DEX_CIRCUMSTANCES, DEX_GOALS, DEX_SATISFACTION, GAS_SUMMARY, or a custom one.',
  })
  @IsString()
  @Length(1, 40)
  instrument: string;

  @ApiProperty({ enum: OUTCOME_TIMEPOINTS })
  @IsIn(OUTCOME_TIMEPOINTS)
  timepoint: OutcomeTimepoint;

  @ApiPropertyOptional({
    description: 'Within the instrument’s range (K10 10–50, PWI 0–100, …); absent when declined.',
  })
  @NotNull()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  score?: number;

  @ApiPropertyOptional({ default: false })
  @NotNull()
  @IsBoolean()
  declined?: boolean;

  @ApiPropertyOptional({ enum: OUTCOME_DECLINE_REASONS, description: 'Required when declined.' })
  @NotNull()
  @IsIn(OUTCOME_DECLINE_REASONS)
  declineReason?: OutcomeDeclineReason;

  @ApiProperty({ enum: OUTCOME_ASSESSORS, description: 'Who answered: the family, the coach, or both.' })
  @IsIn(OUTCOME_ASSESSORS)
  assessedBy: OutcomeAssessor;

  @ApiPropertyOptional({ format: 'date-time', description: 'ISO-8601. Defaults to now; not in the future.' })
  @NotNull()
  @IsISO8601({ strict: true })
  administeredAt?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Which live link-up it belongs to (default: the only one). It must be in your caseload: a measure is never written into another coach’s link-up (404).',
  })
  @NotNull()
  @IsUUID()
  linkUpId?: string;
}
