import { DomainError } from '../errors';

export const SiteErrors = {
  nameTaken: (name: string) =>
    new DomainError('SITE.NAME_TAKEN', 'conflict', `A site named "${name}" already exists.`, { name }),
} as const;
