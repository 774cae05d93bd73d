import { FEEDBACK_RATING_MAX, FEEDBACK_RATING_MIN, FEEDBACK_WORDS_MAX } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';

export class GiveFeedbackDto {
  @ApiProperty({
    minimum: FEEDBACK_RATING_MIN,
    maximum: FEEDBACK_RATING_MAX,
    description: 'How the relationship between the families is going (1 not well … 5 very well).',
  })
  @IsInt()
  @Min(FEEDBACK_RATING_MIN)
  @Max(FEEDBACK_RATING_MAX)
  relationship: number;

  @ApiProperty({
    minimum: FEEDBACK_RATING_MIN,
    maximum: FEEDBACK_RATING_MAX,
    description: 'How things are changing for the Seeking family (1 worse … 5 much better).',
  })
  @IsInt()
  @Min(FEEDBACK_RATING_MIN)
  @Max(FEEDBACK_RATING_MAX)
  change: number;

  @ApiPropertyOptional({
    maxLength: FEEDBACK_WORDS_MAX,
    description: 'Optional words for the coach: only staff read them; never exported.',
  })
  @ValidateIf((_object: object, value: unknown) => value !== undefined)
  @IsString()
  @MaxLength(FEEDBACK_WORDS_MAX)
  words?: string;
}
