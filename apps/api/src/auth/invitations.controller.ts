import { InvitationsService, type Caller, type InvitationSummary } from '@app/core';
import { Allow, CurrentCaller, uuidParam } from '@app/http';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, Length, MaxLength } from 'class-validator';

export class NewInvitationDto {
  @ApiProperty({ description: 'The adult’s email: what it signs in with.', example: 'sam@example.org' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  email: string;

  @ApiProperty({ description: 'The name its account shows (the adult’s preferred name).', example: 'Sam' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 120)
  displayName: string;
}

export class InvitationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) familyId: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['pending', 'joined', 'expired'] }) status: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) joinedAt: string | null;
  @ApiProperty({ format: 'date-time' }) sentAt: string;
}

export class InvitationSentView extends InvitationView {
  @ApiProperty({
    description: 'The one-time code to read out on the phone (with the email): shown this once only.',
    example: 'K7P2-M9QX',
  })
  code: string;
}

const toView = ({ invitation, status }: InvitationSummary): InvitationView => ({
  id: invitation.id,
  familyId: invitation.familyId,
  email: invitation.email,
  displayName: invitation.displayName,
  status,
  expiresAt: invitation.expiresAt.toISOString(),
  joinedAt: invitation.joinedAt?.toISOString() ?? null,
  sentAt: invitation.createdAt.toISOString(),
});

@ApiTags('families')
@ApiBearerAuth()
@Allow('coach+')
@Controller('families')
export class FamilyInvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post(':id/invitations')
  @ApiOperation({
    summary:
      'Invite an adult of a family on your caseload (coach+): an emailed link and a one-time code to read out, both working once, for a week. Throttled per coach; audited.',
  })
  @ApiCreatedResponse({ type: InvitationSentView })
  async invite(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: NewInvitationDto,
  ): Promise<InvitationSentView> {
    const { invitation, code } = await this.invitations.invite(caller, id, body);
    return { ...toView({ invitation, status: 'pending' }), code };
  }

  @Get(':id/invitations')
  @ApiOperation({ summary: 'The family’s invitations and who has joined (coach+, in scope).' })
  @ApiOkResponse({ type: [InvitationView] })
  async list(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<InvitationView[]> {
    return (await this.invitations.listInvitations(caller, id)).map(toView);
  }
}
