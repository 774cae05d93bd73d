import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FamiliesModule } from '../families';
import { TransactionModule } from '../transaction';
import { UsersModule } from '../users';
import { Notification } from './notification.entity';
import { NotificationsService } from './notifications.service';
import { SharingFamilyHoldsService } from './sharing-family-holds.service';

@Module({
  imports: [TypeOrmModule.forFeature([Notification]), TransactionModule, UsersModule, FamiliesModule],
  providers: [NotificationsService, SharingFamilyHoldsService],
  exports: [NotificationsService, SharingFamilyHoldsService],
})
export class NotificationsModule {}
