import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { LinkUpsModule } from '../link-ups/link-ups.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SettingsModule } from '../settings/settings.module';
import { TransactionModule } from '../transaction/transaction.module';
import { LinkUpFeedbackRepository } from './link-up-feedback.repository';
import { LinkUpFeedbackService } from './link-up-feedback.service';

@Module({
  imports: [TransactionModule, LinkUpsModule, NotificationsModule, SettingsModule, AuditModule],
  providers: [LinkUpFeedbackRepository, LinkUpFeedbackService],
  exports: [LinkUpFeedbackService],
})
export class FeedbackModule {}
