import { JourneyModule, LinkUpStagesModule, LinkUpsModule, OutcomeMeasuresModule } from '@app/core';
import { Module } from '@nestjs/common';
import { GoalsController, LinkUpJourneyController } from './journey.controller';
import { LinkUpsController } from './link-ups.controller';
import { OutcomeMeasuresController } from './outcome-measures.controller';

/** The link-ups routes: controllers and the core modules they call. */
@Module({
  imports: [LinkUpsModule, LinkUpStagesModule, JourneyModule, OutcomeMeasuresModule],
  controllers: [LinkUpsController, LinkUpJourneyController, GoalsController, OutcomeMeasuresController],
})
export class LinkUpsHttpModule {}
