import type { AuditEvent } from '@app/core';
import { ApiProperty } from '@nestjs/swagger';

/** One audit line as the API shows it: ids, codes and counts only (never a name, contact or note). */
export class AuditEventView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Null: no one signed in.' })
  actorId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The actor’s role when it acted.' })
  actorRole: string | null;
  @ApiProperty({ example: 'family.changed', description: '`<entity>.<what happened>`.' }) action: string;
  @ApiProperty({ example: 'family' }) entityType: string;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Codes, ids, counts, flags and lists of field names.',
  })
  details: Record<string, unknown> | null;
}

export class AuditPageView {
  @ApiProperty({ type: [AuditEventView] }) items: AuditEventView[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export const toAuditEventView = (event: AuditEvent): AuditEventView => ({
  id: event.id,
  occurredAt: event.occurredAt.toISOString(),
  actorId: event.actorId,
  actorRole: event.actorRole,
  action: event.action,
  entityType: event.entityType,
  entityId: event.entityId,
  requestId: event.requestId,
  details: event.details,
});
