import {
  FAMILY_STATUS_CAUSES,
  type Actor,
  type ConsentState,
  type Family,
  type FamilyListItem,
  type FamilyStatusEvent,
  type Person,
} from '@app/core';
import { SHARING_APPROVAL_GUARDS } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Staff see legal names and check numbers; families never do. */
export const isStaff = (actor: Actor): boolean =>
  actor.role === 'coach' || actor.role === 'supervisor' || actor.role === 'admin';

export class AvoidanceView {
  @ApiProperty({ enum: ['trait', 'suburb', 'same_suburb'] }) kind: string;
  @ApiPropertyOptional() value?: string;
}

export class FamilyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['seeking', 'sharing'] }) kind: string;
  @ApiProperty() status: string;
  @ApiProperty({ description: 'The household’s preferred display name.' }) displayName: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) primaryCoachId: string | null;
  @ApiProperty({ nullable: true, type: String }) suburb: string | null;
  @ApiProperty({ nullable: true, type: String }) postcode: string | null;
  @ApiProperty({ nullable: true, type: Number }) latitude: number | null;
  @ApiProperty({ nullable: true, type: Number }) longitude: number | null;
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty() interpreterNeeded: boolean;
  @ApiProperty() interpreterArranged: boolean;
  @ApiProperty({ type: [String], nullable: true, description: 'null: not recorded (unknown).' }) interests:
    string[] | null;
  @ApiProperty({ type: [String], nullable: true }) lifeExperiences: string[] | null;
  @ApiProperty({ type: [String], nullable: true }) goalThemes: string[] | null;
  @ApiProperty({ type: [String], nullable: true }) strengths: string[] | null;
  @ApiProperty({ type: [String], nullable: true }) availabilitySlots: string[] | null;
  @ApiProperty({ type: [String], nullable: true }) childrenAgeBands: string[] | null;
  @ApiProperty({ type: [String], nullable: true }) householdTraits: string[] | null;
  @ApiProperty({ type: [AvoidanceView] }) avoidances: AvoidanceView[];
  @ApiProperty() maxConcurrentLinkUps: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) trainingCompletedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) coachSignOffAt: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) coachSignOffBy: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) waitingSince: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PersonView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) familyId: string;
  @ApiProperty({ enum: ['adult', 'child'] }) role: string;
  @ApiProperty({ description: 'Always shown.' }) preferredName: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Staff only: absent for families.' })
  legalName?: string | null;
  @ApiProperty({ nullable: true, type: Number }) birthYear: number | null;
  @ApiProperty({ nullable: true, type: String }) ageBand: string | null;
  @ApiProperty({ nullable: true, type: String }) pronouns: string | null;
  @ApiProperty({ nullable: true, type: String }) language: string | null;
  @ApiProperty() interpreterNeeded: boolean;
  @ApiProperty({ nullable: true, type: String }) communicationNeeds: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Staff only.' }) wwccNumber?:
    string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date', description: 'Staff only.' })
  wwccExpiresOn?: string | null;
  @ApiProperty() version: number;
}

export class ConsentStateView {
  @ApiProperty({ enum: ['participation', 'share_with_partner_family', 'evaluation_use'] }) kind: string;
  @ApiProperty() granted: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) since: string | null;
}

export class FamilyStatusEventView {
  @ApiProperty({ nullable: true, type: String }) fromStatus: string | null;
  @ApiProperty() toStatus: string;
  @ApiProperty({
    enum: FAMILY_STATUS_CAUSES,
    description:
      'What moved it: a coach by hand, a shortlist offered, a link-up started, completed or ended early, or an expired check.',
  })
  cause: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) linkUpId: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Staff only: the link-up’s closure or end-early reason code.',
  })
  reason?: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

/** One approval guard of a Sharing family, met or not (the page words it; ids only, never names). */
export class ApprovalGuardView {
  @ApiProperty({ enum: SHARING_APPROVAL_GUARDS }) guard: string;
  @ApiProperty() met: boolean;
  @ApiPropertyOptional({
    type: [String],
    description: 'For the check guard: the adults (person ids) without a current check.',
  })
  personIds?: string[];
}

export class FamilyDetailView extends FamilyView {
  @ApiProperty({ type: [PersonView] }) people: PersonView[];
  @ApiProperty({ type: [ConsentStateView] }) consents: ConsentStateView[];
  @ApiProperty({ type: [String], description: 'Lifecycle statuses a coach may move the family to now.' })
  allowedStatusMoves: string[];
  @ApiProperty({ type: [FamilyStatusEventView], description: 'Every status move, oldest first.' })
  statusHistory: FamilyStatusEventView[];
  @ApiProperty({
    type: [ApprovalGuardView],
    nullable: true,
    description:
      'A Sharing family that may move to approved: each approval guard as the approval would check it now (the coach’s sign-off is given with the approval, so it shows unmet until then). null otherwise.',
  })
  approvalChecklist: ApprovalGuardView[] | null;
  @ApiProperty({
    format: 'date',
    description: 'The site’s calendar date now (YYYY-MM-DD, from the clock): the default of date inputs.',
  })
  today: string;
  @ApiProperty({ example: 'Australia/Adelaide', description: 'The site’s time zone (an IANA name).' })
  timeZone: string;
}

/** A row of the families list: the family, and what tells two of the same name apart. */
export class FamilyListItemView extends FamilyView {
  @ApiProperty({ nullable: true, type: String, description: 'The primary coach’s display name.' })
  coachName: string | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Whole weeks since the family started waiting; null when it is not waiting.',
  })
  weeksWaiting: number | null;
}

export class FamilyPageView {
  @ApiProperty({ type: [FamilyListItemView] }) items: FamilyListItemView[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class ConsentChangeView {
  @ApiProperty() changed: boolean;
  @ApiProperty({ type: [ConsentStateView] }) consents: ConsentStateView[];
}

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

export const toFamilyView = (f: Family): FamilyView => ({
  id: f.id,
  kind: f.kind,
  status: f.status,
  displayName: f.displayName,
  siteId: f.siteId,
  primaryCoachId: f.primaryCoachId,
  suburb: f.suburb,
  postcode: f.postcode,
  latitude: f.latitude,
  longitude: f.longitude,
  languages: f.languages,
  interpreterNeeded: f.interpreterNeeded,
  interpreterArranged: f.interpreterArranged,
  interests: f.interests,
  lifeExperiences: f.lifeExperiences,
  goalThemes: f.goalThemes,
  strengths: f.strengths,
  availabilitySlots: f.availabilitySlots,
  childrenAgeBands: f.childrenAgeBands,
  householdTraits: f.householdTraits,
  avoidances: f.avoidances.map((a) => ({
    kind: a.kind,
    ...(a.value === undefined ? {} : { value: a.value }),
  })),
  maxConcurrentLinkUps: f.maxConcurrentLinkUps,
  trainingCompletedAt: iso(f.trainingCompletedAt),
  coachSignOffAt: iso(f.coachSignOffAt),
  coachSignOffBy: f.coachSignOffBy,
  waitingSince: iso(f.waitingSince),
  version: f.version,
  createdAt: f.createdAt.toISOString(),
  updatedAt: f.updatedAt.toISOString(),
});

/** Preferred names for everyone; legal names and checks only for staff. */
export const toPersonView = (p: Person, actor: Actor): PersonView => ({
  id: p.id,
  familyId: p.familyId,
  role: p.role,
  preferredName: p.preferredName,
  ...(isStaff(actor) ? { legalName: p.legalName } : {}),
  birthYear: p.birthYear,
  ageBand: p.ageBand,
  pronouns: p.pronouns,
  language: p.language,
  interpreterNeeded: p.interpreterNeeded,
  communicationNeeds: p.communicationNeeds,
  ...(isStaff(actor) ? { wwccNumber: p.wwccNumber, wwccExpiresOn: p.wwccExpiresOn } : {}),
  version: p.version,
});

export const toConsentStateView = (c: ConsentState): ConsentStateView => ({
  kind: c.kind,
  granted: c.granted,
  since: iso(c.since),
});

/** A status move; the reason of a link-up's closing only for staff (as on the link-up). */
export const toStatusEventView = (e: FamilyStatusEvent, actor: Actor): FamilyStatusEventView => ({
  fromStatus: e.fromStatus,
  toStatus: e.toStatus,
  cause: e.cause,
  linkUpId: e.linkUpId,
  ...(isStaff(actor) ? { reason: e.reason } : {}),
  at: e.at.toISOString(),
});

export const toFamilyListItemView = (item: FamilyListItem): FamilyListItemView => ({
  ...toFamilyView(item.family),
  coachName: item.coachName,
  weeksWaiting: item.weeksWaiting,
});

export const toApprovalGuardView = (g: {
  guard: string;
  met: boolean;
  personIds?: readonly string[];
}): ApprovalGuardView => ({
  guard: g.guard,
  met: g.met,
  ...(g.personIds === undefined ? {} : { personIds: [...g.personIds] }),
});
