import {
  CohortMatchingService,
  ConsentsService,
  FamiliesService,
  MatchExclusionsService,
  MatchProposalsService,
  MatchSuggestionsService,
  type Caller,
  type MatchProposal,
} from '@app/core';
import { Allow, CurrentCaller, uuidParam } from '@app/http';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RecordExclusionDto, SuggestionsQueryDto } from '../families/families.dto';
import {
  CohortDto,
  LiftExclusionDto,
  ProposeShortlistDto,
  RecordDecisionDto,
  SharingFamilyAnswerDto,
} from './matching.dto';
import {
  CohortResponseView,
  ExclusionListItemView,
  ExclusionView,
  MatchProposalView,
  SuggestionsResponseView,
  toExclusionView,
  toMatchProposalView,
} from './matching.view';

@ApiTags('matching')
@ApiBearerAuth()
@Controller('families')
export class FamilyMatchingController {
  constructor(
    private readonly suggestions: MatchSuggestionsService,
    private readonly exclusions: MatchExclusionsService,
    private readonly families: FamiliesService,
  ) {}

  @Get(':id/exclusions')
  @Allow('coach+')
  @ApiOperation({
    summary:
      'The live exclusions of a family (Seeking or Sharing side), with both families’ names, oldest first.',
  })
  @ApiOkResponse({ type: [ExclusionListItemView] })
  async listExclusions(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<ExclusionListItemView[]> {
    const rows = await this.exclusions.listExclusions(caller.actor, id);
    const ids = [...new Set(rows.flatMap((r) => [r.seekingFamilyId, r.sharingFamilyId]))];
    const names = new Map((await this.families.findFamiliesByIds(ids)).map((f) => [f.id, f.displayName]));
    return rows.map((r) => ({
      ...toExclusionView(r),
      seekingFamilyName: names.get(r.seekingFamilyId) ?? '',
      sharingFamilyName: names.get(r.sharingFamilyId) ?? '',
    }));
  }

  @Post(':id/exclusions/:exclusionId/lift')
  @HttpCode(200)
  @Allow('coach+')
  @ApiOperation({
    summary:
      'Lift a live exclusion of a Seeking family, with a reason code (a decline recorded by mistake, say): the pair may be suggested again. Kept, never deleted; 409 MATCH.EXCLUSION_NOT_LIVE when already lifted.',
  })
  @ApiOkResponse({ type: ExclusionView })
  async liftExclusion(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Param('exclusionId', uuidParam()) exclusionId: string,
    @Body() body: LiftExclusionDto,
  ): Promise<ExclusionView> {
    return toExclusionView(await this.exclusions.liftExclusion(caller, id, exclusionId, body.reason));
  }

  @Get(':id/suggestions')
  @Allow('coach+')
  @ApiOperation({
    summary:
      'Ranked Sharing families for a Seeking family, each with its explanation (per factor: weight, value, contribution, reason; unknown data shown as unknown), plus the excluded ones with why not.',
  })
  @ApiOkResponse({ type: SuggestionsResponseView })
  async suggestSharingFamilies(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Query() query: SuggestionsQueryDto,
  ): Promise<SuggestionsResponseView> {
    return (await this.suggestions.suggestSharingFamilies(
      caller,
      id,
      query,
    )) as unknown as SuggestionsResponseView;
  }

  @Post(':id/exclusions')
  @Allow('coach+')
  @ApiOperation({
    summary: 'Record a pair never to propose (known to each other, declined, ended badly, other).',
  })
  @ApiCreatedResponse({ type: ExclusionView })
  async recordExclusion(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: RecordExclusionDto,
  ): Promise<ExclusionView> {
    return toExclusionView(await this.exclusions.recordExclusion(caller, id, body));
  }
}

@ApiTags('matching')
@ApiBearerAuth()
@Controller('match-proposals')
export class MatchProposalsController {
  constructor(
    private readonly proposals: MatchProposalsService,
    private readonly families: FamiliesService,
    private readonly consents: ConsentsService,
  ) {}

  @Post()
  @Allow('coach+')
  @ApiOperation({
    summary:
      'Offer a shortlist to a Seeking family: each Sharing family must meet every hard constraint now; the explanations are snapshotted.',
  })
  @ApiCreatedResponse({ type: MatchProposalView })
  async proposeShortlist(
    @CurrentCaller() caller: Caller,
    @Body() body: ProposeShortlistDto,
  ): Promise<MatchProposalView> {
    return this.view(caller, await this.proposals.proposeShortlist(caller, body));
  }

  @Get(':id')
  @Allow('coach+', 'family')
  @ApiOperation({
    summary: 'A shortlist with why each family was suggested (staff in scope; the Seeking family).',
  })
  @ApiOkResponse({ type: MatchProposalView })
  async getProposal(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<MatchProposalView> {
    return this.view(caller, await this.proposals.getProposal(caller, id));
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Allow('coach+')
  @ApiOperation({
    summary:
      'Record the Seeking family’s decision. chose + accepted creates the link-up (409 MATCH.CAPACITY_FULL or MATCH.SEEKING_FAMILY_ALREADY_LINKED when it cannot); declines become exclusions.',
  })
  @ApiOkResponse({ type: MatchProposalView })
  async recordDecision(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: RecordDecisionDto,
  ): Promise<MatchProposalView> {
    return this.view(caller, await this.proposals.recordDecision(caller, id, body));
  }

  @Post(':id/sharing-family-answer')
  @HttpCode(200)
  @Allow('coach+')
  @ApiOperation({
    summary:
      'Record the Sharing family’s answer after the Seeking family chose it (status awaiting_sharing_family, else 409 MATCH.NOT_AWAITING_ANSWER): accepted creates the link-up (409 MATCH.CAPACITY_FULL or MATCH.SEEKING_FAMILY_ALREADY_LINKED when it cannot); declined closes the shortlist and excludes the pair (liftable).',
  })
  @ApiOkResponse({ type: MatchProposalView })
  async recordSharingFamilyAnswer(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: SharingFamilyAnswerDto,
  ): Promise<MatchProposalView> {
    return this.view(caller, await this.proposals.recordSharingFamilyAnswer(caller, id, body));
  }

  private async view(caller: Caller, proposal: MatchProposal): Promise<MatchProposalView> {
    const ids = proposal.candidates.map((c) => c.sharingFamilyId);
    const families = await this.families.findFamiliesByIds(ids);
    const sharing = new Set<string>();
    if (caller.actor.role === 'family') {
      for (const id of ids) {
        if (await this.consents.isConsentGranted(id, 'share_with_partner_family')) sharing.add(id);
      }
    }
    return toMatchProposalView(
      proposal,
      caller.actor,
      new Map(families.map((f) => [f.id, f.displayName])),
      sharing,
    );
  }
}

@ApiTags('matching')
@ApiBearerAuth()
@Controller('matching')
export class CohortMatchingController {
  constructor(private readonly cohort: CohortMatchingService) {}

  @Post('cohort')
  @HttpCode(200)
  @Allow('coach+')
  @ApiOperation({
    summary:
      'The assignment of a site’s waiting Seeking families that maximises total fit (plus a waiting-time bonus) under every hard constraint and capacity; an exact optimum, a proposal only. Each unassigned family says why.',
  })
  @ApiOkResponse({ type: CohortResponseView })
  async proposeCohort(@CurrentCaller() caller: Caller, @Body() body: CohortDto): Promise<CohortResponseView> {
    return (await this.cohort.proposeCohort(caller, body)) as unknown as CohortResponseView;
  }
}
