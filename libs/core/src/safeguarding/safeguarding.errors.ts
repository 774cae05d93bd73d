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
  noLinkUp: () =>
    new DomainError('VALIDATION_FAILED', 'invalid', 'Please check these fields: linkUpEffect.', {
      fields: [{ field: 'linkUpEffect', problems: ['this concern is not about a link-up: use none'] }],
    }),
} as const;
