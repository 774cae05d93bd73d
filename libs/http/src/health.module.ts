import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { ReadinessChecks } from './health.service';

@Module({ controllers: [HealthController], providers: [ReadinessChecks] })
export class HealthModule {}
