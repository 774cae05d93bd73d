import {
  END_EARLY_REASONS,
  isEndEarlyReason,
  LINK_UP_STAGES,
  LinkUpStage,
  stageIndex,
} from './link-up-stages.constants';
import { TransitionRequest } from './stage-machine';

/**
 * What `POST /api/link-ups/:id/transitions` may name as `to`: a stage, or a status
 * (`paused` pauses, `active` resumes, `completed` completes, `ended_early` ends early).
 */
export const TRANSITION_TARGETS = [
  ...LINK_UP_STAGES,
  'paused',
  'active',
  'completed',
  'ended_early',
] as const;
export type TransitionTarget = (typeof TRANSITION_TARGETS)[number];

export function isTransitionTarget(value: unknown): value is TransitionTarget {
  return typeof value === 'string' && (TRANSITION_TARGETS as readonly string[]).includes(value);
}

/** The loose shape of a transition request body. */
export interface TransitionTargetInput {
  readonly to: string;
  /**
   * Why: required to move back or pause; optional on an advance or a resume (recorded when given);
   * when ending early, the note (required for `other`).
   */
  readonly reason?: string | null;
  /** On completion, the closure reason; when ending early, one of `END_EARLY_REASONS`. */
  readonly closureReason?: string | null;
}

export type TransitionTargetResult =
  | { readonly ok: true; readonly request: TransitionRequest }
  | { readonly ok: false; readonly code: 'UNKNOWN_TARGET' | 'INVALID_END_REASON'; readonly message: string };

/**
 * Turns a request body into a `TransitionRequest` for `planTransition`. A stage later than the
 * current one is an advance, an earlier one a move back (the same stage is passed on as an advance,
 * which the machine refuses with `ALREADY_IN_STAGE`). Missing reasons are passed on empty so the
 * machine answers with its own codes (`REASON_REQUIRED`, `NOTE_REQUIRED`, or the guard
 * `CLOSURE_REASON_GIVEN`).
 */
export function transitionRequestFromTarget(
  currentStage: LinkUpStage,
  input: TransitionTargetInput,
  at: Date,
): TransitionTargetResult {
  const { to } = input;
  if (!isTransitionTarget(to)) {
    return { ok: false, code: 'UNKNOWN_TARGET', message: `Unknown transition target ${JSON.stringify(to)}.` };
  }
  const reason = input.reason ?? '';
  const closureReason = input.closureReason ?? '';
  switch (to) {
    case 'relationship_building':
    case 'doing_with':
    case 'doing_without':
      return stageIndex(to) < stageIndex(currentStage)
        ? { ok: true, request: { kind: 'move_back', to, reason, at } }
        : { ok: true, request: { kind: 'advance', to, reason, at } };
    case 'paused':
      return { ok: true, request: { kind: 'pause', reason, at } };
    case 'active':
      return { ok: true, request: { kind: 'resume', reason, at } };
    case 'completed':
      return { ok: true, request: { kind: 'complete', closureReason, at } };
    case 'ended_early':
      if (!isEndEarlyReason(closureReason)) {
        return {
          ok: false,
          code: 'INVALID_END_REASON',
          message: `To end a link-up early give one of: ${END_EARLY_REASONS.join(', ')}.`,
        };
      }
      return { ok: true, request: { kind: 'end_early', endReason: closureReason, note: reason, at } };
  }
}
