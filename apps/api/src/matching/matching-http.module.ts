import { FamiliesModule, MatchingModule } from '@app/core';
import { Module } from '@nestjs/common';
import {
  CohortMatchingController,
  FamilyMatchingController,
  MatchProposalsController,
} from './matching.controller';

/** The matching routes: controllers and the core modules they call. */
@Module({
  imports: [MatchingModule, FamiliesModule],
  controllers: [FamilyMatchingController, MatchProposalsController, CohortMatchingController],
})
export class MatchingHttpModule {}
