import { DomainError } from '../errors';

export const SafeguardingErrors = {
  closed: () =>
    new DomainError(
      'SAFEGUARDING.CONCERN_CLOSED',
      'conflict',
      'This concern is closed: its history can be read, not added to.',
    ),
  subjectRequired: () =>
    new DomainError('VALIDATION_FAILED', 'invalid', 'Please check these fields: linkUpId, familyId.', {
      fields: [
        { field: 'linkUpId', problems: ['name the link-up or the family the concern is about'] },
        { field: 'familyId', problems: ['name the link-up or the family the concern is about'] },
      ],
    }),
  familyNotInLinkUp: () =>
    new DomainError('VALIDATION_FAILED', 'invalid', 'Please check these fields: familyId.', {
      fields: [{ field: 'familyId', problems: ['familyId must be one of the link-up’s families'] }],
    }),
  effectNotApplicable: (effect: string, status: string) =>
    new DomainError(
      'SAFEGUARDING.LINK_UP_EFFECT_NOT_APPLICABLE',
      'conflict',
      `The link-up is ${status}, so "${effect}" cannot be applied to it.`,
      { effect, linkUpStatus: status },
    ),
  /**
   * A triage `resume` refused because urgent concerns about the link-up stay open after this
   * triage (DESIGN §4.3: a link-up paused for an urgent concern resumes only once none is open).
   * Still `LINK_UP.GUARD_FAILED` with the guard's name, plus what to do, in plain words.
   */
  resumeBlockedByOpenUrgentConcerns: (
    concernId: string,
    openUrgentConcernIds: readonly string[],
    unmetGuards: readonly string[],
  ) => {
    const thisOneOpen = openUrgentConcernIds.includes(concernId);
    const others = openUrgentConcernIds.filter((id) => id !== concernId);
    const steps: string[] = [];
    if (thisOneOpen)
      steps.push(
        'This concern is urgent and would stay open: to resume in the same triage, close it (send "close": true with "linkUpEffect": "resume"), or triage it without resuming and resume later.',
      );
    if (others.length > 0)
      steps.push(
        `${others.length === 1 ? 'Another urgent concern' : `${others.length} other urgent concerns`} about this link-up or its families ${others.length === 1 ? 'is' : 'are'} still open: close ${others.length === 1 ? 'it' : 'them'} (or lower the severity below high) first.`,
      );
    return new DomainError(
      'LINK_UP.GUARD_FAILED',
      'conflict',
      `The link-up stays paused while an urgent safeguarding concern about it is open. ${steps.join(' ')}`,
      {
        unmetGuards: [...unmetGuards],
        openUrgentConcernIds: [...openUrgentConcernIds],
        thisConcernWouldStayOpen: thisOneOpen,
        otherOpenUrgentConcernIds: others,
        howToResume: steps,
      },
    );
  },
  noLinkUp: () =>
    new DomainError('VALIDATION_FAILED', 'invalid', 'Please check these fields: linkUpEffect.', {
      fields: [{ field: 'linkUpEffect', problems: ['this concern is not about a link-up: use none'] }],
    }),
} as const;
