import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { LinkUpsModule } from '../link-ups/link-ups.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SettingsModule } from '../settings/settings.module';
import { FeedbackAlert } from './feedback-alert.entity';
import { LinkUpFeedback } from './link-up-feedback.entity';
import { LinkUpFeedbackService } from './link-up-feedback.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([LinkUpFeedback, FeedbackAlert]),
    LinkUpsModule,
    NotificationsModule,
    SettingsModule,
    AuditModule,
  ],
  providers: [LinkUpFeedbackService],
  exports: [LinkUpFeedbackService],
})
export class FeedbackModule {}
