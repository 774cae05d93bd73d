import { CHECK_IN_KINDS_STORED, CHECK_IN_PARTIES_STORED, CONCERN_SEVERITIES, type Worklist } from '@app/core';
import { GUARDED_TARGETS, LINK_UP_STAGES, STAGE_GUARD_NAMES } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';

export class WorklistCheckInView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) linkUpId: string;
  @ApiProperty({ enum: CHECK_IN_KINDS_STORED }) kind: string;
  @ApiProperty({ enum: CHECK_IN_PARTIES_STORED }) party: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ format: 'date-time' }) overdueAt: string;
  @ApiProperty({ enum: ['overdue', 'due', 'soon'] }) urgency: 'overdue' | 'due' | 'soon';
  @ApiProperty() seekingFamilyName: string;
  @ApiProperty() sharingFamilyName: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) coachId: string | null;
  @ApiProperty({ nullable: true, type: String }) coachName: string | null;
}

export class WorklistLinkUpView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() seekingFamilyName: string;
  @ApiProperty() sharingFamilyName: string;
  @ApiProperty({ enum: LINK_UP_STAGES }) stage: string;
  @ApiProperty({ enum: ['active', 'paused'] }) status: string;
  @ApiProperty({ description: 'Whole active weeks in the current stage.' }) weeksInStage: number;
  @ApiProperty({ enum: GUARDED_TARGETS, nullable: true, type: String }) nextTarget: string | null;
  @ApiProperty({ enum: STAGE_GUARD_NAMES, isArray: true }) unmetGuards: string[];
  @ApiProperty({ description: 'Safeguarding concerns not yet closed.' }) openConcerns: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) coachId: string | null;
  @ApiProperty({ nullable: true, type: String }) coachName: string | null;
}

export class WorklistWaitingFamilyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String }) suburb: string | null;
  @ApiProperty() status: string;
  @ApiProperty({ format: 'date-time' }) waitingSince: string;
  @ApiProperty() weeksWaiting: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) coachId: string | null;
  @ApiProperty({ nullable: true, type: String }) coachName: string | null;
}

export class WorklistSharingFamilyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String }) suburb: string | null;
  @ApiProperty() status: string;
  @ApiProperty({ enum: ['awaiting_approval', 'check_expiring'] }) reason:
    'awaiting_approval' | 'check_expiring';
  @ApiProperty({ format: 'date', nullable: true, type: String }) checkExpiresOn: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) coachId: string | null;
  @ApiProperty({ nullable: true, type: String }) coachName: string | null;
}

export class WorklistConcernView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CONCERN_SEVERITIES }) severity: string;
  @ApiProperty({ enum: ['open', 'triaged'] }) status: string;
  @ApiProperty({ format: 'date-time' }) raisedAt: string;
  @ApiProperty({ format: 'date-time' }) triageDueAt: string;
  @ApiProperty({ description: 'Whole minutes to the triage deadline; negative once passed.' })
  minutesToTriageDeadline: number;
  @ApiProperty() escalated: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) linkUpId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) familyId: string | null;
  @ApiProperty({ nullable: true, type: String }) linkUpStatus: string | null;
  @ApiProperty({ type: [String] }) familyNames: string[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) coachId: string | null;
  @ApiProperty({ nullable: true, type: String }) coachName: string | null;
}

export class WorklistView {
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ description: 'The IANA time zone dates are shown in.' }) timeZone: string;
  @ApiProperty({ format: 'date' }) today: string;
  @ApiProperty({ type: [WorklistCheckInView] }) checkIns: WorklistCheckInView[];
  @ApiProperty({ type: [WorklistLinkUpView] }) linkUps: WorklistLinkUpView[];
  @ApiProperty({ type: [WorklistWaitingFamilyView] }) waitingFamilies: WorklistWaitingFamilyView[];
  @ApiProperty({ type: [WorklistSharingFamilyView] }) sharingFamilies: WorklistSharingFamilyView[];
  @ApiProperty({ type: [WorklistConcernView] }) concerns: WorklistConcernView[];
}

export const toWorklistView = (w: Worklist): WorklistView => ({
  generatedAt: w.generatedAt.toISOString(),
  timeZone: w.timeZone,
  today: w.today,
  checkIns: w.checkIns.map((c) => ({
    ...c,
    dueAt: c.dueAt.toISOString(),
    overdueAt: c.overdueAt.toISOString(),
  })),
  linkUps: w.linkUps.map((l) => ({ ...l, unmetGuards: [...l.unmetGuards] })),
  waitingFamilies: w.waitingFamilies.map((f) => ({ ...f, waitingSince: f.waitingSince.toISOString() })),
  sharingFamilies: w.sharingFamilies.map((f) => ({ ...f })),
  concerns: w.concerns.map((c) => ({
    ...c,
    raisedAt: c.raisedAt.toISOString(),
    triageDueAt: c.triageDueAt.toISOString(),
    familyNames: [...c.familyNames],
  })),
});
