import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { FamiliesModule } from '../families';
import { LinkUpsModule } from '../link-ups';
import { SettingsModule } from '../settings';
import { GetTogether } from './get-together.entity';
import { GetTogethersService } from './get-togethers.service';
import { GoalRating } from './goal-rating.entity';
import { Goal } from './goal.entity';
import { GoalsService } from './goals.service';
import { JourneyViewers } from './journey-viewers.service';
import { SmallWin } from './small-win.entity';
import { SmallWinsService } from './small-wins.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Goal, GoalRating, SmallWin, GetTogether]),
    AuditModule,
    FamiliesModule,
    LinkUpsModule,
    SettingsModule,
  ],
  providers: [GoalsService, SmallWinsService, GetTogethersService, JourneyViewers],
  exports: [GoalsService, SmallWinsService, GetTogethersService, JourneyViewers],
})
export class JourneyModule {}
