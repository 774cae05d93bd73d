import { AuditEvent } from './audit/audit-event.entity';
import { LoginThrottleCounter } from './auth/login-throttle-counter.entity';
import { FamilyInvitation } from './auth/family-invitation.entity';
import { PasswordResetToken } from './auth/password-reset-token.entity';
import { CHECK_INS_ENTITIES } from './check-ins/check-ins.entities';
import type { EntityClass } from './entity-class';
import { EXPORTS_ENTITIES } from './exports/exports.entities';
import { FAMILIES_ENTITIES } from './families/families.entities';
import { FEEDBACK_ENTITIES } from './feedback/feedback.entities';
import { JOURNEY_ENTITIES } from './journey/journey.entities';
import { LINK_UPS_ENTITIES } from './link-ups/link-ups.entities';
import { MATCHING_ENTITIES } from './matching/matching.entities';
import { NOTIFICATIONS_ENTITIES } from './notifications/notifications.entities';
import { OUTCOME_MEASURES_ENTITIES } from './outcome-measures/outcome-measures.entities';
import { SAFEGUARDING_ENTITIES } from './safeguarding/safeguarding.entities';
import { ProgrammeSettingsVersion } from './settings/programme-settings-version.entity';
import { Site } from './sites/site.entity';
import { SystemPing } from './system/system-ping.entity';
import { User } from './users/user.entity';

/** Every entity of the app, for the one data source (app, CLI and tests). Each feature lists its own. */
export const CORE_ENTITIES: readonly EntityClass[] = [
  Site,
  SystemPing,
  User,
  AuditEvent,
  LoginThrottleCounter,
  PasswordResetToken,
  FamilyInvitation,
  ProgrammeSettingsVersion,
  ...FAMILIES_ENTITIES,
  ...MATCHING_ENTITIES,
  ...LINK_UPS_ENTITIES,
  ...JOURNEY_ENTITIES,
  ...FEEDBACK_ENTITIES,
  ...OUTCOME_MEASURES_ENTITIES,
  ...CHECK_INS_ENTITIES,
  ...SAFEGUARDING_ENTITIES,
  ...NOTIFICATIONS_ENTITIES,
  ...EXPORTS_ENTITIES,
];
