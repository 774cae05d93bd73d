import { Site, SitesService, type Caller } from '@app/core';
import { Allow, CurrentCaller, uuidParam } from '@app/http';
import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsTimeZone, Length } from 'class-validator';

export class CreateSiteDto {
  @ApiProperty({ example: 'Northern Adelaide' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 120)
  name: string;

  @ApiPropertyOptional({
    example: 'Australia/Adelaide',
    description:
      'IANA time zone of the site (default Australia/Adelaide): its "today", due dates and check expiries.',
  })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
}

export class UpdateSiteDto {
  @ApiPropertyOptional({ example: 'Northern Adelaide' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsOptional()
  @IsString()
  @Length(1, 120)
  name?: string;

  @ApiPropertyOptional({ example: 'Australia/Darwin', description: 'IANA time zone of the site.' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
}

export class SiteView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() demo: boolean;
  @ApiProperty({ example: 'Australia/Adelaide' }) timeZone: string;
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
  timeZone: site.timeZone,
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

  @Patch(':id')
  @ApiOperation({
    summary: 'Rename a site or change its time zone (admin). A duplicate name is 409 SITE.NAME_TAKEN.',
  })
  @ApiOkResponse({ type: SiteView })
  async updateSite(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: UpdateSiteDto,
  ): Promise<SiteView> {
    return toSiteView(await this.sites.updateSite(caller, id, body));
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
