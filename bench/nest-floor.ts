import { createHttpAdapter, createValidationPipe, uuidParam } from '@app/http';
import { Body, Controller, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NewSmallWinDto } from '../apps/api/src/link-ups/link-ups.dto';
import { round } from './bench-kit';
import { generateLoad, type LoadResult, type LoadSpec } from './load-generator';

/** The small win's route, DTO and validation, answering a fixed win: no guard, hooks, logs or database. */
@Controller('api/link-ups')
class FloorController {
  @Post(':id/small-wins')
  record(@Param('id', uuidParam()) id: string, @Body() body: NewSmallWinDto): object {
    return { id, linkUpId: id, text: body.text, occurredOn: body.occurredOn, visibility: 'link_up' };
  }
}

@Module({ controllers: [FloorController] })
class FloorModule {}

/**
 * What Nest on the project's adapter costs a small win before any of the app's own work (issue 17):
 * the same route, DTO and validation pipe in an app of that one controller, loaded as the journey bench
 * loads the API. The API process's CPU per request, beside the whole app's, says how much of a win is
 * the framework's floor.
 */
export async function measureNestFloor(
  load: Pick<LoadSpec, 'body' | 'clients' | 'durationMs'>,
  warmupMs: number,
): Promise<LoadResult & { cpuMs: number }> {
  const app = await NestFactory.create(FloorModule, createHttpAdapter(), { logger: false });
  try {
    app.useGlobalPipes(createValidationPipe());
    await app.listen(0, '127.0.0.1');
    const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
    const spec: LoadSpec = {
      ...load,
      url: `http://127.0.0.1:${port}/api/link-ups/${randomUUID()}/small-wins`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    };
    await generateLoad({ ...spec, durationMs: warmupMs });
    const before = process.cpuUsage();
    const result = await generateLoad(spec);
    const used = process.cpuUsage(before);
    return { ...result, cpuMs: round((used.user + used.system) / 1000 / Math.max(1, result.requests), 2) };
  } finally {
    await app.close();
  }
}
