import { WorklistService, type Caller } from '@app/core';
import { Allow, CurrentCaller } from '@app/http';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toWorklistView, WorklistView } from './worklist.view';

@ApiTags('worklist')
@ApiBearerAuth()
@Controller('worklist')
export class WorklistController {
  constructor(private readonly worklist: WorklistService) {}

  @Get()
  @Allow('coach+')
  @ApiOperation({
    summary:
      'A coach’s day in one request: check-ins due and overdue, live link-ups with the unmet guards of their next move, Seeking families waiting, Sharing families awaiting approval or with checks expiring, and concerns not yet closed with their triage deadline. A coach: its caseload; a supervisor: its site (each row names its coach).',
  })
  @ApiOkResponse({ type: WorklistView })
  async getWorklist(@CurrentCaller() caller: Caller): Promise<WorklistView> {
    return toWorklistView(await this.worklist.worklistFor(caller));
  }
}
