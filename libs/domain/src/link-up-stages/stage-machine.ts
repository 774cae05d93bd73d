import {
  EndEarlyReason,
  FINAL_LINK_UP_STAGE,
  isClosedLinkUpStatus,
  isEndEarlyReason,
  LINK_UP_STAGE_LABELS,
  LinkUpStage,
  LinkUpStatus,
  nextStage,
  previousStage,
  stageIndex,
} from './link-up-stages.constants';
import { GuardedTarget, RESUME_GUARDS, StageGuardName, StageGuardSettings } from './stage-guard-settings';
import { evaluateGuard, evaluateStageGuards, GuardResult, StageGuardFacts } from './stage-guards';

/**
 * The link-up stage machine (DESIGN §4.3): pure, time given as input.
 *
 *   relationship_building ⇄ doing_with ⇄ doing_without → completed
 *   active ⇄ paused;  active | paused → ended_early
 *
 * One stage at a time in either direction; moving forward checks the guards the programme settings
 * attach to the target; moving back needs a reason; pausing needs a reason; a paused link-up can
 * only be resumed (not while an urgent safeguarding concern is open) or ended early; a completed or
 * ended link-up accepts nothing. A reason given with an advance or a resume is recorded too.
 */

export interface LinkUpState {
  readonly stage: LinkUpStage;
  readonly status: LinkUpStatus;
}

export const TRANSITION_KINDS = ['advance', 'move_back', 'pause', 'resume', 'complete', 'end_early'] as const;
export type TransitionKind = (typeof TRANSITION_KINDS)[number];

/**
 * What the coach asks for. Stage moves name their target so that a request made against a stale
 * view (someone else already moved the stage) is refused instead of moving twice.
 */
export type TransitionRequest =
  | {
      readonly kind: 'advance';
      readonly to: LinkUpStage;
      /** Optional: recorded in the history when given. */
      readonly reason?: string | null;
      readonly at: Date;
    }
  | { readonly kind: 'move_back'; readonly to: LinkUpStage; readonly reason: string; readonly at: Date }
  | { readonly kind: 'pause'; readonly reason: string; readonly at: Date }
  | {
      readonly kind: 'resume';
      /** Optional: recorded in the history when given. */
      readonly reason?: string | null;
      readonly at: Date;
    }
  | { readonly kind: 'complete'; readonly closureReason: string; readonly at: Date }
  | {
      readonly kind: 'end_early';
      readonly endReason: EndEarlyReason;
      /** Required when `endReason` is `other`. */
      readonly note?: string | null;
      readonly at: Date;
    };

/** Why a move is refused. `GUARD_FAILED` carries the unmet guards; the others are forbidden moves. */
export const TRANSITION_ERROR_CODES = [
  'GUARD_FAILED',
  'LINK_UP_CLOSED',
  'LINK_UP_PAUSED',
  'ALREADY_PAUSED',
  'NOT_PAUSED',
  'ALREADY_IN_STAGE',
  'WRONG_DIRECTION',
  'STAGE_SKIP_NOT_ALLOWED',
  'NO_NEXT_STAGE',
  'NO_PREVIOUS_STAGE',
  'NOT_IN_FINAL_STAGE',
  'REASON_REQUIRED',
  'NOTE_REQUIRED',
  'INVALID_END_REASON',
] as const;
export type TransitionErrorCode = (typeof TRANSITION_ERROR_CODES)[number];

/** The recorded transition: what the stage history row holds (who is added by the caller). */
export interface TransitionRecord {
  readonly kind: TransitionKind;
  readonly at: Date;
  readonly fromStage: LinkUpStage;
  readonly toStage: LinkUpStage;
  readonly fromStatus: LinkUpStatus;
  readonly toStatus: LinkUpStatus;
  /**
   * Why: the move-back or pause reason, the optional reason of an advance or a resume, or the note
   * given when ending early.
   */
  readonly reason: string | null;
  /** On completion the coach's closure reason; on ending early the `EndEarlyReason`. */
  readonly closureReason: string | null;
  readonly endReason: EndEarlyReason | null;
}

export interface TransitionAllowed {
  readonly ok: true;
  readonly next: LinkUpState;
  readonly record: TransitionRecord;
  /** The guards that were checked, all met (empty for moves without guards). */
  readonly guards: readonly GuardResult[];
}

export interface TransitionRefused {
  readonly ok: false;
  readonly code: TransitionErrorCode;
  /** Plain language, for the coach. */
  readonly message: string;
  /** Names of the unmet guards, in the configured order; empty unless `code` is `GUARD_FAILED`. */
  readonly unmetGuards: readonly StageGuardName[];
  /** The unmet guards with a message each saying what is missing. */
  readonly unmetGuardDetails: readonly GuardResult[];
}

export type TransitionPlan = TransitionAllowed | TransitionRefused;

function refuse(code: TransitionErrorCode, message: string): TransitionRefused {
  const sentence = message.charAt(0).toUpperCase() + message.slice(1);
  return { ok: false, code, message: sentence, unmetGuards: [], unmetGuardDetails: [] };
}

function label(stage: LinkUpStage): string {
  return LINK_UP_STAGE_LABELS[stage];
}

function clean(text: string | null | undefined): string | null {
  const trimmed = (text ?? '').trim();
  return trimmed.length > 0 ? trimmed : null;
}

function allow(
  state: LinkUpState,
  request: TransitionRequest,
  next: LinkUpState,
  fields: Pick<TransitionRecord, 'reason' | 'closureReason' | 'endReason'>,
  guards: readonly GuardResult[] = [],
): TransitionAllowed {
  return {
    ok: true,
    next,
    record: {
      kind: request.kind,
      at: request.at,
      fromStage: state.stage,
      toStage: next.stage,
      fromStatus: state.status,
      toStatus: next.status,
      ...fields,
    },
    guards,
  };
}

function checkGuards(
  target: GuardedTarget,
  state: LinkUpState,
  facts: StageGuardFacts,
  closureReason: string | null,
  settings: StageGuardSettings,
): { ok: true; results: GuardResult[] } | TransitionRefused {
  const results = evaluateStageGuards(target, facts, { fromStage: state.stage, closureReason }, settings);
  const unmet = results.filter((result) => !result.met);
  if (unmet.length === 0) return { ok: true, results };
  const what = target === 'completed' ? 'complete the link-up' : `move to ${label(target)}`;
  return {
    ok: false,
    code: 'GUARD_FAILED',
    message: `Cannot ${what} yet: ${unmet.map((result) => result.message).join(' ')}`,
    unmetGuards: unmet.map((result) => result.guard),
    unmetGuardDetails: unmet,
  };
}

/** The fixed guards of a resume (`RESUME_GUARDS`): refused with `GUARD_FAILED` naming the unmet ones. */
function checkResumeGuards(
  state: LinkUpState,
  facts: StageGuardFacts,
  settings: StageGuardSettings,
): { ok: true; results: GuardResult[] } | TransitionRefused {
  const results = RESUME_GUARDS.map((guard) =>
    evaluateGuard(guard, facts, { fromStage: state.stage, closureReason: null }, settings),
  );
  const unmet = results.filter((result) => !result.met);
  if (unmet.length === 0) return { ok: true, results };
  return {
    ok: false,
    code: 'GUARD_FAILED',
    message: `Cannot resume the link-up yet: ${unmet.map((result) => result.message).join(' ')}`,
    unmetGuards: unmet.map((result) => result.guard),
    unmetGuardDetails: unmet,
  };
}

/** Checks that `to` is exactly one stage away from `from` in the requested direction. */
function checkOneStep(
  from: LinkUpStage,
  to: LinkUpStage,
  direction: 'forward' | 'back',
): TransitionRefused | null {
  const step = stageIndex(to) - stageIndex(from);
  if (step === 0) return refuse('ALREADY_IN_STAGE', `The link-up is already in ${label(from)}.`);
  if (direction === 'forward' && step < 0) {
    return refuse('WRONG_DIRECTION', `${label(to)} comes before ${label(from)}: move back a stage instead.`);
  }
  if (direction === 'back' && step > 0) {
    return refuse('WRONG_DIRECTION', `${label(to)} comes after ${label(from)}: advance a stage instead.`);
  }
  if (Math.abs(step) > 1) {
    return refuse(
      'STAGE_SKIP_NOT_ALLOWED',
      `The link-up moves one stage at a time: from ${label(from)} it can only go to ` +
        `${label((direction === 'forward' ? nextStage(from) : previousStage(from)) ?? from)}.`,
    );
  }
  return null;
}

/**
 * Decides whether `request` may happen to a link-up in `state`, and if so what it becomes and what
 * to record. Refusals carry a distinct code; guard failures name every unmet guard.
 *
 * `facts` are only read by guarded moves (advance, resume and complete).
 */
export function planTransition(
  state: LinkUpState,
  request: TransitionRequest,
  facts: StageGuardFacts,
  settings: StageGuardSettings,
): TransitionPlan {
  if (isClosedLinkUpStatus(state.status)) {
    return refuse(
      'LINK_UP_CLOSED',
      `The link-up is ${state.status === 'completed' ? 'completed' : 'ended'}; nothing can change any more.`,
    );
  }
  const paused = state.status === 'paused';
  const pausedRefusal = (): TransitionRefused =>
    refuse('LINK_UP_PAUSED', 'The link-up is paused: resume it first (or end it early).');
  const none = { reason: null, closureReason: null, endReason: null };

  switch (request.kind) {
    case 'advance': {
      if (paused) return pausedRefusal();
      const next = nextStage(state.stage);
      if (next === null) {
        return refuse(
          'NO_NEXT_STAGE',
          `${label(state.stage)} is the last stage: complete the link-up instead.`,
        );
      }
      const step = checkOneStep(state.stage, request.to, 'forward');
      if (step) return step;
      const guards = checkGuards(next as GuardedTarget, state, facts, null, settings);
      if (!guards.ok) return guards;
      return allow(
        state,
        request,
        { stage: next, status: 'active' },
        { ...none, reason: clean(request.reason) },
        guards.results,
      );
    }
    case 'move_back': {
      if (paused) return pausedRefusal();
      const previous = previousStage(state.stage);
      if (previous === null) {
        return refuse(
          'NO_PREVIOUS_STAGE',
          `${label(state.stage)} is the first stage: there is no stage before it.`,
        );
      }
      const step = checkOneStep(state.stage, request.to, 'back');
      if (step) return step;
      const reason = clean(request.reason);
      if (reason === null) return refuse('REASON_REQUIRED', 'Say why the link-up is moving back a stage.');
      return allow(state, request, { stage: previous, status: 'active' }, { ...none, reason });
    }
    case 'pause': {
      if (paused) return refuse('ALREADY_PAUSED', 'The link-up is already paused.');
      const reason = clean(request.reason);
      if (reason === null) return refuse('REASON_REQUIRED', 'Say why the link-up is being paused.');
      return allow(state, request, { stage: state.stage, status: 'paused' }, { ...none, reason });
    }
    case 'resume': {
      if (!paused) return refuse('NOT_PAUSED', 'The link-up is not paused, so it cannot be resumed.');
      const guards = checkResumeGuards(state, facts, settings);
      if (!guards.ok) return guards;
      return allow(
        state,
        request,
        { stage: state.stage, status: 'active' },
        { ...none, reason: clean(request.reason) },
        guards.results,
      );
    }
    case 'complete': {
      if (paused) return pausedRefusal();
      if (state.stage !== FINAL_LINK_UP_STAGE) {
        return refuse(
          'NOT_IN_FINAL_STAGE',
          `A link-up can only be completed from ${label(FINAL_LINK_UP_STAGE)}; it is in ${label(state.stage)}.`,
        );
      }
      const closureReason = clean(request.closureReason);
      const guards = checkGuards('completed', state, facts, closureReason, settings);
      if (!guards.ok) return guards;
      return allow(
        state,
        request,
        { stage: state.stage, status: 'completed' },
        { ...none, closureReason },
        guards.results,
      );
    }
    case 'end_early': {
      const endReason: unknown = request.endReason;
      if (!isEndEarlyReason(endReason)) {
        return refuse('INVALID_END_REASON', 'Choose one of the listed reasons for ending the link-up early.');
      }
      const note = clean(request.note);
      if (endReason === 'other' && note === null) {
        return refuse('NOTE_REQUIRED', 'Say why the link-up is ending when the reason is "other".');
      }
      return allow(
        state,
        request,
        { stage: state.stage, status: 'ended_early' },
        { reason: note, closureReason: endReason, endReason },
      );
    }
  }
}
