/** One field of an input and what is wrong with it: the `details.fields` of a `VALIDATION_FAILED` error. */
export interface FieldProblem {
  readonly field: string;
  readonly problems: string[];
}
