import { ApiProperty } from '@nestjs/swagger';

export class OutcomeChangeRowView {
  @ApiProperty({ description: 'The instrument’s key (K10, PWI…).' }) instrument: string;
  @ApiProperty({ description: 'The instrument’s name in words.' }) label: string;
  @ApiProperty({ enum: ['exit', 'follow_up'], description: 'Baseline → this timepoint.' }) to: string;
  @ApiProperty({
    oneOf: [{ type: 'integer' }, { type: 'string', enum: ['n.p.'] }],
    description: 'Families with both measures; "n.p." (not published) from 1 to the threshold − 1.',
  })
  n: number | 'n.p.';
  @ApiProperty({ nullable: true, type: Number, description: 'Mean of (later − baseline).' })
  meanChange: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '95 % confidence interval, low end (t).' })
  ciLow: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '95 % confidence interval, high end (t).' })
  ciHigh: number | null;
}

export class OutcomeChangeFiltersView {
  @ApiProperty({ nullable: true, type: String, description: 'The site’s name, or null for every site.' })
  site: string | null;
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty({ nullable: true, type: String }) to: string | null;
}

export class OutcomeChangeView {
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: OutcomeChangeFiltersView }) filters: OutcomeChangeFiltersView;
  @ApiProperty() suppressionThreshold: number;
  @ApiProperty({ type: [OutcomeChangeRowView] }) rows: OutcomeChangeRowView[];
}
