import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { LinkUpsModule } from '../link-ups';
import { NotificationsModule } from '../notifications';
import { SettingsModule } from '../settings';
import { TransactionModule } from '../transaction';
import { LinkUpFeedbackRepository } from './link-up-feedback.repository';
import { LinkUpFeedbackService } from './link-up-feedback.service';

@Module({
  imports: [TransactionModule, LinkUpsModule, NotificationsModule, SettingsModule, AuditModule],
  providers: [LinkUpFeedbackRepository, LinkUpFeedbackService],
  exports: [LinkUpFeedbackService],
})
export class FeedbackModule {}
