import {
  EXCLUSION_LIFT_REASONS,
  MATCH_DECISIONS,
  SHARING_FAMILY_ANSWERS,
  type ExclusionLiftReason,
  type MatchDecision,
  type SharingFamilyAnswer,
} from '@app/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsUUID,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';

/** Optional, but not nullable: `null` is validated (and refused) like any other value. */
const NotNull = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

export class ProposeShortlistDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  seekingFamilyId: string;

  @ApiProperty({ type: [String], minItems: 1, maxItems: 10, description: 'Sharing families to offer.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  sharingFamilyIds: string[];

  @ApiPropertyOptional({
    description: 'Offer pairs the family declined before (a coach overriding the decline).',
  })
  @NotNull()
  @IsBoolean()
  overrideDeclined?: boolean;
}

export class RecordDecisionDto {
  @ApiProperty({
    enum: MATCH_DECISIONS,
    description:
      'chose: the family chose sharingFamilyId; declined: none of them; more_options: asked for more.',
  })
  @IsIn(MATCH_DECISIONS)
  decision: MatchDecision;

  @ApiProperty({ description: 'The proposal’s current version; a stale one is 409 VERSION_CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required with chose.' })
  @ValidateIf((o: RecordDecisionDto) => o.decision === 'chose' || o.sharingFamilyId !== undefined)
  @IsUUID()
  sharingFamilyId?: string;

  @ApiPropertyOptional({
    description:
      'With chose: whether the Sharing family accepted, if already known. Omitted, the shortlist waits for its answer (status awaiting_sharing_family; POST /api/match-proposals/:id/sharing-family-answer).',
  })
  @NotNull()
  @IsBoolean()
  sharingFamilyAccepted?: boolean;

  @ApiPropertyOptional({ minimum: 10, maximum: 30, description: 'Planned length of the link-up in weeks.' })
  @NotNull()
  @IsInt()
  @Min(10)
  @Max(30)
  plannedWeeks?: number;
}

export class CohortDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  siteId: string;

  @ApiPropertyOptional({ type: [String], description: 'Only these waiting Seeking families.' })
  @NotNull()
  @IsArray()
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  seekingFamilyIds?: string[];

  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'Bonus per week waited (fit is 0..1).' })
  @NotNull()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  fairnessPerWeekWaiting?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 104 })
  @NotNull()
  @IsInt()
  @Min(0)
  @Max(104)
  fairnessMaxWeeks?: number;
}

export class SharingFamilyAnswerDto {
  @ApiProperty({ enum: SHARING_FAMILY_ANSWERS, description: 'The Sharing family’s answer to being chosen.' })
  @IsIn(SHARING_FAMILY_ANSWERS)
  answer: SharingFamilyAnswer;

  @ApiProperty({ description: 'The proposal’s current version; a stale one is 409 VERSION_CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ minimum: 10, maximum: 30, description: 'Planned length of the link-up in weeks.' })
  @NotNull()
  @IsInt()
  @Min(10)
  @Max(30)
  plannedWeeks?: number;
}

export class LiftExclusionDto {
  @ApiProperty({
    enum: EXCLUSION_LIFT_REASONS,
    description: 'Why the pair may be proposed again (a decline recorded by mistake, say).',
  })
  @IsIn(EXCLUSION_LIFT_REASONS)
  reason: ExclusionLiftReason;
}
