import { Module } from '@nestjs/common';
import { FamiliesModule } from '../families';
import { TransactionModule } from '../transaction';
import { UsersModule } from '../users';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { SharingFamilyHoldsService } from './sharing-family-holds.service';

@Module({
  imports: [TransactionModule, UsersModule, FamiliesModule],
  providers: [NotificationsRepository, NotificationsService, SharingFamilyHoldsService],
  exports: [NotificationsService, SharingFamilyHoldsService],
})
export class NotificationsModule {}
