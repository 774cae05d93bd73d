import {
  ConsentsService,
  FamiliesService,
  FamilyLifecycleService,
  FamilyListsService,
  type Caller,
} from '@app/core';
import { Allow, CurrentCaller, uuidParam } from '@app/http';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AddPersonDto,
  ChangeStatusDto,
  ConsentChangeDto,
  ListFamiliesQueryDto,
  RegisterFamilyDto,
  UpdateFamilyDto,
  UpdatePersonDto,
} from './families.dto';
import {
  ConsentChangeView,
  FamilyDetailView,
  FamilyPageView,
  FamilyView,
  PersonView,
  toApprovalGuardView,
  toConsentStateView,
  toStatusEventView,
  toFamilyListItemView,
  toFamilyView,
  toPersonView,
} from './family.view';

@ApiTags('families')
@ApiBearerAuth()
@Controller('families')
export class FamiliesController {
  constructor(
    private readonly families: FamiliesService,
    private readonly lifecycle: FamilyLifecycleService,
    private readonly lists: FamilyListsService,
    private readonly consents: ConsentsService,
  ) {}

  @Post()
  @Allow('coach+')
  @ApiOperation({
    summary:
      'Register a Seeking (status referred) or Sharing (status enquiry) family. Lists take keys of the programme vocabularies; unknown keys are 400 VALIDATION_FAILED naming the field and values.',
  })
  @ApiCreatedResponse({ type: FamilyView })
  async registerFamily(
    @CurrentCaller() caller: Caller,
    @Body() body: RegisterFamilyDto,
  ): Promise<FamilyView> {
    return toFamilyView(await this.families.registerFamily(caller, body));
  }

  @Get()
  @Allow('coach+')
  @ApiOperation({
    summary:
      'Families in scope (a coach: its caseload; a supervisor: its site): searched, filtered, sorted and paginated. Each row names the primary coach and the weeks waiting. Unknown filter or sort values are 400 VALIDATION_FAILED.',
  })
  @ApiOkResponse({ type: FamilyPageView })
  async listFamilies(
    @CurrentCaller() caller: Caller,
    @Query() query: ListFamiliesQueryDto,
  ): Promise<FamilyPageView> {
    const page = await this.lists.listFamilies(caller, {
      kind: query.kind,
      status: query.status,
      siteId: query.siteId,
      primaryCoachId: query.coachId,
      search: query.q,
      waitingMinWeeks: query.waitingMinWeeks,
      sort: query.sort,
      order: query.order,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
    return { ...page, items: page.items.map(toFamilyListItemView) };
  }

  @Get(':id')
  @Allow('coach+', 'family')
  @ApiOperation({
    summary:
      'One family with its people, consents and status history (staff in scope; a family user: its own). Legal names, check numbers and the reasons of the history only for staff.',
  })
  @ApiOkResponse({ type: FamilyDetailView })
  async getFamily(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<FamilyDetailView> {
    const family = await this.families.getFamilyInScope(caller.actor, id);
    const [people, consents, history, checklist, site] = await Promise.all([
      this.families.listPeople(caller.actor, id),
      this.consents.consentStates(id),
      this.lifecycle.statusHistory(family.id),
      this.lifecycle.approvalChecklist(family),
      this.families.siteToday(family),
    ]);
    return {
      ...toFamilyView(family),
      people: people.map((p) => toPersonView(p, caller.actor)),
      consents: consents.map(toConsentStateView),
      allowedStatusMoves: [...this.lifecycle.allowedMoves(family)],
      statusHistory: history.map((event) => toStatusEventView(event, caller.actor)),
      approvalChecklist: checklist?.map(toApprovalGuardView) ?? null,
      today: site.today,
      timeZone: site.timeZone,
    };
  }

  @Patch(':id')
  @Allow('coach+')
  @ApiOperation({
    summary: 'Change a family’s record; `version` must be current (else 409 VERSION_CONFLICT).',
  })
  @ApiOkResponse({ type: FamilyView })
  async updateFamily(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: UpdateFamilyDto,
  ): Promise<FamilyView> {
    const { version, trainingCompletedAt, ...changes } = body;
    return toFamilyView(
      await this.families.updateFamily(caller, id, version, {
        ...changes,
        ...(trainingCompletedAt === undefined
          ? {}
          : { trainingCompletedAt: trainingCompletedAt === null ? null : new Date(trainingCompletedAt) }),
      }),
    );
  }

  @Post(':id/people')
  @Allow('coach+')
  @ApiOperation({ summary: 'Add an adult or a child to a family (checks for adults only).' })
  @ApiCreatedResponse({ type: PersonView })
  async addPerson(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: AddPersonDto,
  ): Promise<PersonView> {
    return toPersonView(await this.families.addPerson(caller, id, body), caller.actor);
  }

  @Post(':id/consents')
  @HttpCode(200)
  @Allow('coach+')
  @ApiOperation({
    summary: 'Grant or withdraw a consent (never deleted; granting what is granted changes nothing).',
  })
  @ApiOkResponse({ type: ConsentChangeView })
  async changeConsent(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: ConsentChangeDto,
  ): Promise<ConsentChangeView> {
    const { changed } =
      body.action === 'grant'
        ? await this.consents.grantConsent(caller, id, body.kind)
        : await this.consents.withdrawConsent(caller, id, body.kind);
    return { changed, consents: (await this.consents.consentStates(id)).map(toConsentStateView) };
  }

  @Post(':id/status')
  @HttpCode(200)
  @Allow('coach+')
  @ApiOperation({
    summary:
      'Move a family through its lifecycle (DESIGN §4.1). Approving a Sharing family checks training, a current check for every adult, participation consent and a coach’s sign-off: 409 FAMILY.APPROVAL_GUARDS_UNMET names each unmet guard.',
  })
  @ApiOkResponse({ type: FamilyView })
  async changeStatus(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: ChangeStatusDto,
  ): Promise<FamilyView> {
    return toFamilyView(await this.lifecycle.changeFamilyStatus(caller, id, body));
  }
}

@ApiTags('families')
@ApiBearerAuth()
@Controller('people')
export class PeopleController {
  constructor(private readonly families: FamiliesService) {}

  @Patch(':id')
  @Allow('coach+')
  @ApiOperation({
    summary: 'Change a person (a renewed check, say); `version` must be current (else 409 VERSION_CONFLICT).',
  })
  @ApiOkResponse({ type: PersonView })
  async updatePerson(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: UpdatePersonDto,
  ): Promise<PersonView> {
    const { version, ...changes } = body;
    return toPersonView(await this.families.updatePerson(caller, id, version, changes), caller.actor);
  }
}
