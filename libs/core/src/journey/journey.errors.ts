import { DomainError } from '../errors';

export const JourneyErrors = {
  /** Bad input the DTO cannot see (a date in the future, a goal of another link-up): 400 naming the field. */
  invalidField: (field: string, problem: string) =>
    new DomainError('VALIDATION_FAILED', 'invalid', `Please check these fields: ${field}.`, {
      fields: [{ field, problems: [problem] }],
    }),
  /** A change that names nothing to change: 400 naming every field it could have named. */
  nothingToChange: (fields: readonly string[]) =>
    new DomainError('VALIDATION_FAILED', 'invalid', `Give at least one of: ${fields.join(', ')}.`, {
      fields: fields.map((field) => ({
        field,
        problems: [`give at least one of ${fields.join(', ')} to change`],
      })),
    }),
  seekingFamilyOnly: () =>
    new DomainError(
      'JOURNEY.SEEKING_FAMILY_ONLY',
      'forbidden',
      'Goals and their ratings are the Seeking family’s: only that family (or its coach) writes them.',
    ),
} as const;
