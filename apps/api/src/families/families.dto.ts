import {
  CONSENT_KINDS,
  FAMILY_KINDS,
  FAMILY_LIST_SORTS,
  PERSON_ROLES,
  SEEKING_FAMILY_STATUSES,
  SHARING_FAMILY_STATUSES,
  type ConsentKind,
  type FamilyKind,
  type FamilyListSort,
  type FamilyStatus,
  type PersonRole,
} from '@app/core';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsISO8601,
  IsLatitude,
  IsLongitude,
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
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../users/users.dto';

/** Optional, but not nullable: `null` is validated (and refused) like any other value. */
const NotNull = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const VOCAB_NOTE = 'Keys of the programme vocabulary (GET /api/settings → vocabularies.';

/**
 * An optional list of vocabulary keys where `null` means unknown (matching leaves unknown factors
 * out of the score): unique strings, at most `max`. The keys themselves are checked against the
 * programme settings by the service.
 */
function VocabularyKeys(max: number, description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: [String], nullable: true, description }),
    IsOptional(),
    IsArray(),
    ArrayUnique(),
    ArrayMaxSize(max),
    IsString({ each: true }),
  );
}
const POSTCODE = /^\d{4}$/;

export class AvoidanceDto {
  @ApiProperty({ enum: ['trait', 'suburb', 'same_suburb'] })
  @IsIn(['trait', 'suburb', 'same_suburb'])
  kind: 'trait' | 'suburb' | 'same_suburb';

  @ApiPropertyOptional({ description: 'A household trait key (trait) or a suburb name (suburb).' })
  @ValidateIf((o: AvoidanceDto) => o.kind !== 'same_suburb')
  @IsString()
  @Length(1, 80)
  value?: string;
}

/** The descriptive fields shared by registering and changing a family. */
class FamilyProfileDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Salisbury', minLength: 1, maxLength: 80 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 80)
  suburb?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '5108',
    pattern: '^\\d{4}$',
    description: 'Australian postcode: 4 digits.',
  })
  @IsOptional()
  @Matches(POSTCODE, { message: 'postcode must be 4 digits' })
  postcode?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: -34.76, minimum: -90, maximum: 90 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'latitude must be a number' })
  @IsLatitude({ message: 'latitude must be between -90 and 90' })
  latitude?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 138.64, minimum: -180, maximum: 180 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'longitude must be a number' })
  @IsLongitude({ message: 'longitude must be between -180 and 180' })
  longitude?: number | null;

  @ApiPropertyOptional({ type: [String], description: `${VOCAB_NOTE}languages).` })
  @NotNull()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  languages?: string[];

  @ApiPropertyOptional()
  @NotNull()
  @IsBoolean()
  interpreterNeeded?: boolean;

  @ApiPropertyOptional({
    description: 'An interpreter is arranged: matching does not require a shared language.',
  })
  @NotNull()
  @IsBoolean()
  interpreterArranged?: boolean;

  @VocabularyKeys(20, `${VOCAB_NOTE}interests). null = unknown.`)
  interests?: string[] | null;

  @VocabularyKeys(20, `${VOCAB_NOTE}lifeExperiences).`)
  lifeExperiences?: string[] | null;

  @VocabularyKeys(20, `Seeking families. ${VOCAB_NOTE}goalThemes).`)
  goalThemes?: string[] | null;

  @VocabularyKeys(20, `Sharing families. ${VOCAB_NOTE}strengths).`)
  strengths?: string[] | null;

  @VocabularyKeys(20, `${VOCAB_NOTE}availabilitySlots).`)
  availabilitySlots?: string[] | null;

  @VocabularyKeys(10, `${VOCAB_NOTE}ageBands).`)
  childrenAgeBands?: string[] | null;

  @VocabularyKeys(10, `Sharing families. ${VOCAB_NOTE}householdTraits).`)
  householdTraits?: string[] | null;

  @ApiPropertyOptional({ type: [AvoidanceDto], description: 'Seeking families: never matched with these.' })
  @NotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AvoidanceDto)
  avoidances?: AvoidanceDto[];

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 3,
    description: 'Sharing families: link-ups at once (default 1).',
  })
  @NotNull()
  @IsInt()
  @Min(1)
  @Max(3)
  maxConcurrentLinkUps?: number;
}

export class RegisterFamilyDto extends FamilyProfileDto {
  @ApiProperty({ enum: FAMILY_KINDS })
  @IsIn(FAMILY_KINDS)
  kind: FamilyKind;

  @ApiProperty({ example: 'The Nguyen family', description: 'The household’s preferred display name.' })
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  displayName: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  siteId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the calling coach.' })
  @IsOptional()
  @IsUUID()
  primaryCoachId?: string;
}

export class UpdateFamilyDto extends FamilyProfileDto {
  @ApiProperty({ description: 'The version the change is based on; a stale one is 409 VERSION_CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional()
  @NotNull()
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  displayName?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  primaryCoachId?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Sharing families: training completed.',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  trainingCompletedAt?: string | null;
}

const FAMILY_STATUSES = [...SEEKING_FAMILY_STATUSES, ...SHARING_FAMILY_STATUSES] as const;

export class ListFamiliesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Part of the household name, a person’s preferred name or the suburb (any case).',
    maxLength: 80,
  })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  q?: string;

  @ApiPropertyOptional({ enum: FAMILY_KINDS })
  @IsOptional()
  @IsIn(FAMILY_KINDS)
  kind?: FamilyKind;

  @ApiPropertyOptional({ enum: FAMILY_STATUSES })
  @IsOptional()
  @IsIn(FAMILY_STATUSES)
  status?: FamilyStatus;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only the site’s families (admins; others see one site).',
  })
  @IsOptional()
  @IsUUID()
  siteId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only families whose primary coach this is.' })
  @IsOptional()
  @IsUUID()
  coachId?: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 520,
    description: 'Only families waiting (for a shortlist or a place) at least this many whole weeks.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(520)
  waitingMinWeeks?: number;

  @ApiPropertyOptional({
    enum: FAMILY_LIST_SORTS,
    default: 'name',
    description:
      'name: household name; waiting: weeks waiting (families not waiting last); status: lifecycle order; updated: last change.',
  })
  @IsOptional()
  @IsIn(FAMILY_LIST_SORTS)
  sort?: FamilyListSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

class PersonFieldsDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    minLength: 1,
    maxLength: 160,
    description: 'Staff only; never shown to families.',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 160)
  legalName?: string | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1900, maximum: 2100 })
  @IsOptional()
  @IsInt()
  @Min(1900)
  @Max(2100)
  birthYear?: number | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 64,
    description: 'A key of vocabularies.ageBands.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  ageBand?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 40 })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  pronouns?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 64,
    description: 'A key of vocabularies.languages.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  language?: string | null;

  @ApiPropertyOptional()
  @NotNull()
  @IsBoolean()
  interpreterNeeded?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  communicationNeeds?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    minLength: 3,
    maxLength: 40,
    description: 'Adults: Working With Children Check number (staff only).',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(3, 40)
  wwccNumber?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Adults: check expiry (YYYY-MM-DD).',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'wwccExpiresOn must be a date (YYYY-MM-DD)' })
  wwccExpiresOn?: string | null;
}

export class AddPersonDto extends PersonFieldsDto {
  @ApiProperty({ enum: PERSON_ROLES })
  @IsIn(PERSON_ROLES)
  role: PersonRole;

  @ApiProperty({ example: 'Mai', description: 'What the person likes to be called: shown everywhere.' })
  @Transform(trim)
  @IsString()
  @Length(1, 80)
  preferredName: string;
}

export class UpdatePersonDto extends PersonFieldsDto {
  @ApiProperty({ description: 'The version the change is based on; a stale one is 409 VERSION_CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional()
  @NotNull()
  @Transform(trim)
  @IsString()
  @Length(1, 80)
  preferredName?: string;
}

export class ConsentChangeDto {
  @ApiProperty({ enum: CONSENT_KINDS })
  @IsIn(CONSENT_KINDS)
  kind: ConsentKind;

  @ApiProperty({ enum: ['grant', 'withdraw'] })
  @IsIn(['grant', 'withdraw'])
  action: 'grant' | 'withdraw';
}

export class ChangeStatusDto {
  @ApiProperty({ example: 'approved', description: 'The lifecycle status to move to (DESIGN §4.1).' })
  @IsString()
  @Length(1, 16)
  to: string;

  @ApiProperty({ description: 'The family’s current version; a stale one is 409 VERSION_CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({
    description: 'The calling coach or supervisor signs the Sharing family off (approval guard).',
  })
  @IsOptional()
  @IsBoolean()
  signOff?: boolean;
}

export class RecordExclusionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  sharingFamilyId: string;

  @ApiProperty({ enum: ['known_to_each_other', 'declined', 'ended_badly', 'other'] })
  @IsIn(['known_to_each_other', 'declined', 'ended_badly', 'other'])
  reason: 'known_to_each_other' | 'declined' | 'ended_badly' | 'other';
}

export class SuggestionsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 50, description: 'Default: the programme’s suggestion limit.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;

  @ApiPropertyOptional({ description: 'Include pairs the family declined before (a coach overriding).' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeDeclined?: boolean;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 500,
    default: 50,
    description: 'How many excluded families to list.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(500)
  excludedLimit?: number;
}
