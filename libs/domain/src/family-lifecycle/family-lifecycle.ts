/**
 * Family lifecycles (DESIGN §4.1), as pure rules: which status moves a coach may make, and the
 * guards a Sharing family must meet to be approved. The caller gathers the facts; nothing here
 * reads a clock or a database.
 */
export const SEEKING_STATUSES = [
  'referred',
  'intake',
  'choosing',
  'linked',
  'completed',
  'waitlisted',
  'withdrawn',
] as const;
export type SeekingStatus = (typeof SEEKING_STATUSES)[number];

export const SHARING_STATUSES = ['enquiry', 'in_training', 'approved', 'on_hold', 'exited'] as const;
export type SharingStatus = (typeof SHARING_STATUSES)[number];

export type FamilyLifecycleKind = 'seeking' | 'sharing';
export type LifecycleStatus = SeekingStatus | SharingStatus;

/**
 * The moves a coach makes by hand. `linked` is never set by hand: recording the family's choice
 * sets it, with the link-up. A withdrawn family may be referred again; an exited Sharing family
 * may enquire again.
 */
const SEEKING_MOVES: Readonly<Record<SeekingStatus, readonly SeekingStatus[]>> = {
  referred: ['intake', 'waitlisted', 'withdrawn'],
  intake: ['choosing', 'waitlisted', 'withdrawn'],
  choosing: ['waitlisted', 'intake', 'withdrawn'],
  waitlisted: ['choosing', 'intake', 'withdrawn'],
  linked: ['completed', 'choosing', 'withdrawn'],
  completed: [],
  withdrawn: ['referred'],
};

const SHARING_MOVES: Readonly<Record<SharingStatus, readonly SharingStatus[]>> = {
  enquiry: ['in_training', 'exited'],
  in_training: ['approved', 'exited'],
  approved: ['on_hold', 'exited'],
  on_hold: ['approved', 'exited'],
  exited: ['enquiry'],
};

/** The statuses a move into `to` must pass the approval guards for. */
const GUARDED: ReadonlySet<SharingStatus> = new Set(['approved']);

export const SHARING_APPROVAL_GUARDS = [
  'TRAINING_COMPLETED',
  'WWCC_CURRENT_FOR_EVERY_ADULT',
  'PARTICIPATION_CONSENT',
  'COACH_SIGN_OFF',
] as const;
export type SharingApprovalGuard = (typeof SHARING_APPROVAL_GUARDS)[number];

/** A Sharing adult's Working With Children Check, as recorded. */
export interface AdultCheck {
  readonly personId: string;
  readonly wwccNumber: string | null;
  /** ISO date (YYYY-MM-DD) or null when none is recorded. */
  readonly wwccExpiresOn: string | null;
}

export interface SharingApprovalFacts {
  readonly trainingCompleted: boolean;
  readonly adults: readonly AdultCheck[];
  readonly participationConsent: boolean;
  readonly coachSignedOff: boolean;
  /** ISO date the checks must be valid on. */
  readonly today: string;
}

export interface ApprovalGuardResult {
  readonly guard: SharingApprovalGuard;
  readonly met: boolean;
  /** Plain language for the coach; ids only, never names. */
  readonly message: string;
  /** For the check guard: the adults (person ids) without a current check. */
  readonly personIds?: readonly string[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a check is current on `today`: a number is recorded and it expires on or after today. */
export function isCheckCurrent(check: AdultCheck, today: string): boolean {
  if (check.wwccNumber === null || check.wwccNumber.trim() === '') return false;
  if (check.wwccExpiresOn === null || !ISO_DATE.test(check.wwccExpiresOn.slice(0, 10))) return false;
  return check.wwccExpiresOn.slice(0, 10) >= today;
}

/** The adults (person ids) whose check is missing or expired on `today`. */
export function adultsWithoutCurrentCheck(adults: readonly AdultCheck[], today: string): string[] {
  return adults.filter((adult) => !isCheckCurrent(adult, today)).map((adult) => adult.personId);
}

/** Every approval guard with whether it is met, in SHARING_APPROVAL_GUARDS order. */
export function evaluateSharingApprovalGuards(facts: SharingApprovalFacts): ApprovalGuardResult[] {
  const lacking = adultsWithoutCurrentCheck(facts.adults, facts.today);
  const checksMet = facts.adults.length > 0 && lacking.length === 0;
  return [
    {
      guard: 'TRAINING_COMPLETED',
      met: facts.trainingCompleted,
      message: facts.trainingCompleted
        ? 'Training is completed.'
        : 'Record the date the family completed its training.',
    },
    {
      guard: 'WWCC_CURRENT_FOR_EVERY_ADULT',
      met: checksMet,
      message:
        facts.adults.length === 0
          ? 'Add the adults of the family, each with a current Working With Children Check.'
          : checksMet
            ? 'Every adult has a current Working With Children Check.'
            : `${lacking.length} of ${facts.adults.length} adult${facts.adults.length === 1 ? '' : 's'} ` +
              'need a current Working With Children Check (number and an expiry not yet passed).',
      ...(checksMet ? {} : { personIds: lacking }),
    },
    {
      guard: 'PARTICIPATION_CONSENT',
      met: facts.participationConsent,
      message: facts.participationConsent
        ? 'The family has consented to take part.'
        : "Record the family's consent to take part.",
    },
    {
      guard: 'COACH_SIGN_OFF',
      met: facts.coachSignedOff,
      message: facts.coachSignedOff
        ? 'A coach has signed the family off.'
        : 'A coach or supervisor signs the family off (signOff: true with the approval).',
    },
  ];
}

export type StatusChangePlan =
  | { readonly ok: true; readonly guarded: boolean }
  | {
      readonly ok: false;
      readonly reason: 'same_status' | 'unknown_status' | 'not_allowed' | 'set_by_choice';
    }
  | { readonly ok: false; readonly reason: 'guards_unmet'; readonly unmet: readonly ApprovalGuardResult[] };

/** The statuses a family of `kind` may move to by hand from `from`. */
export function allowedStatusMoves(kind: FamilyLifecycleKind, from: string): readonly string[] {
  if (kind === 'seeking') return SEEKING_MOVES[from as SeekingStatus] ?? [];
  return SHARING_MOVES[from as SharingStatus] ?? [];
}

/**
 * Whether a family of `kind` may move from `from` to `to` by hand. Moves into `approved` read the
 * approval facts (required then) and report each unmet guard by name.
 */
export function planFamilyStatusChange(
  kind: FamilyLifecycleKind,
  from: string,
  to: string,
  approval?: SharingApprovalFacts,
): StatusChangePlan {
  const statuses: readonly string[] = kind === 'seeking' ? SEEKING_STATUSES : SHARING_STATUSES;
  if (!statuses.includes(to) || !statuses.includes(from)) return { ok: false, reason: 'unknown_status' };
  if (from === to) return { ok: false, reason: 'same_status' };
  if (kind === 'seeking' && to === 'linked') return { ok: false, reason: 'set_by_choice' };
  if (!allowedStatusMoves(kind, from).includes(to)) return { ok: false, reason: 'not_allowed' };
  if (kind === 'sharing' && GUARDED.has(to as SharingStatus)) {
    if (approval === undefined) throw new Error('planFamilyStatusChange: approval facts are required');
    const unmet = evaluateSharingApprovalGuards(approval).filter((result) => !result.met);
    if (unmet.length > 0) return { ok: false, reason: 'guards_unmet', unmet };
    return { ok: true, guarded: true };
  }
  return { ok: true, guarded: false };
}

/** Seeking statuses in which a family waits for a link-up (cohort matching, fairness). */
export const WAITING_SEEKING_STATUSES: readonly SeekingStatus[] = ['choosing', 'waitlisted'];

/**
 * The waiting-since date after a move: set when a Seeking family starts waiting (kept if it was
 * already waiting), cleared when it stops (linked, completed, withdrawn).
 */
export function waitingSinceAfter(to: string, current: Date | null, now: Date): Date | null {
  if ((WAITING_SEEKING_STATUSES as readonly string[]).includes(to)) return current ?? now;
  if (to === 'intake' || to === 'referred') return current;
  return null;
}

/**
 * Whether an approved Sharing family must go on hold on `today` because a check has run out (or
 * an adult has none).
 */
export function needsHoldForChecks(status: string, adults: readonly AdultCheck[], today: string): boolean {
  return (
    status === 'approved' && (adults.length === 0 || adultsWithoutCurrentCheck(adults, today).length > 0)
  );
}
