import { SitesModule } from '../sites';
import { TransactionModule } from '../transaction';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { SettingsModule } from '../settings';
import { UsersModule } from '../users';
import { Consent } from './consent.entity';
import { ConsentsService } from './consents.service';
import { FamiliesService } from './families.service';
import { Family } from './family.entity';
import { Person } from './person.entity';
import { UserFamiliesModule } from './user-families.module';

@Module({
  imports: [
    TypeOrmModule.forFeature([Family, Person, Consent]),
    AuditModule,
    UsersModule,
    SettingsModule,
    SitesModule,
    TransactionModule,
    UserFamiliesModule,
  ],
  providers: [FamiliesService, ConsentsService],
  exports: [FamiliesService, ConsentsService],
})
export class FamiliesModule {}
