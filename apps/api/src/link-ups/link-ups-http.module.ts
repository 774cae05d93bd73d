import {
  FeedbackModule,
  JourneyModule,
  LinkUpStagesModule,
  LinkUpsModule,
  OutcomeMeasuresModule,
} from '@app/core';
import { Module } from '@nestjs/common';
import { LinkUpFeedbackController } from './feedback.controller';
import { GoalsController, LinkUpJourneyController } from './journey.controller';
import { LinkUpsController } from './link-ups.controller';
import { OutcomeMeasuresController } from './outcome-measures.controller';

/** The link-ups routes: controllers and the core modules they call. */
@Module({
  imports: [LinkUpsModule, LinkUpStagesModule, JourneyModule, OutcomeMeasuresModule, FeedbackModule],
  controllers: [
    LinkUpsController,
    LinkUpJourneyController,
    GoalsController,
    OutcomeMeasuresController,
    LinkUpFeedbackController,
  ],
})
export class LinkUpsHttpModule {}
