import {
  CHECK_IN_MODES,
  CHECK_IN_PARTIES_STORED,
  CHECK_IN_VIEWS,
  CONCERN_SEVERITIES,
  CONCERN_SOURCES,
  CONCERN_STATUSES,
  LINK_UP_EFFECTS,
  TRIAGE_DECISIONS,
  type CheckInMode,
  type CheckInParty,
  type CheckInView,
  type ConcernSeverity,
  type ConcernSource,
  type ConcernStatus,
  type LinkUpEffect,
  type TriageDecision,
} from '@app/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../users/users.dto';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;
/** Optional, but not nullable: `null` is validated (and refused) like any other value. */
const NotNull = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

export class ListCheckInsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: CHECK_IN_VIEWS,
    default: 'open',
    description: 'due, missed, upcoming (scheduled), completed, cancelled, open (all three not held), all',
  })
  @IsOptional()
  @IsIn(CHECK_IN_VIEWS)
  view?: CheckInView;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  linkUpId?: string;

  @ApiPropertyOptional({ enum: CHECK_IN_PARTIES_STORED })
  @IsOptional()
  @IsIn(CHECK_IN_PARTIES_STORED)
  party?: CheckInParty;

  @ApiPropertyOptional({ format: 'uuid', description: 'Check-ins of this coach’s link-ups.' })
  @IsOptional()
  @IsUUID()
  coachId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Due at or after.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Due before.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueTo?: string;
}

export class CheckInConcernDto {
  @ApiProperty({ enum: CONCERN_SEVERITIES })
  @IsIn(CONCERN_SEVERITIES)
  severity: ConcernSeverity;

  @ApiProperty({
    description: 'What was seen or said (staff-only; never shown to families).',
    maxLength: 4000,
  })
  @Transform(trim)
  @IsString()
  @Length(1, 4000)
  description: string;

  @ApiPropertyOptional({ enum: CONCERN_SOURCES, default: 'staff', description: 'family: a family’s worry.' })
  @NotNull()
  @IsIn(CONCERN_SOURCES)
  source?: ConcernSource;

  @ApiPropertyOptional({ format: 'uuid', description: 'Which of the link-up’s families it is about.' })
  @NotNull()
  @IsUUID()
  familyId?: string;
}

export class CompleteCheckInDto {
  @ApiProperty({ format: 'date-time', description: 'When it was held (not in the future).' })
  @IsISO8601({ strict: true })
  heldAt: string;

  @ApiProperty({ enum: CHECK_IN_MODES })
  @IsIn(CHECK_IN_MODES)
  mode: CheckInMode;

  @ApiPropertyOptional({ description: 'Staff-only notes (never shown to families, never exported).' })
  @NotNull()
  @IsString()
  @MaxLength(4000)
  notes?: string;

  @ApiProperty({ minimum: 1, maximum: 5, description: 'How the families’ relationship is going (1–5).' })
  @IsInt()
  @Min(1)
  @Max(5)
  relationshipRating: number;

  @ApiProperty({ minimum: 1, maximum: 5, description: 'How the family is going (1–5).' })
  @IsInt()
  @Min(1)
  @Max(5)
  wellbeingRating: number;

  @ApiProperty({ minimum: 1, description: 'The version read: a stale one is 409 VERSION_CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ type: CheckInConcernDto, description: 'A worry raised at the check-in.' })
  @NotNull()
  @ValidateNested()
  @Type(() => CheckInConcernDto)
  concern?: CheckInConcernDto;
}

export class RaiseConcernDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The link-up it is about (or give familyId).' })
  @NotNull()
  @IsUUID()
  linkUpId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The family it is about (or give linkUpId).' })
  @NotNull()
  @IsUUID()
  familyId?: string;

  @ApiProperty({ enum: CONCERN_SEVERITIES })
  @IsIn(CONCERN_SEVERITIES)
  severity: ConcernSeverity;

  @ApiProperty({
    description: 'What was seen or said (staff-only; never shown to families).',
    maxLength: 4000,
  })
  @Transform(trim)
  @IsString()
  @Length(1, 4000)
  description: string;

  @ApiPropertyOptional({
    enum: CONCERN_SOURCES,
    default: 'staff',
    description: 'family: a family’s worry, raised by its coach.',
  })
  @NotNull()
  @IsIn(CONCERN_SOURCES)
  source?: ConcernSource;
}

export class ListConcernsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CONCERN_STATUSES })
  @IsOptional()
  @IsIn(CONCERN_STATUSES)
  status?: ConcernStatus;

  @ApiPropertyOptional({ enum: CONCERN_SEVERITIES })
  @IsOptional()
  @IsIn(CONCERN_SEVERITIES)
  severity?: ConcernSeverity;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  linkUpId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  familyId?: string;

  @ApiPropertyOptional({ description: 'Only open concerns past their triage deadline.' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  triageOverdue?: boolean;
}

export class TriageConcernDto {
  @ApiProperty({ enum: TRIAGE_DECISIONS })
  @IsIn(TRIAGE_DECISIONS)
  decision: TriageDecision;

  @ApiProperty({
    enum: LINK_UP_EFFECTS,
    description: 'none, pause (the link-up), resume (a paused one), end (early, for a safety concern)',
  })
  @IsIn(LINK_UP_EFFECTS)
  linkUpEffect: LinkUpEffect;

  @ApiPropertyOptional({ default: false, description: 'Close the concern with this entry.' })
  @NotNull()
  @IsBoolean()
  close?: boolean;

  @ApiPropertyOptional({ enum: CONCERN_SEVERITIES, description: 'A changed severity (an amendment).' })
  @NotNull()
  @IsIn(CONCERN_SEVERITIES)
  severity?: ConcernSeverity;

  @ApiPropertyOptional({ description: 'Staff-only note of the decision.', maxLength: 4000 })
  @NotNull()
  @IsString()
  @MaxLength(4000)
  note?: string;

  @ApiProperty({ minimum: 1, description: 'The version read: a stale one is 409 VERSION_CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;
}

export class ListNotificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unreadOnly?: boolean;
}
