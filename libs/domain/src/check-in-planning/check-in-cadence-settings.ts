import { LINK_UP_STAGES, LinkUpStage } from '../link-up-stages';

/** Who a check-in is with (DESIGN §3). */
export const CHECK_IN_PARTIES = ['sharing', 'seeking', 'both'] as const;
export type CheckInParty = (typeof CHECK_IN_PARTIES)[number];

/** The parties that have a regular cadence of their own. */
export const CADENCE_PARTIES = ['sharing', 'seeking'] as const;
export type CadenceParty = (typeof CADENCE_PARTIES)[number];

const SECOND = 1000;
const HOUR = 60 * 60 * SECOND;
const DAY = 24 * HOUR;

/** A one-off check-in the planner may add, and how long after its trigger it is due. */
export interface OneOffCheckInSettings {
  readonly enabled: boolean;
  readonly dueWithinMs: number;
}

/**
 * Programme settings for check-in planning (DESIGN §4.4). Every duration is in milliseconds so
 * tests and demo settings can use cadences of seconds.
 */
export interface CheckInCadenceSettings {
  /** The first contact is due this long after the link-up starts (default 48 hours). */
  readonly firstContactWithinMs: number;
  /** Per party and stage, the time between regular check-ins; null for none in that stage. */
  readonly cadenceMs: Readonly<Record<CadenceParty, Readonly<Record<LinkUpStage, number | null>>>>;
  /** A check-in with both families after every stage change, forward or back (default within 7 days). */
  readonly stageChangeCheckIn: OneOffCheckInSettings;
  /** A check-in with both families after a pause ends (default within 7 days). */
  readonly resumeCheckIn: OneOffCheckInSettings;
  /**
   * The closure check-in, planned while the link-up is in its final stage and due once it has been
   * active there this long (`dueWithinMs`; paused time does not count; default 28 days).
   */
  readonly closureCheckIn: OneOffCheckInSettings;
  /** A due check-in still open this long after its due time is missed and escalated (default 3 days). */
  readonly gracePeriodMs: number;
  /**
   * How far ahead regular check-ins are created: every occurrence due up to `now + planningHorizonMs`,
   * plus the first one after it. The default 0 keeps exactly the next occurrence per party on file.
   */
  readonly planningHorizonMs: number;
}

export const DEFAULT_CHECK_IN_CADENCE_SETTINGS: CheckInCadenceSettings = Object.freeze({
  firstContactWithinMs: 48 * HOUR,
  cadenceMs: Object.freeze({
    sharing: Object.freeze({
      relationship_building: 14 * DAY,
      doing_with: 14 * DAY,
      doing_without: 14 * DAY,
    }),
    seeking: Object.freeze({
      relationship_building: 28 * DAY,
      doing_with: 28 * DAY,
      doing_without: 28 * DAY,
    }),
  }),
  stageChangeCheckIn: Object.freeze({ enabled: true, dueWithinMs: 7 * DAY }),
  resumeCheckIn: Object.freeze({ enabled: true, dueWithinMs: 7 * DAY }),
  closureCheckIn: Object.freeze({ enabled: true, dueWithinMs: 28 * DAY }),
  gracePeriodMs: 3 * DAY,
  planningHorizonMs: 0,
});

/** A cadence is at least a second apart (a shorter one would flood the queue)... */
export const MIN_CADENCE_MS = 1_000;
/** ...and at most a year; every other duration is at most a year too, so sums stay in the Date range. */
export const MAX_DURATION_MS = 365 * DAY;

/** Every problem with a settings object, in plain language; empty when it is valid. */
export function validateCheckInCadenceSettings(settings: CheckInCadenceSettings): string[] {
  const problems: string[] = [];
  const duration = (path: string, value: unknown, min: number): void => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      problems.push(
        `${path} must be a whole number of milliseconds ${
          min === 0
            ? 'of at least 0'
            : min === MIN_CADENCE_MS
              ? 'of at least 1000 (a second)'
              : `of at least ${min}`
        }`,
      );
    } else if (value > MAX_DURATION_MS) {
      problems.push(`${path} must be at most a year (${MAX_DURATION_MS} milliseconds)`);
    }
  };
  duration('firstContactWithinMs', settings.firstContactWithinMs, 0);
  for (const party of CADENCE_PARTIES) {
    for (const stage of LINK_UP_STAGES) {
      const value = settings.cadenceMs?.[party]?.[stage];
      if (value !== null) duration(`cadenceMs.${party}.${stage}`, value, MIN_CADENCE_MS);
    }
  }
  for (const key of ['stageChangeCheckIn', 'resumeCheckIn', 'closureCheckIn'] as const) {
    const oneOff = settings[key];
    if (typeof oneOff?.enabled !== 'boolean') problems.push(`${key}.enabled must be true or false`);
    duration(`${key}.dueWithinMs`, oneOff?.dueWithinMs, 0);
  }
  duration('gracePeriodMs', settings.gracePeriodMs, 0);
  duration('planningHorizonMs', settings.planningHorizonMs, 0);
  return problems;
}
