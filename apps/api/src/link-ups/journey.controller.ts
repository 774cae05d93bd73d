import { GetTogethersService, GoalsService, SmallWinsService, type Caller } from '@app/core';
import { Allow, CurrentCaller, uuidParam } from '@app/http';
import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  NewGetTogetherDto,
  NewGoalDto,
  NewGoalRatingDto,
  NewSmallWinDto,
  ReviseGoalDto,
} from './link-ups.dto';
import {
  GetTogetherView,
  GoalRatingView,
  GoalView,
  SmallWinView,
  toGetTogetherView,
  toGoalRatingView,
  toGoalView,
  toSmallWinView,
} from './link-up.view';

@ApiTags('link-ups')
@ApiBearerAuth()
@Allow('coach+', 'family')
@Controller('link-ups')
export class LinkUpJourneyController {
  constructor(
    private readonly goals: GoalsService,
    private readonly smallWins: SmallWinsService,
    private readonly getTogethers: GetTogethersService,
  ) {}

  @Post(':id/goals')
  @ApiOperation({
    summary: 'Record a goal in the Seeking family’s own words (that family, or staff in scope).',
  })
  @ApiCreatedResponse({ type: GoalView })
  async recordGoal(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: NewGoalDto,
  ): Promise<GoalView> {
    return toGoalView({ goal: await this.goals.recordGoal(caller, id, body), ratings: [] });
  }

  @Get(':id/goals')
  @ApiOperation({ summary: 'The link-up’s goals with their ratings, as far as you may see them.' })
  @ApiOkResponse({ type: [GoalView] })
  async listGoals(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<GoalView[]> {
    return (await this.goals.listGoals(caller, id)).map(toGoalView);
  }

  @Post(':id/small-wins')
  @ApiOperation({ summary: 'Record a small win (either family, or staff in scope).' })
  @ApiCreatedResponse({ type: SmallWinView })
  async recordSmallWin(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: NewSmallWinDto,
  ): Promise<SmallWinView> {
    return toSmallWinView(await this.smallWins.recordSmallWin(caller, id, body));
  }

  @Get(':id/small-wins')
  @ApiOperation({
    summary:
      'The small wins you may see: a family never sees coach-only ones, nor the partner’s without its consent.',
  })
  @ApiOkResponse({ type: [SmallWinView] })
  async listSmallWins(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<SmallWinView[]> {
    return (await this.smallWins.listSmallWins(caller, id)).map(toSmallWinView);
  }

  @Post(':id/get-togethers')
  @ApiOperation({ summary: 'Record a get-together of the two families (either family, or staff in scope).' })
  @ApiCreatedResponse({ type: GetTogetherView })
  async recordGetTogether(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: NewGetTogetherDto,
  ): Promise<GetTogetherView> {
    return toGetTogetherView(await this.getTogethers.recordGetTogether(caller, id, body));
  }

  @Get(':id/get-togethers')
  @ApiOperation({ summary: 'The link-up’s get-togethers, newest first.' })
  @ApiOkResponse({ type: [GetTogetherView] })
  async listGetTogethers(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<GetTogetherView[]> {
    return (await this.getTogethers.listGetTogethers(caller, id)).map(toGetTogetherView);
  }
}

@ApiTags('link-ups')
@ApiBearerAuth()
@Allow('coach+', 'family')
@Controller('goals')
export class GoalsController {
  constructor(private readonly goals: GoalsService) {}

  @Patch(':id')
  @ApiOperation({
    summary:
      'Change a goal’s words, theme or status (active, achieved, set_aside); 409 VERSION_CONFLICT on a stale version.',
  })
  @ApiOkResponse({ type: GoalView })
  async reviseGoal(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: ReviseGoalDto,
  ): Promise<GoalView> {
    const goal = await this.goals.reviseGoal(caller, id, body);
    return {
      id: goal.id,
      linkUpId: goal.linkUpId,
      familyId: goal.familyId,
      text: goal.text,
      theme: goal.theme,
      status: goal.status,
      version: goal.version,
      createdAt: goal.createdAt.toISOString(),
    };
  }

  @Post(':id/ratings')
  @ApiOperation({
    summary: 'Rate a goal (Goal Attainment Scaling −2…+2): by the family, the coach, or jointly.',
  })
  @ApiCreatedResponse({ type: GoalRatingView })
  async rateGoal(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: NewGoalRatingDto,
  ): Promise<GoalRatingView> {
    const { ratedAt, ...rating } = body;
    return toGoalRatingView(
      await this.goals.rateGoal(caller, id, {
        ...rating,
        ...(ratedAt !== undefined ? { ratedAt: new Date(ratedAt) } : {}),
      }),
    );
  }
}
