import { AuditEvent } from './audit/audit-event.entity';
import { LoginThrottleCounter } from './auth/login-throttle-counter.entity';
import { Consent } from './families/consent.entity';
import { Family } from './families/family.entity';
import { Person } from './families/person.entity';
import { LinkUpEvent } from './link-ups/link-up-event.entity';
import { LinkUp } from './link-ups/link-up.entity';
import { ProgrammeSettingsVersion } from './settings/programme-settings-version.entity';
import { Site } from './sites/site.entity';
import { SystemPing } from './system/system-ping.entity';
import { User } from './users/user.entity';

/** Every entity of the app, for the one data source (app, CLI and tests). */
export const CORE_ENTITIES = [
  Site,
  SystemPing,
  User,
  AuditEvent,
  LoginThrottleCounter,
  ProgrammeSettingsVersion,
  Family,
  Person,
  Consent,
  LinkUp,
  LinkUpEvent,
];
