import { LinkUpDetailsService, LinkUpStagesService, LinkUpsService, type Caller } from '@app/core';
import { Allow, CurrentCaller, uuidParam } from '@app/http';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListLinkUpsQueryDto, ReassignCoachDto, TransitionDto } from './link-ups.dto';
import { LinkUpDetailsView, LinkUpPageView, toLinkUpDetailsView, toLinkUpSummaryView } from './link-up.view';

@ApiTags('link-ups')
@ApiBearerAuth()
@Controller('link-ups')
export class LinkUpsController {
  constructor(
    private readonly linkUps: LinkUpsService,
    private readonly details: LinkUpDetailsService,
    private readonly stages: LinkUpStagesService,
  ) {}

  @Get()
  @Allow('coach+', 'family')
  @ApiOperation({
    summary:
      'Link-ups in your scope, newest first: a coach its caseload, a supervisor its site, a family its own.',
  })
  @ApiOkResponse({ type: LinkUpPageView })
  async listLinkUps(
    @CurrentCaller() caller: Caller,
    @Query() query: ListLinkUpsQueryDto,
  ): Promise<LinkUpPageView> {
    const page = await this.linkUps.listLinkUps(caller.actor, {
      status: query.status,
      stage: query.stage,
      familyId: query.familyId,
      coachId: query.coachId,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
    const staff = caller.actor.role !== 'family';
    return { ...page, items: page.items.map((item) => toLinkUpSummaryView(item, staff)) };
  }

  @Get(':id')
  @Allow('coach+', 'family')
  @ApiOperation({
    summary:
      'One link-up: stage history, active weeks per stage (paused time excluded), goals, small wins and get-togethers; for staff, the guards of the next move. A family sees the partner family’s goals and wins only while that family shares them.',
  })
  @ApiOkResponse({ type: LinkUpDetailsView })
  async getLinkUp(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<LinkUpDetailsView> {
    return toLinkUpDetailsView(await this.details.describeLinkUp(caller, id));
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @Allow('coach+')
  @ApiOperation({
    summary:
      'Move the link-up: advance or move back a stage, pause, resume, complete or end early. 409 VERSION_CONFLICT on a stale version; 409 LINK_UP.GUARD_FAILED with details.unmetGuards.',
  })
  @ApiOkResponse({ type: LinkUpDetailsView })
  async transitionLinkUp(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: TransitionDto,
  ): Promise<LinkUpDetailsView> {
    await this.stages.changeStage(caller, id, body);
    return toLinkUpDetailsView(await this.details.describeLinkUp(caller, id));
  }

  @Post(':id/coach')
  @HttpCode(200)
  @Allow('supervisor+')
  @ApiOperation({
    summary:
      'Reassign the link-up to another coach of its site, with a reason (supervisor, admin). Kept in the history; both families’ records name the new coach.',
  })
  @ApiOkResponse({ type: LinkUpDetailsView })
  async reassignCoach(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: ReassignCoachDto,
  ): Promise<LinkUpDetailsView> {
    await this.stages.reassignCoach(caller, id, body);
    return toLinkUpDetailsView(await this.details.describeLinkUp(caller, id));
  }
}
