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
      "Aggregate report by site: families by status, link-ups by stage and outcome, median weeks per stage, check-ins held versus due, goals by theme (all sites together). Counts from 1 to the threshold − 1 show as \"n.p.\", with secondary suppression worked out once on the all-sites tables of the period: a one-site report is that site's rows of them, so reports cannot be differenced. Period in whole months only. Evaluators and admins: every site or one; supervisors: their own site; coaches: the same site-level report as their supervisor (site totals are a coach's view of the programme; no other coach's family records), another site is 404.",
  })
  summariseProgramme(
    @CurrentCaller() caller: Caller,
    @Query() query: ReportQueryDto,
  ): Promise<SummaryReportView> {
    return this.reports.summariseProgramme(caller, { siteId: query.siteId, from: query.from, to: query.to });
  }
}
