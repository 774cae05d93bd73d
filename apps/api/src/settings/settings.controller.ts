import { ProgrammeSettingsService, type Caller, type CurrentSettings } from '@app/core';
import { Allow, CurrentCaller } from '@app/http';
import { Body, Controller, Get, Patch } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsInt, IsObject, Min } from 'class-validator';

export class PatchSettingsDto {
  @ApiProperty({ description: 'The version the change is based on; a stale one is 409 VERSION_CONFLICT.' })
  @IsInt()
  @Min(0)
  version: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'A partial settings document: objects merge field by field, lists and values replace. Durations are in milliseconds.',
    example: { matching: { weights: { interests: 2 } }, deIdentification: { suppressionThreshold: 6 } },
  })
  @IsObject()
  changes: Record<string, unknown>;
}

export class VocabularyTermView {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
}

export class VocabulariesView {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { $ref: '#/components/schemas/VocabularyTermView' } },
    description: 'Each vocabulary by name (goalThemes, languages, …), its terms in order.',
  })
  vocabularies: Record<string, VocabularyTermView[]>;
}

interface SettingsView {
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
  settings: object;
}

const toView = (current: CurrentSettings): SettingsView => ({
  version: current.version,
  updatedAt: current.updatedAt?.toISOString() ?? null,
  updatedBy: current.updatedBy,
  settings: current.settings,
});

@ApiTags('settings')
@ApiBearerAuth()
@ApiExtraModels(VocabularyTermView)
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: ProgrammeSettingsService) {}

  @Get()
  @Allow('coach+')
  @ApiOperation({ summary: 'The programme settings and their version (staff).' })
  async readSettings(): Promise<SettingsView> {
    return toView(await this.settings.readSettings());
  }

  @Patch()
  @Allow('admin')
  @ApiOperation({
    summary:
      'Change programme settings (admin): 409 VERSION_CONFLICT on a stale version, 400 VALIDATION_FAILED naming each field. Audited; applies without a restart.',
  })
  async changeSettings(
    @CurrentCaller() caller: Caller,
    @Body() body: PatchSettingsDto,
  ): Promise<SettingsView> {
    return toView(
      await this.settings.changeSettings(caller, { version: body.version, changes: body.changes }),
    );
  }

  @Get('vocabularies')
  @Allow('any-user')
  @ApiOperation({
    summary:
      'The programme’s vocabularies (goal themes, languages…): key and plain-words label of each term, for every signed-in user.',
  })
  @ApiOkResponse({ type: VocabulariesView })
  async readVocabularies(): Promise<VocabulariesView> {
    const vocabularies: Readonly<Record<string, readonly VocabularyTermView[]>> = {
      ...(await this.settings.readSettings()).settings.vocabularies,
    };
    return {
      vocabularies: Object.fromEntries(
        Object.entries(vocabularies).map(([name, terms]) => [
          name,
          terms.map((term) => ({ key: term.key, label: term.label })),
        ]),
      ),
    };
  }

  @Get('history')
  @Allow('admin')
  @ApiOperation({ summary: 'Earlier versions of the settings: who changed them and when (admin).' })
  async listVersions(): Promise<{ version: number; updatedAt: string; updatedBy: string | null }[]> {
    return (await this.settings.listVersions(100)).map((v) => ({
      version: v.version,
      updatedAt: v.updatedAt.toISOString(),
      updatedBy: v.updatedBy,
    }));
  }
}
