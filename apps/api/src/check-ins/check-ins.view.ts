import {
  CHECK_IN_KINDS_STORED,
  CHECK_IN_MODES,
  CHECK_IN_PARTIES_STORED,
  CHECK_IN_STATUSES_STORED,
  CONCERN_ENTRY_KINDS,
  CONCERN_SEVERITIES,
  CONCERN_SOURCES,
  CONCERN_STATUSES,
  LINK_UP_EFFECTS,
  NOTIFICATION_KINDS,
  NOTIFICATION_SUBJECTS,
  TRIAGE_DECISIONS,
  type CheckIn,
  type NotificationListItem,
  type SafeguardingConcern,
  type SafeguardingConcernEntry,
} from '@app/core';
import { ApiProperty } from '@nestjs/swagger';

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

/** A check-in as staff see it (the routes are staff-only; notes are staff-only). */
export class CheckInView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) linkUpId: string;
  @ApiProperty({ enum: CHECK_IN_KINDS_STORED }) kind: string;
  @ApiProperty({ enum: CHECK_IN_PARTIES_STORED }) party: string;
  @ApiProperty({ enum: CHECK_IN_STATUSES_STORED }) status: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ format: 'date-time', description: 'Missed and escalated if still open then.' })
  overdueAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) heldAt: string | null;
  @ApiProperty({ enum: CHECK_IN_MODES, nullable: true, type: String }) mode: string | null;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ nullable: true, type: Number }) relationshipRating: number | null;
  @ApiProperty({ nullable: true, type: Number }) wellbeingRating: number | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) completedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelledReason: string | null;
  @ApiProperty() version: number;
}

export class CheckInPageView {
  @ApiProperty({ type: [CheckInView] }) items: CheckInView[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export const toCheckInView = (c: CheckIn): CheckInView => ({
  id: c.id,
  linkUpId: c.linkUpId,
  kind: c.kind,
  party: c.party,
  status: c.status,
  dueAt: c.dueAt.toISOString(),
  overdueAt: c.overdueAt.toISOString(),
  heldAt: iso(c.heldAt),
  mode: c.mode,
  notes: c.notes,
  relationshipRating: c.relationshipRating,
  wellbeingRating: c.wellbeingRating,
  completedBy: c.completedBy,
  cancelledReason: c.cancelledReason,
  version: c.version,
});

export class ConcernEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CONCERN_ENTRY_KINDS }) kind: string;
  @ApiProperty({ enum: CONCERN_SEVERITIES }) severity: string;
  @ApiProperty({ enum: CONCERN_STATUSES }) status: string;
  @ApiProperty({ enum: TRIAGE_DECISIONS, nullable: true, type: String }) decision: string | null;
  @ApiProperty({ enum: LINK_UP_EFFECTS, nullable: true, type: String }) linkUpEffect: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Null: the system.' })
  actorId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Who wrote the entry; null: the system.' })
  actorName: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class ConcernView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) linkUpId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) familyId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) checkInId: string | null;
  @ApiProperty({ enum: CONCERN_SEVERITIES }) severity: string;
  @ApiProperty({ enum: CONCERN_STATUSES }) status: string;
  @ApiProperty({ enum: CONCERN_SOURCES }) source: string;
  @ApiProperty({ description: 'Staff-only.' }) description: string;
  @ApiProperty({ format: 'date-time' }) raisedAt: string;
  @ApiProperty({ format: 'uuid' }) raisedBy: string;
  @ApiProperty({ format: 'date-time', description: 'The triage deadline (SLA).' }) triageDueAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) triagedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) escalatedAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty({
    type: [String],
    description: 'Display names of the families concerned (a link-up’s two, or the one family).',
  })
  familyNames: string[];
}

export class ConcernDetailView extends ConcernView {
  @ApiProperty({ type: [ConcernEntryView], description: 'The append-only history, oldest first.' })
  entries: ConcernEntryView[];
}

export class ConcernPageView {
  @ApiProperty({ type: [ConcernView] }) items: ConcernView[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

/** What staff see beside a concern: family names, and who wrote each entry. */
export interface ConcernNames {
  readonly families: ReadonlyMap<string, string[]>;
  readonly actors: ReadonlyMap<string, string>;
}

const NO_NAMES: ConcernNames = { families: new Map(), actors: new Map() };

export const toConcernView = (c: SafeguardingConcern, names: ConcernNames = NO_NAMES): ConcernView => ({
  id: c.id,
  siteId: c.siteId,
  linkUpId: c.linkUpId,
  familyId: c.familyId,
  checkInId: c.checkInId,
  severity: c.severity,
  status: c.status,
  source: c.source,
  description: c.description,
  raisedAt: c.raisedAt.toISOString(),
  raisedBy: c.raisedBy,
  triageDueAt: c.triageDueAt.toISOString(),
  triagedAt: iso(c.triagedAt),
  escalatedAt: iso(c.escalatedAt),
  version: c.version,
  familyNames: [...(names.families.get(c.id) ?? [])],
});

export const toConcernDetailView = (
  concern: SafeguardingConcern,
  entries: readonly SafeguardingConcernEntry[],
  names: ConcernNames = NO_NAMES,
): ConcernDetailView => ({
  ...toConcernView(concern, names),
  entries: entries.map((e) => ({
    id: e.id,
    kind: e.kind,
    severity: e.severity,
    status: e.status,
    decision: e.decision,
    linkUpEffect: e.linkUpEffect,
    note: e.note,
    actorId: e.actorId,
    actorName: e.actorId === null ? null : (names.actors.get(e.actorId) ?? null),
    at: e.at.toISOString(),
  })),
});

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: string;
  @ApiProperty({ enum: NOTIFICATION_SUBJECTS }) subjectType: string;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) linkUpId: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'No names or notes: what is due, when.' }) text: string;
  @ApiProperty() link: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) readAt: string | null;
}

export class NotificationPageView {
  @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @ApiProperty() total: number;
  @ApiProperty() unread: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export const toNotificationView = ({
  notification: n,
  title,
  text,
  link,
}: NotificationListItem): NotificationView => ({
  id: n.id,
  kind: n.kind,
  subjectType: n.subjectType,
  subjectId: n.subjectId,
  linkUpId: n.linkUpId,
  title,
  text,
  link,
  createdAt: n.createdAt.toISOString(),
  readAt: iso(n.readAt),
});
