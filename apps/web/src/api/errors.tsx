import { ApiProblem } from './client';

/** Plain sentences for the API's error codes; anything not listed shows the API's own message. */
const SENTENCES: Record<string, string> = {
  NETWORK: 'We could not reach Family Link. Check your internet connection and try again.',
  'AUTH.INVALID_CREDENTIALS': 'That email and password do not match. Please check them and try again.',
  'AUTH.UNAUTHENTICATED': 'Your session has ended. Please sign in again.',
  'AUTH.TOO_MANY_ATTEMPTS': 'Too many tries to sign in. Please wait a few minutes and try again.',
  'ACCESS.FORBIDDEN': 'Your account is not allowed to do this.',
  NOT_FOUND: 'We could not find this. It may have been removed, or it is not on your list.',
  VERSION_CONFLICT:
    'Someone else changed this while you were working on it. Reload the page to see the latest, then try again.',
  MALFORMED_JSON: 'Something went wrong sending the form. Please try again.',
  'CHECK_IN.NOT_OPEN': 'This check-in has already been recorded or cancelled.',
  'FAMILY.STATUS_MOVE_NOT_ALLOWED': 'The family cannot move to that step from where it is now.',
  'FAMILY.SIGN_OFF_NEEDS_COACH': 'A coach needs to sign off this family.',
  'FAMILY.HAS_LIVE_LINK_UP': 'This family is in a link-up that is still going, so this cannot change now.',
  'MATCH.CAPACITY_FULL': 'That Sharing family has no room for another link-up right now.',
  'MATCH.SEEKING_FAMILY_ALREADY_LINKED': 'This Seeking family is already linked up with a Sharing family.',
  'MATCH.SEEKING_FAMILY_NOT_WAITING':
    'This Seeking family is not waiting to choose. Move it to “choosing” on its page first.',
  'MATCH.CANDIDATE_NOT_ELIGIBLE':
    'One of the families chosen can no longer be offered. Refresh the suggestions.',
  'MATCH.PROPOSAL_CLOSED': 'The family has already made its decision about this shortlist.',
  'MATCH.NOT_ON_SHORTLIST': 'That family is not on this shortlist.',
  'MATCH.PAIR_ALREADY_EXCLUDED': 'These two families are already marked never to be matched.',
  'LINK_UP.LINK_UP_CLOSED': 'This link-up has ended, so it cannot change.',
  'SAFEGUARDING.CONCERN_CLOSED': 'This concern is closed.',
  'SITE.NAME_TAKEN': 'There is already a site with that name.',
  'USER.EMAIL_TAKEN': 'There is already an account with that email.',
  'USER.CURRENT_PASSWORD_WRONG': 'Your current password is not right.',
};

/** Names of the stage guards and approval guards, in plain words. */
export const GUARD_WORDS: Record<string, string> = {
  ACTIVE_GOAL_BY_SEEKING_FAMILY: 'The Seeking family has written at least one goal',
  CHECK_IN_COMPLETED_SINCE_START: 'A check-in has been held since the link-up started',
  BASELINE_MEASURE_RECORDED_OR_DECLINED: 'A baseline outcome measure is recorded (or declined)',
  GOAL_RATING_AFTER_BASELINE: 'A goal has been rated since the baseline',
  SMALL_WIN_RECORDED: 'At least one small win is logged',
  EXIT_MEASURE_RECORDED_OR_DECLINED: 'An exit outcome measure is recorded (or declined)',
  CLOSURE_CHECK_IN_COMPLETED: 'The closure check-in has been held',
  NO_OPEN_SAFEGUARDING_CONCERN: 'No safeguarding concern is open',
  CLOSURE_REASON_GIVEN: 'A closure reason is given',
};

function listOf(details: Record<string, unknown>, key: string): unknown[] {
  const value = details[key];
  return Array.isArray(value) ? (value as unknown[]) : [];
}

/** One sentence (and optional bullet points) for a failed call, for people rather than programmers. */
export function describeProblem(error: unknown): { text: string; points: string[] } {
  if (!(error instanceof ApiProblem)) {
    return { text: 'Something went wrong. Please try again.', points: [] };
  }
  if (error.code === 'VALIDATION_FAILED') {
    const points = listOf(error.details, 'fields').flatMap((f) => {
      const field = f as { field?: string; problems?: string[] };
      return (field.problems ?? []).map((p) => p || String(field.field));
    });
    return { text: 'Please check the form: some answers are missing or not right.', points };
  }
  if (error.code === 'LINK_UP.GUARD_FAILED') {
    const points = listOf(error.details, 'unmetGuards').map((g) => GUARD_WORDS[String(g)] ?? String(g));
    return { text: 'This link-up cannot move yet. Still to do:', points };
  }
  if (error.code === 'FAMILY.APPROVAL_GUARDS_UNMET') {
    const points = listOf(error.details, 'unmet').map((u) => {
      const unmet = u as { guard?: string; message?: string };
      return unmet.message ?? String(unmet.guard);
    });
    return { text: 'The family cannot be approved yet. Still to do:', points };
  }
  const known = SENTENCES[error.code];
  if (known !== undefined) return { text: known, points: [] };
  if (error.status >= 500) {
    return { text: 'Family Link had a problem on its side. Please try again in a moment.', points: [] };
  }
  return { text: error.message, points: [] };
}
