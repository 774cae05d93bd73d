import { CheckInsService, type Caller } from '@app/core';
import { Allow, CurrentCaller, uuidParam } from '@app/http';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CompleteCheckInDto, ListCheckInsQueryDto } from './check-ins.dto';
import { CheckInPageView, CheckInView, toCheckInView } from './check-ins.view';

@ApiTags('check-ins')
@ApiBearerAuth()
@Controller('check-ins')
export class CheckInsController {
  constructor(private readonly checkIns: CheckInsService) {}

  @Get()
  @Allow('coach+')
  @ApiOperation({
    summary:
      'Check-ins of the caller’s caseload (a supervisor: its site): due, missed, upcoming… soonest first.',
  })
  @ApiOkResponse({ type: CheckInPageView })
  async listCheckIns(
    @CurrentCaller() caller: Caller,
    @Query() query: ListCheckInsQueryDto,
  ): Promise<CheckInPageView> {
    const page = await this.checkIns.listCheckIns(caller, {
      view: query.view ?? 'open',
      linkUpId: query.linkUpId,
      party: query.party,
      coachId: query.coachId,
      dueFrom: query.dueFrom === undefined ? undefined : new Date(query.dueFrom),
      dueTo: query.dueTo === undefined ? undefined : new Date(query.dueTo),
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
    return { ...page, items: page.items.map(toCheckInView) };
  }

  @Get(':id')
  @Allow('coach+')
  @ApiOperation({ summary: 'One check-in of the caller’s caseload (otherwise 404).' })
  @ApiOkResponse({ type: CheckInView })
  async getCheckIn(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<CheckInView> {
    return toCheckInView(await this.checkIns.getCheckIn(caller, id));
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Allow('coach+')
  @ApiOperation({
    summary:
      'Record a check-in as held: when, how, staff-only notes, ratings 1–5, and optionally a concern (which raises a safeguarding concern). Stale version: 409 VERSION_CONFLICT; held or cancelled: 409 CHECK_IN.NOT_OPEN.',
  })
  @ApiOkResponse({ type: CheckInView })
  async completeCheckIn(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: CompleteCheckInDto,
  ): Promise<CheckInView> {
    const checkIn = await this.checkIns.completeCheckIn(caller, id, {
      heldAt: new Date(body.heldAt),
      mode: body.mode,
      notes: body.notes ?? null,
      relationshipRating: body.relationshipRating,
      wellbeingRating: body.wellbeingRating,
      version: body.version,
      concern: body.concern ?? null,
    });
    return toCheckInView(checkIn);
  }
}
