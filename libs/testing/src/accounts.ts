import {
  AccessTokens,
  FamiliesService,
  SignInService,
  SitesService,
  UsersService,
  type Caller,
  type Site,
  type User,
  type UserRole,
} from '@app/core';
import type { INestApplicationContext } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';

/** The password `makeUser` gives every user unless told otherwise. */
export const TEST_PASSWORD = 'correct-horse-battery';

/** An admin caller for factories: audit lines it writes name this made-up actor. */
export function factoryCaller(): Caller {
  return {
    actor: { id: randomUUID(), role: 'admin', siteId: null, familyId: null, supervisorId: null },
    requestId: `factory-${randomBytes(4).toString('hex')}`,
  };
}

export async function makeSite(app: INestApplicationContext, name?: string): Promise<Site> {
  return app
    .get(SitesService)
    .createSite(factoryCaller(), { name: name ?? `Site ${randomBytes(4).toString('hex')}` });
}

export interface MakeUserOptions {
  readonly role: UserRole;
  /** Required for supervisors, coaches and family users. */
  readonly siteId?: string | null;
  /** Family users default to a family of their own. */
  readonly familyId?: string | null;
  readonly supervisorId?: string | null;
  readonly email?: string;
  readonly password?: string;
  /** Defaults to "Test <role>". */
  readonly displayName?: string;
}

/** A user created through the real service (argon2id hash, audit line). */
export async function makeUser(app: INestApplicationContext, options: MakeUserOptions): Promise<User> {
  let familyId = options.familyId ?? null;
  if (options.role === 'family' && options.familyId === undefined) {
    if (options.siteId === undefined || options.siteId === null)
      throw new Error('makeUser: a family user needs a siteId');
    const family = await app.get(FamiliesService).registerFamily(factoryCaller(), {
      kind: 'seeking',
      displayName: 'A test family',
      siteId: options.siteId,
    });
    familyId = family.id;
  }
  return app.get(UsersService).createUser(factoryCaller(), {
    email: options.email ?? `${options.role}-${randomBytes(5).toString('hex')}@test.family-link.local`,
    displayName: options.displayName ?? `Test ${options.role}`,
    role: options.role,
    password: options.password ?? TEST_PASSWORD,
    siteId: options.siteId ?? null,
    familyId,
    supervisorId: options.supervisorId ?? null,
  });
}

/** Signs in through the real sign-in service (password check, throttle, audit) and returns the token. */
export async function signIn(
  app: INestApplicationContext,
  user: { email: string },
  password = TEST_PASSWORD,
): Promise<string> {
  const signedIn = await app.get(SignInService).signIn({
    email: user.email,
    password,
    clientAddress: 'test-factory',
    requestId: `factory-${randomBytes(4).toString('hex')}`,
  });
  return signedIn.accessToken;
}

/** A token for `user` without a password check: for tests that only need to be someone. */
export async function tokenFor(app: INestApplicationContext, user: User): Promise<string> {
  return (await app.get(AccessTokens).issueToken(user)).accessToken;
}
