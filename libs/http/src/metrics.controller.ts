import { AppConfig } from '@app/config';
import { DomainError, processMetrics, QueueMetrics } from '@app/core';
import { Controller, Get, Headers, NotFoundException, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Registry } from 'prom-client';
import { Public } from './access.decorators';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Whether `header` is `Bearer <expected>`, compared in constant time (over digests: any length). */
export function carriesToken(header: string | undefined, expected: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(given), digest(expected)) && given !== '';
}

/**
 * Prometheus metrics (text format) for a scraper holding METRICS_TOKEN. Not a user route: it sits
 * beside /health, a user's access token does not open it, and its scrapes are not logged. Without
 * METRICS_TOKEN it answers 404, as for any unknown path.
 */
@ApiTags('health')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly config: AppConfig,
    private readonly queues: QueueMetrics,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Prometheus metrics (text format) for a scraper: needs `Authorization: Bearer <METRICS_TOKEN>` (401 METRICS.TOKEN_INVALID otherwise; a user’s access token does not open it); 404 when METRICS_TOKEN is not set.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text format 0.0.4', schema: { type: 'string' } })
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<string> {
    const token = this.config.metricsToken;
    if (token === null) throw new NotFoundException();
    if (!carriesToken(authorization, token)) {
      void res.header('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new DomainError(
        'METRICS.TOKEN_INVALID',
        'unauthenticated',
        'Send the metrics token: Authorization: Bearer <METRICS_TOKEN>.',
      );
    }
    await this.queues.refresh();
    const registry = Registry.merge([processMetrics.registry, this.queues.registry]);
    void res.header('Content-Type', registry.contentType).header('Cache-Control', 'no-store');
    return registry.metrics();
  }
}
