import { isLinkUpStage, LinkUpStage } from '../link-up-stages';
import { CadenceParty } from './check-in-cadence-settings';

/**
 * Deterministic keys of planned check-ins. Unique within a link-up, so a unique constraint on
 * `(link_up_id, plan_key)` stops two planners (or a retried job) from creating a check-in twice.
 * A key names the segment it belongs to (the moment the link-up started, changed stage or resumed),
 * so a segment that is cancelled by a pause or a stage change never collides with the next one.
 *
 *   first-contact
 *   stage:<to stage>:<ISO time of the change>
 *   resume:<ISO time of the resume>
 *   cadence:<sharing|seeking>:<stage>:<ISO segment start>:<n>     n = 1, 2, ...
 *   closure:<ISO segment start>
 */

export const CHECK_IN_KINDS = ['first_contact', 'stage_change', 'resume', 'cadence', 'closure'] as const;
export type CheckInKind = (typeof CHECK_IN_KINDS)[number];

export type ParsedPlanKey =
  | { readonly kind: 'first_contact' }
  | { readonly kind: 'stage_change'; readonly stage: LinkUpStage; readonly segmentStart: Date }
  | { readonly kind: 'resume'; readonly segmentStart: Date }
  | {
      readonly kind: 'cadence';
      readonly party: CadenceParty;
      readonly stage: LinkUpStage;
      readonly segmentStart: Date;
      readonly occurrence: number;
    }
  | { readonly kind: 'closure'; readonly segmentStart: Date };

export const FIRST_CONTACT_PLAN_KEY = 'first-contact';

export function stageChangePlanKey(stage: LinkUpStage, changedAt: Date): string {
  return `stage:${stage}:${changedAt.toISOString()}`;
}

export function resumePlanKey(resumedAt: Date): string {
  return `resume:${resumedAt.toISOString()}`;
}

export function cadencePlanKey(
  party: CadenceParty,
  stage: LinkUpStage,
  segmentStart: Date,
  occurrence: number,
): string {
  return `cadence:${party}:${stage}:${segmentStart.toISOString()}:${occurrence}`;
}

export function closurePlanKey(segmentStart: Date): string {
  return `closure:${segmentStart.toISOString()}`;
}

const ISO = '(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z)';
const STAGE_KEY = new RegExp(`^stage:([a-z_]+):${ISO}$`);
const RESUME_KEY = new RegExp(`^resume:${ISO}$`);
const CADENCE_KEY = new RegExp(`^cadence:(sharing|seeking):([a-z_]+):${ISO}:([1-9]\\d{0,8})$`);
const CLOSURE_KEY = new RegExp(`^closure:${ISO}$`);

function parseIso(text: string): Date | null {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) || date.toISOString() !== text ? null : date;
}

/** Reads a key made by the functions above; null for any other string (e.g. an ad hoc check-in). */
export function parsePlanKey(key: string): ParsedPlanKey | null {
  if (key === FIRST_CONTACT_PLAN_KEY) return { kind: 'first_contact' };
  let match = STAGE_KEY.exec(key);
  if (match) {
    const segmentStart = parseIso(match[2]);
    return isLinkUpStage(match[1]) && segmentStart
      ? { kind: 'stage_change', stage: match[1], segmentStart }
      : null;
  }
  match = RESUME_KEY.exec(key);
  if (match) {
    const segmentStart = parseIso(match[1]);
    return segmentStart ? { kind: 'resume', segmentStart } : null;
  }
  match = CADENCE_KEY.exec(key);
  if (match) {
    const segmentStart = parseIso(match[3]);
    const party = match[1] as CadenceParty;
    return isLinkUpStage(match[2]) && segmentStart
      ? { kind: 'cadence', party, stage: match[2], segmentStart, occurrence: Number(match[4]) }
      : null;
  }
  match = CLOSURE_KEY.exec(key);
  if (match) {
    const segmentStart = parseIso(match[1]);
    return segmentStart ? { kind: 'closure', segmentStart } : null;
  }
  return null;
}
