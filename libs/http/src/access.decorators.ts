import { SetMetadata } from '@nestjs/common';
import { USER_ROLES, type UserRole } from '@app/core';

/**
 * Who may call a route. Single roles, or a group:
 * - `coach+`: coach, supervisor and admin (each within its scope);
 * - `supervisor+`: supervisor and admin;
 * - `any-user`: every signed-in user.
 */
export type AccessRule = UserRole | 'coach+' | 'supervisor+' | 'any-user';

export type AccessDeclaration =
  { readonly kind: 'public' } | { readonly kind: 'roles'; readonly roles: readonly UserRole[] };

export const ACCESS_METADATA = 'family-link:access';

export function rolesFor(rules: readonly AccessRule[]): UserRole[] {
  const roles = new Set<UserRole>();
  for (const rule of rules) {
    switch (rule) {
      case 'coach+':
        ['coach', 'supervisor', 'admin'].forEach((r) => roles.add(r as UserRole));
        break;
      case 'supervisor+':
        roles.add('supervisor').add('admin');
        break;
      case 'any-user':
        USER_ROLES.forEach((r) => roles.add(r));
        break;
      default:
        roles.add(rule);
    }
  }
  return USER_ROLES.filter((r) => roles.has(r));
}

/**
 * Declares the roles that may call a route (on a handler, or on a controller for all its handlers;
 * a handler's declaration wins). Routes without `@Allow` or `@Public` are refused.
 */
export const Allow = (...rules: [AccessRule, ...AccessRule[]]): MethodDecorator & ClassDecorator =>
  SetMetadata<string, AccessDeclaration>(ACCESS_METADATA, { kind: 'roles', roles: rolesFor(rules) });

/** Declares a route open to anyone, signed in or not (sign-in, health). */
export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata<string, AccessDeclaration>(ACCESS_METADATA, { kind: 'public' });
