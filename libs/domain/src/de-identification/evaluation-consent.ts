/**
 * The consent gate for evaluator exports (DESIGN §4.5): only families whose `evaluation_use`
 * consent is in force at the time of the export. Consents are never deleted: a withdrawal closes
 * a record, a new grant opens another, so the gate asks whether any record covers `at`.
 */
export interface ConsentRecord {
  /** `participation`, `share_with_partner_family` or `evaluation_use`. */
  readonly kind: string;
  readonly grantedAt: Date;
  readonly withdrawnAt: Date | null;
}

export const EVALUATION_CONSENT_KIND = 'evaluation_use';

/** True when an `evaluation_use` consent was granted at or before `at` and not withdrawn by then. */
export function hasEvaluationConsent(consents: readonly ConsentRecord[], at: Date): boolean {
  const time = at.getTime();
  if (Number.isNaN(time)) throw new RangeError('invalid date');
  return consents.some(
    (consent) =>
      consent.kind === EVALUATION_CONSENT_KIND &&
      consent.grantedAt.getTime() <= time &&
      (consent.withdrawnAt === null || consent.withdrawnAt.getTime() > time),
  );
}
