import { ExportsService, type Caller, type DataDictionary, type ExportName } from '@app/core';
import { Allow, CurrentCaller } from '@app/http';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ExportQueryDto } from './exports.dto';

const CSV_NOTE =
  'De-identified (pseudonymous ids, months and days from the start, no names, contacts or free text), only families with evaluation_use consent; streamed as UTF-8 CSV (RFC 4180). Every export is logged with its row count and SHA-256 (of what was sent, when the reader goes away). Period in whole months only. At most 2 exports stream at once per server and 1 per user (429 EXPORT.TOO_MANY_AT_ONCE with Retry-After), each for at most 10 minutes. Columns: see the data dictionary.';

@ApiTags('exports')
@ApiBearerAuth()
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('link-ups.csv')
  @Allow('evaluator', 'admin')
  @ApiOperation({ summary: `Link-ups, one row each (evaluator, admin). ${CSV_NOTE}` })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'link-ups.csv', schema: { type: 'string' } })
  async exportLinkUps(
    @CurrentCaller() caller: Caller,
    @Query() query: ExportQueryDto,
    @Res() res: FastifyReply,
  ): Promise<void> {
    await this.stream(caller, 'link-ups', query, res);
  }

  @Get('goals.csv')
  @Allow('evaluator', 'admin')
  @ApiOperation({
    summary: `Goals, one row each: theme, status, first and last rating (evaluator, admin). ${CSV_NOTE}`,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'goals.csv', schema: { type: 'string' } })
  async exportGoals(
    @CurrentCaller() caller: Caller,
    @Query() query: ExportQueryDto,
    @Res() res: FastifyReply,
  ): Promise<void> {
    await this.stream(caller, 'goals', query, res);
  }

  @Get('outcome-measures.csv')
  @Allow('evaluator', 'admin')
  @ApiOperation({
    summary: `Outcome measures, one row each: instrument, timepoint, score or declined (evaluator, admin). ${CSV_NOTE}`,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'outcome-measures.csv', schema: { type: 'string' } })
  async exportOutcomeMeasures(
    @CurrentCaller() caller: Caller,
    @Query() query: ExportQueryDto,
    @Res() res: FastifyReply,
  ): Promise<void> {
    await this.stream(caller, 'outcome-measures', query, res);
  }

  @Get('data-dictionary.json')
  @Allow('evaluator', 'admin')
  @ApiOperation({
    summary:
      'Every column of every export: type, meaning, allowed values, what an empty field means (evaluator, admin). Made from the same definitions the CSV files are written from.',
  })
  dataDictionary(): Promise<DataDictionary> {
    return this.exports.dataDictionary();
  }

  private async stream(
    caller: Caller,
    name: ExportName,
    query: ExportQueryDto,
    reply: FastifyReply,
  ): Promise<void> {
    const started = await this.exports.startExport(
      caller,
      name,
      { siteId: query.siteId, from: query.from, to: query.to },
      { bom: query.bom ?? false },
    );
    // Written to Node's response itself, as a Writable: the CSV waits for the client to take it
    // (backpressure), and a client that goes away stops the export (the stream closes early).
    const res = reply.raw;
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8; header=present');
    res.setHeader('Content-Disposition', `attachment; filename="${started.fileName}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Export-Run-Id', started.runId);
    try {
      await started.writeTo(res);
    } catch (error) {
      // Nothing sent yet: let the error filter answer in JSON, without the file headers.
      if (!res.headersSent) {
        for (const header of ['Content-Type', 'Content-Disposition', 'X-Export-Run-Id'])
          res.removeHeader(header);
      }
      throw error;
    }
  }
}
