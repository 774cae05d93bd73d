import { PERIOD_BOUND_PATTERN, PERIOD_BOUND_PROBLEM } from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID, Matches } from 'class-validator';

const PERIOD =
  'A month (YYYY-MM, UTC; days are refused, so no period can single out a start date); the period covers link-ups started within it.';

export class ReportQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this site (default: every site in your scope).' })
  @IsOptional()
  @IsUUID()
  siteId?: string;

  @ApiPropertyOptional({
    example: '2025-01',
    description: `First month of the period (inclusive). ${PERIOD}`,
  })
  @IsOptional()
  @Matches(PERIOD_BOUND_PATTERN, { message: PERIOD_BOUND_PROBLEM('from') })
  from?: string;

  @ApiPropertyOptional({
    example: '2025-06',
    description: `Last month of the period (inclusive). ${PERIOD}`,
  })
  @IsOptional()
  @Matches(PERIOD_BOUND_PATTERN, { message: PERIOD_BOUND_PROBLEM('to') })
  to?: string;
}

export class ExportQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({
    default: false,
    description: 'Start the file with a UTF-8 byte order mark, for Excel.',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  bom?: boolean;
}
