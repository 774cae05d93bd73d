import {
  MatchingCalibrationService,
  OutcomeChangeService,
  SummaryReportsService,
  type Caller,
  type SummaryReportView,
} from '@app/core';
import { Allow, CurrentCaller } from '@app/http';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReportQueryDto } from './exports.dto';
import { MatchingCalibrationView } from './matching-calibration.view';
import { OutcomeChangeView } from './outcome-change.view';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: SummaryReportsService,
    private readonly outcomes: OutcomeChangeService,
    private readonly calibration: MatchingCalibrationService,
  ) {}

  @Get('matching-calibration')
  @Allow('evaluator', 'supervisor', 'admin')
  @ApiOperation({
    summary:
      'Matching calibration (evaluator, supervisor, admin): for link-ups that started in the period, have ended and were made from a shortlist, whose Seeking family consents to evaluation use — the chosen Sharing family’s fit at the time of the choice (from the shortlist snapshot), in bands (under 50 %, 50–69 %, 70–84 %, 85 % and over), against how the link-ups ended (completed, ended early by reason) and their goal attainment change (per link-up, the mean over goals rated twice or more of last minus first rating; n, mean, 95 % CI). Counts from 1 to the threshold − 1 show as "n.p.", with secondary suppression worked out once on a site × band table of the period; a band for all sites, or a site’s total, is shown only where all its parts are. Period in whole months only. Evaluators and admins: every site or one; supervisors: their own site (another site is 404).',
  })
  @ApiOkResponse({ type: MatchingCalibrationView })
  matchingCalibration(
    @CurrentCaller() caller: Caller,
    @Query() query: ReportQueryDto,
  ): Promise<MatchingCalibrationView> {
    return this.calibration.calibrateMatching(caller, {
      siteId: query.siteId,
      from: query.from,
      to: query.to,
    });
  }

  @Get('outcome-change')
  @Allow('evaluator', 'admin')
  @ApiOperation({
    summary:
      'Outcome change per instrument (evaluator, admin): the paired change from baseline to exit and to follow-up of Seeking families that consent to evaluation use, over the link-ups started in the period — n, mean change, 95 % confidence interval (t). From 1 to the threshold − 1 pairs: "n.p." and no figures; when any site has such a cell, the all-sites figure is withheld too. Period in whole months only.',
  })
  @ApiOkResponse({ type: OutcomeChangeView })
  outcomeChange(@CurrentCaller() caller: Caller, @Query() query: ReportQueryDto): Promise<OutcomeChangeView> {
    return this.outcomes.outcomeChange(caller, { siteId: query.siteId, from: query.from, to: query.to });
  }

  @Get('summary')
  @Allow('evaluator', 'coach+')
  @ApiOperation({
    summary:
      "Aggregate report by site: families by status, link-ups by stage and outcome, median weeks per stage, check-ins held versus due, goals by theme and feedback ratings by question and viewpoint (both all sites together; feedback words never). Counts from 1 to the threshold − 1 show as \"n.p.\", with secondary suppression worked out once on the all-sites tables of the period: a one-site report is that site's rows of them, so reports cannot be differenced. Period in whole months only. Evaluators and admins: every site or one; supervisors: their own site; coaches: the same site-level report as their supervisor (site totals are a coach's view of the programme; no other coach's family records), another site is 404.",
  })
  summariseProgramme(
    @CurrentCaller() caller: Caller,
    @Query() query: ReportQueryDto,
  ): Promise<SummaryReportView> {
    return this.reports.summariseProgramme(caller, { siteId: query.siteId, from: query.from, to: query.to });
  }
}
