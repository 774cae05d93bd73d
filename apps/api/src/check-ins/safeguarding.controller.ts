import { ConcernListsService, ConcernTriageService, SafeguardingService, type Caller } from '@app/core';
import { Allow, CurrentCaller, uuidParam } from '@app/http';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ListConcernsQueryDto, RaiseConcernDto, TriageConcernDto } from './check-ins.dto';
import {
  ConcernDetailView,
  ConcernPageView,
  ConcernView,
  toConcernDetailView,
  toConcernView,
} from './check-ins.view';

/** Safeguarding concerns: staff only (never family users); every read is audited. */
@ApiTags('safeguarding')
@ApiBearerAuth()
@Controller('safeguarding-concerns')
export class SafeguardingController {
  constructor(
    private readonly safeguarding: SafeguardingService,
    private readonly triage: ConcernTriageService,
    private readonly lists: ConcernListsService,
  ) {}

  @Post()
  @Allow('coach+')
  @ApiOperation({
    summary:
      'Raise a concern about a link-up or a family (a family’s worry: source "family"). immediate_danger and high notify the supervisor at once and pause the link-up; every concern gets a triage deadline.',
  })
  @ApiCreatedResponse({ type: ConcernView })
  async raiseConcern(@CurrentCaller() caller: Caller, @Body() body: RaiseConcernDto): Promise<ConcernView> {
    const concern = await this.safeguarding.raiseConcern(caller, {
      linkUpId: body.linkUpId ?? null,
      familyId: body.familyId ?? null,
      severity: body.severity,
      description: body.description,
      source: body.source,
    });
    return toConcernView(concern, await this.lists.namesFor([concern.id]));
  }

  @Get()
  @Allow('coach+')
  @ApiOperation({ summary: 'Concerns in the caller’s scope, most urgent first (the read is audited).' })
  @ApiOkResponse({ type: ConcernPageView })
  async listConcerns(
    @CurrentCaller() caller: Caller,
    @Query() query: ListConcernsQueryDto,
  ): Promise<ConcernPageView> {
    const page = await this.safeguarding.listConcerns(caller, {
      status: query.status,
      severity: query.severity,
      linkUpId: query.linkUpId,
      familyId: query.familyId,
      triageOverdue: query.triageOverdue,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
    const names = await this.lists.namesFor(page.items.map((c) => c.id));
    return { ...page, items: page.items.map((c) => toConcernView(c, names)) };
  }

  @Get(':id')
  @Allow('coach+')
  @ApiOperation({ summary: 'One concern with its history (the read is audited; out of scope: 404).' })
  @ApiOkResponse({ type: ConcernDetailView })
  async getConcern(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<ConcernDetailView> {
    const { concern, entries } = await this.safeguarding.getConcern(caller, id);
    return toConcernDetailView(concern, entries, await this.namesOf(concern.id, entries));
  }

  @Post(':id/triage')
  @HttpCode(200)
  @Allow('coach+')
  @ApiOperation({
    summary:
      'Triage a concern (or amend a triaged one: a new entry): a decision, an effect on the link-up, optionally a new severity or closing it. Stale version: 409.',
    description: [
      'Resuming (`linkUpEffect: "resume"`) a link-up paused for safeguarding follows the resume rule of the stage machine:',
      'a link-up stays paused while any urgent (`immediate_danger` or `high`) concern about it or one of its families is open (not closed).',
      'The rule is checked after this triage’s own change, so an urgent concern that resumes its own link-up must be closed in the same step (`close: true`),',
      'or lowered below `high` with `severity`; every other open urgent concern must be closed first.',
      'Otherwise the answer is 409 `LINK_UP.GUARD_FAILED` with `unmetGuards: ["NO_OPEN_URGENT_SAFEGUARDING_CONCERN"]`, a message saying what to do,',
      'and `details.openUrgentConcernIds`, `details.thisConcernWouldStayOpen`, `details.otherOpenUrgentConcernIds`; nothing of the triage is written.',
    ].join(' '),
  })
  @ApiOkResponse({ type: ConcernDetailView })
  @ApiConflictResponse({
    description:
      'Stale version (`VERSION_CONFLICT`); the concern is closed; the effect does not apply to the link-up’s status; or a resume refused while an urgent concern stays open (`LINK_UP.GUARD_FAILED`, see above).',
  })
  async triageConcern(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: TriageConcernDto,
  ): Promise<ConcernDetailView> {
    const { concern, entries } = await this.triage.triageConcern(caller, id, {
      decision: body.decision,
      linkUpEffect: body.linkUpEffect,
      close: body.close,
      severity: body.severity,
      note: body.note ?? null,
      version: body.version,
    });
    return toConcernDetailView(concern, entries, await this.namesOf(concern.id, entries));
  }

  private namesOf(concernId: string, entries: readonly { actorId: string | null }[]) {
    return this.lists.namesFor(
      [concernId],
      entries.flatMap((e) => (e.actorId === null ? [] : [e.actorId])),
    );
  }
}
