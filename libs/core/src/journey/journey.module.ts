import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { FamiliesModule } from '../families';
import { LinkUpsModule } from '../link-ups';
import { SettingsModule } from '../settings';
import { TransactionModule } from '../transaction';
import { GetTogethersRepository } from './get-togethers.repository';
import { GetTogethersService } from './get-togethers.service';
import { GoalsRepository } from './goals.repository';
import { GoalsService } from './goals.service';
import { JourneyViewers } from './journey-viewers.service';
import { SmallWinsRepository } from './small-wins.repository';
import { SmallWinsService } from './small-wins.service';

@Module({
  imports: [TransactionModule, AuditModule, FamiliesModule, LinkUpsModule, SettingsModule],
  providers: [
    GoalsRepository,
    SmallWinsRepository,
    GetTogethersRepository,
    GoalsService,
    SmallWinsService,
    GetTogethersService,
    JourneyViewers,
  ],
  exports: [GoalsService, SmallWinsService, GetTogethersService, JourneyViewers],
})
export class JourneyModule {}
