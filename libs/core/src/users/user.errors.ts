import { DomainError } from '../errors';

export const UserErrors = {
  emailTaken: () => new DomainError('USER.EMAIL_TAKEN', 'conflict', 'A user with this email already exists.'),
  unknownSite: (siteId: string) =>
    new DomainError('USER.UNKNOWN_SITE', 'invalid', 'There is no site with this id.', { siteId }),
  siteRequired: (role: string) =>
    new DomainError('USER.SITE_REQUIRED', 'invalid', `A ${role} user must belong to a site.`, { role }),
  unknownFamily: (familyId: string) =>
    new DomainError('USER.UNKNOWN_FAMILY', 'invalid', 'There is no family with this id in the user’s site.', {
      familyId,
    }),
  familyRequired: () =>
    new DomainError('USER.FAMILY_REQUIRED', 'invalid', 'A family user must belong to a family.'),
  familyOnlyForFamilyUsers: () =>
    new DomainError('USER.FAMILY_NOT_ALLOWED', 'invalid', 'Only family users belong to a family.'),
  supervisorOnlyForCoaches: () =>
    new DomainError('USER.SUPERVISOR_NOT_ALLOWED', 'invalid', 'Only a coach names a supervisor.'),
  invalidSupervisor: (supervisorId: string) =>
    new DomainError(
      'USER.INVALID_SUPERVISOR',
      'invalid',
      'The supervisor must be an active supervisor of the same site.',
      { supervisorId },
    ),
  cannotDeactivateSelf: () =>
    new DomainError('USER.CANNOT_DEACTIVATE_SELF', 'conflict', 'You cannot deactivate your own account.'),
  currentPasswordWrong: () =>
    new DomainError('USER.CURRENT_PASSWORD_WRONG', 'invalid', 'The current password is not correct.', {
      fields: [{ field: 'currentPassword', problems: ['currentPassword is not correct'] }],
    }),
  passwordUnchanged: () =>
    new DomainError(
      'USER.PASSWORD_UNCHANGED',
      'invalid',
      'The new password must differ from the current one.',
      {
        fields: [{ field: 'newPassword', problems: ['newPassword must differ from currentPassword'] }],
      },
    ),
} as const;
