/** Thrown when matching input cannot be used; `problems` lists every issue found. */
export class MatchingInputError extends Error {
  readonly code = 'MATCH.INVALID_INPUT';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid matching input: ${problems.join('; ')}`);
    this.name = 'MatchingInputError';
  }
}
