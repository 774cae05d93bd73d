import { CheckInsModule, NotificationsModule, SafeguardingModule } from '@app/core';
import { Module } from '@nestjs/common';
import { CheckInsController } from './check-ins.controller';
import { NotificationsController } from './notifications.controller';
import { SafeguardingController } from './safeguarding.controller';

/** The check-ins routes: controllers and the core modules they call. */
@Module({
  imports: [CheckInsModule, SafeguardingModule, NotificationsModule],
  controllers: [CheckInsController, SafeguardingController, NotificationsController],
})
export class CheckInsHttpModule {}
