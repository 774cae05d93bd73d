import { DomainError } from '../errors';

export const ExportErrors = {
  /** Exports are for evaluators and admins only (the route says so too). */
  notAllowed: () =>
    new DomainError(
      'ACCESS.FORBIDDEN',
      'forbidden',
      'Only evaluators and admins can export record-level data.',
    ),
} as const;
