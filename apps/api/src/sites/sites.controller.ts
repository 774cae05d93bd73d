import { Allow, CurrentCaller, Site, SitesService, uuidParam, type Caller } from '@app/core';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';

export class CreateSiteDto {
  @ApiProperty({ example: 'Northern Adelaide' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 120)
  name: string;
}

export class SiteView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() demo: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SiteNameView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

const toSiteView = (site: Site): SiteView => ({
  id: site.id,
  name: site.name,
  demo: site.demo,
  createdAt: site.createdAt.toISOString(),
});

@ApiTags('sites')
@ApiBearerAuth()
@Allow('admin')
@Controller('sites')
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @Post()
  @ApiOperation({ summary: 'Create a site (admin). A duplicate name is 409 SITE.NAME_TAKEN.' })
  @ApiOkResponse({ type: SiteView })
  async createSite(@CurrentCaller() caller: Caller, @Body() body: CreateSiteDto): Promise<SiteView> {
    return toSiteView(await this.sites.createSite(caller, body));
  }

  @Get()
  @ApiOperation({ summary: 'Every site (admin).' })
  @ApiOkResponse({ type: [SiteView] })
  async listSites(): Promise<SiteView[]> {
    return (await this.sites.listSites()).map(toSiteView);
  }

  @Get('names')
  @Allow('admin', 'evaluator')
  @ApiOperation({
    summary: 'Every site’s id and name only (admin, evaluator): for the report and export site filters.',
  })
  @ApiOkResponse({ type: [SiteNameView] })
  async listSiteNames(): Promise<SiteNameView[]> {
    return (await this.sites.listSites()).map((site) => ({ id: site.id, name: site.name }));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One site (admin).' })
  @ApiOkResponse({ type: SiteView })
  async getSite(@CurrentCaller() caller: Caller, @Param('id', uuidParam()) id: string): Promise<SiteView> {
    return toSiteView(await this.sites.getSite(caller, id));
  }
}
