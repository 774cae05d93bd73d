import { FamiliesModule } from '@app/core';
import { Module } from '@nestjs/common';
import { FamiliesController, PeopleController } from './families.controller';

/** The families routes: controllers and the core modules they call. */
@Module({
  imports: [FamiliesModule],
  controllers: [FamiliesController, PeopleController],
})
export class FamiliesHttpModule {}
