import { Allow, CurrentCaller, SummaryReportsService, type Caller, type SummaryReportView } from '@app/core';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReportQueryDto } from './exports.dto';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: SummaryReportsService) {}

  @Get('summary')
  @Allow('evaluator', 'coach+')
  @ApiOperation({
    summary:
      'Aggregate report by site: families by status, link-ups by stage and outcome, median weeks per stage, check-ins held versus due. Counts from 1 to the threshold − 1 show as "n.p.", with secondary suppression. Evaluators and admins: every site or one; supervisors and coaches: their own site (another site is 404).',
  })
  summariseProgramme(
    @CurrentCaller() caller: Caller,
    @Query() query: ReportQueryDto,
  ): Promise<SummaryReportView> {
    return this.reports.summariseProgramme(caller, { siteId: query.siteId, from: query.from, to: query.to });
  }
}
