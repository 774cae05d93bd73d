import { END_EARLY_REASONS, FIT_BAND_KEYS } from '@app/domain';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

/** A count under the small-cell rule: a whole number, or "n.p." (not published). */
const count = (description: string): ApiPropertyOptions => ({
  oneOf: [{ type: 'integer' }, { type: 'string', enum: ['n.p.'] }],
  description,
});

export class FitBandView {
  @ApiProperty({ enum: FIT_BAND_KEYS }) key: string;
  @ApiProperty({ description: 'The band in words (e.g. "70–84%").' }) label: string;
  @ApiProperty({ type: 'integer', description: 'Lowest whole percentage in the band (inclusive).' })
  minPercent: number;
  @ApiProperty({ type: 'integer', description: 'Highest whole percentage in the band (inclusive).' })
  maxPercent: number;
}

export class EndedEarlyCountView {
  @ApiProperty({ enum: END_EARLY_REASONS }) reason: string;
  @ApiProperty(count('Link-ups ended early for this reason; "n.p." when withheld.'))
  count: number | 'n.p.';
}

export class GoalAttainmentChangeView {
  @ApiProperty(
    count(
      'Link-ups with a goal attainment change (a goal rated at least twice); "n.p." from 1 to the threshold − 1, or when a combined figure would give a withheld part away.',
    ),
  )
  n: number | 'n.p.';
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Mean change (last minus first rating, −4…+4), to two decimals.',
  })
  meanChange: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '95 % confidence interval, low end (t).' })
  ciLow: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '95 % confidence interval, high end (t).' })
  ciHigh: number | null;
}

export class CalibrationRowView {
  @ApiProperty({
    enum: [...FIT_BAND_KEYS, 'all'],
    description: 'The band, or `all` for every band together.',
  })
  band: string;
  @ApiProperty() label: string;
  @ApiProperty({ nullable: true, type: 'integer' }) minPercent: number | null;
  @ApiProperty({ nullable: true, type: 'integer' }) maxPercent: number | null;
  @ApiProperty(count('Link-ups that ended: completed and ended early.'))
  ended: number | 'n.p.';
  @ApiProperty(count('Link-ups completed.'))
  completed: number | 'n.p.';
  @ApiProperty({
    type: [EndedEarlyCountView],
    description: 'Ended early, by reason (every reason, in order).',
  })
  endedEarly: readonly EndedEarlyCountView[];
  @ApiProperty({ type: GoalAttainmentChangeView }) goalAttainmentChange: GoalAttainmentChangeView;
}

export class CalibrationFiltersView {
  @ApiProperty({ nullable: true, type: String, description: 'The site’s name, or null for every site.' })
  site: string | null;
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty({ nullable: true, type: String }) to: string | null;
}

export class MatchingCalibrationView {
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: CalibrationFiltersView }) filters: CalibrationFiltersView;
  @ApiProperty({ type: 'integer' }) suppressionThreshold: number;
  @ApiProperty({ type: [FitBandView], description: 'The bands of fit, lowest first.' })
  fitBands: readonly FitBandView[];
  @ApiProperty({ type: [CalibrationRowView], description: 'One row per band, lowest first.' })
  bands: readonly CalibrationRowView[];
  @ApiProperty({ type: CalibrationRowView, description: 'Every band together.' })
  allBands: CalibrationRowView;
  @ApiProperty({ type: [String], description: 'How to read the report: what is counted and how.' })
  notes: readonly string[];
}
