import { OutcomeMeasuresService, type Caller } from '@app/core';
import { Allow, CurrentCaller, uuidParam } from '@app/http';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NewOutcomeMeasureDto } from './link-ups.dto';
import { OutcomeMeasureView, toOutcomeMeasureView } from './link-up.view';

@ApiTags('outcome-measures')
@ApiBearerAuth()
@Allow('coach+')
@Controller('families')
export class OutcomeMeasuresController {
  constructor(private readonly measures: OutcomeMeasuresService) {}

  @Post(':id/outcome-measures')
  @ApiOperation({
    summary:
      'Record an outcome measure of a family (baseline, review, exit, follow-up) with a score in the instrument’s range, or declined with a reason.',
  })
  @ApiCreatedResponse({ type: OutcomeMeasureView })
  async recordOutcomeMeasure(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: NewOutcomeMeasureDto,
  ): Promise<OutcomeMeasureView> {
    const { administeredAt, ...measure } = body;
    return toOutcomeMeasureView(
      await this.measures.recordOutcomeMeasure(caller, id, {
        ...measure,
        ...(administeredAt !== undefined ? { administeredAt: new Date(administeredAt) } : {}),
      }),
    );
  }

  @Get(':id/outcome-measures')
  @ApiOperation({ summary: 'A family’s outcome measures, newest first.' })
  @ApiOkResponse({ type: [OutcomeMeasureView] })
  async listOutcomeMeasures(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<OutcomeMeasureView[]> {
    return (await this.measures.listOutcomeMeasures(caller, id)).map(toOutcomeMeasureView);
  }
}
