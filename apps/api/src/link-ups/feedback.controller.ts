import { LinkUpFeedbackService, type Caller } from '@app/core';
import { Allow, CurrentCaller, uuidParam } from '@app/http';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GiveFeedbackDto } from './feedback.dto';
import { FeedbackGivenView, toFeedbackGivenView } from './feedback.view';

@ApiTags('link-ups')
@ApiBearerAuth()
@Controller('link-ups')
export class LinkUpFeedbackController {
  constructor(private readonly feedback: LinkUpFeedbackService) {}

  @Post(':id/feedback')
  @Allow('coach+', 'family')
  @ApiOperation({
    summary: 'Give this period’s feedback on the link-up: a family for itself, staff as the coach.',
    description: [
      'The three viewpoints (DESIGN §3 Feedback): the Seeking family, the Sharing family and the coach each rate',
      'how the relationship is going and how things are changing (1–5), with optional words only staff read.',
      'Answers count for the current check-in period (`feedback.periodDays` days from the link-up’s start, default 14);',
      'answering again in the same period replaces the answer. When two viewpoints differ by 2 or more on a question in a period,',
      'or a family’s answer is 2 or more below its previous one, the coach gets one "check in on this" notice per divergence.',
      'Closed link-up: 409 LINK_UP.LINK_UP_CLOSED; outside your scope: 404.',
    ].join(' '),
  })
  @ApiCreatedResponse({ type: FeedbackGivenView })
  async giveFeedback(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: GiveFeedbackDto,
  ): Promise<FeedbackGivenView> {
    return toFeedbackGivenView(await this.feedback.giveFeedback(caller, id, body));
  }
}
