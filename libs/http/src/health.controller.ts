import { DomainError } from '@app/core';
import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from './access.decorators';
import { ReadinessChecks } from './health.service';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly checks: ReadinessChecks) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the process answers.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the database and the queue answer; 503 names what is down.' })
  async ready(): Promise<{ status: 'ready'; checks: Record<string, 'up'> }> {
    const checks = await this.checks.run();
    const down = Object.entries(checks)
      .filter(([, state]) => state === 'down')
      .map(([name]) => name);
    if (down.length > 0) {
      throw new DomainError(
        'NOT_READY',
        'unavailable',
        `Not ready: ${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} down.`,
        {
          checks,
        },
      );
    }
    return { status: 'ready', checks: checks as Record<string, 'up'> };
  }
}
