import { AppConfig, ConfigModule } from '@app/config';
import {
  AuditModule,
  AuthModule,
  Clock,
  ClockModule,
  DAY_MS,
  DemoModule,
  LoggingModule,
  SettingsModule,
  SitesModule,
  SystemClock,
  SystemModule,
  UsersModule,
} from '@app/core';
import { DatabaseModule } from '@app/database';
import { AccessGuard, HealthModule, MetricsModule } from '@app/http';
import { QueueModule } from '@app/queue';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditController } from './audit/audit.controller';
import { AuthController } from './auth/auth.controller';
import { FamilyInvitationsController } from './auth/invitations.controller';
import { CheckInsHttpModule } from './check-ins/check-ins-http.module';
import { ExportsHttpModule } from './exports/exports-http.module';
import { FamiliesHttpModule } from './families/families-http.module';
import { LinkUpsHttpModule } from './link-ups/link-ups-http.module';
import { MatchingHttpModule } from './matching/matching-http.module';
import { WorklistHttpModule } from './worklist/worklist-http.module';
import { MeController } from './me/me.controller';
import { SettingsController } from './settings/settings.controller';
import { SitesController } from './sites/sites.controller';
import { SystemController } from './system/system.controller';
import { UsersController } from './users/users.controller';

/**
 * The HTTP API. Its global access guard (`AccessGuard`, on `AuthModule`'s authenticator) makes every
 * route default-deny: each must declare `@Public()` or `@Allow(...)`, and has a row in
 * `test/support/route-access/` (the authorization test fails on a route without one).
 */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(options.clock ?? new SystemClock(config.clockOffsetDays * DAY_MS)),
        LoggingModule,
        DatabaseModule.forRoot({ applicationName: 'family-link-api' }),
        QueueModule.forRoot(),
        HealthModule,
        MetricsModule,
        SystemModule,
        AuditModule,
        SitesModule,
        UsersModule,
        AuthModule,
        SettingsModule,
        DemoModule,
        // One module per feature's routes: each feature adds its controllers there.
        FamiliesHttpModule,
        MatchingHttpModule,
        WorklistHttpModule,
        LinkUpsHttpModule,
        CheckInsHttpModule,
        ExportsHttpModule,
      ],
      controllers: [
        AuthController,
        FamilyInvitationsController,
        MeController,
        SitesController,
        UsersController,
        AuditController,
        SettingsController,
        SystemController,
      ],
      providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
    };
  }
}
