import { SystemPing, SystemPingsService, type Caller } from '@app/core';
import { Allow, CurrentCaller, uuidParam } from '@app/http';
import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

interface PingView {
  id: string;
  requestedAt: string;
  processedAt: string | null;
  processedVia: string | null;
}

const toView = (ping: SystemPing): PingView => ({
  id: ping.id,
  requestedAt: ping.requestedAt.toISOString(),
  processedAt: ping.processedAt?.toISOString() ?? null,
  processedVia: ping.processedVia,
});

/**
 * Admins: a diagnostic round trip through the queue (it carries no personal data). Requests are
 * audited.
 */
@ApiTags('system')
@ApiBearerAuth()
@Allow('admin')
@Controller('system/pings')
export class SystemController {
  constructor(private readonly pings: SystemPingsService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Enqueue a system.ping job; the worker stamps it when processed.' })
  async requestPing(@CurrentCaller() caller: Caller): Promise<PingView> {
    return toView(await this.pings.requestPing(caller));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A ping and whether the worker has processed it.' })
  async getPing(@Param('id', uuidParam()) id: string): Promise<PingView> {
    return toView(await this.pings.getPing(id));
  }
}
