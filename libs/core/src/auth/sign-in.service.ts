import { AppConfig } from '@app/config';
import { Injectable } from '@nestjs/common';
import { actorOf, type Caller } from '../access';
import { AuditService } from '../audit';
import { DomainError } from '../errors';
import { PasswordHasher, User, normaliseEmail, UsersService } from '../users';
import { AccessTokens, type IssuedToken } from './access-tokens.service';
import { AuthErrors } from './auth.errors';
import { LoginThrottle, type ThrottleKey } from './login-throttle.service';
import { SigningKey } from './signing-key';

export interface SignInAttempt {
  readonly email: string;
  readonly password: string;
  /** The client's address, for per-client throttling (only its keyed hash is stored). */
  readonly clientAddress: string;
  readonly requestId: string;
}

export interface SignedIn extends IssuedToken {
  readonly user: User;
}

type FailureReason = 'unknown_account' | 'wrong_password' | 'inactive';

@Injectable()
export class SignInService {
  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccessTokens,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
    private readonly key: SigningKey,
    private readonly config: AppConfig,
  ) {}

  /**
   * The throttle's counters for an attempt (OWASP ASVS 2.2.1): failures per (account, client
   * address), which stop the one guessing without locking out other accounts behind the same
   * address (a family centre's shared connection), and per account over all addresses, which bounds
   * guessing spread across many addresses. Keys are keyed hashes, never the email or the address.
   */
  private throttleKeys(
    email: string,
    clientAddress: string,
  ): { accountKey: string; pairKey: string; keys: ThrottleKey[] } {
    const limits = this.config.auth.loginThrottle;
    const accountKey = this.key.keyedHash('login-account', email);
    const pairKey = this.key.keyedHash('login-account-client', `${email}\n${clientAddress}`);
    return {
      accountKey,
      pairKey,
      keys: [
        { key: pairKey, maxFailures: limits.maxFailuresPerAccountAndClient },
        { key: accountKey, maxFailures: limits.maxFailuresPerAccount },
      ],
    };
  }

  /**
   * Checks the password (argon2id) and issues an access token. Every outcome is audited without the
   * email: a failure keeps the user id when the account exists, and a keyed hash of the email.
   */
  async signIn(attempt: SignInAttempt): Promise<SignedIn> {
    const email = normaliseEmail(attempt.email);
    const { accountKey, pairKey, keys } = this.throttleKeys(email, attempt.clientAddress);
    const base = { actor: null, requestId: attempt.requestId, entityType: 'user' } as const;

    const retryAfter = await this.throttle.reserveAttempt(keys);
    if (retryAfter !== null) {
      await this.throttle.releaseAttempt(keys);
      await this.audit.record({
        ...base,
        action: 'auth.login_throttled',
        entityId: null,
        details: { accountKey: accountKey.slice(0, 16), retryAfterSeconds: retryAfter },
      });
      throw AuthErrors.throttled(retryAfter);
    }

    const user = await this.users.findUserByEmail(email);
    let failure: FailureReason | null = null;
    if (user === null) {
      await this.hasher.verifyDecoy(attempt.password);
      failure = 'unknown_account';
    } else if (!(await this.hasher.verifyPassword(user.passwordHash, attempt.password))) {
      failure = 'wrong_password';
    } else if (!user.active) {
      failure = 'inactive';
    }

    if (failure !== null || user === null) {
      // The attempt was counted before the check: a failure keeps it.
      await this.audit.record({
        ...base,
        action: 'auth.login_failed',
        entityId: user?.id ?? null,
        details: { reason: failure ?? 'unknown_account', accountKey: accountKey.slice(0, 16) },
      });
      throw AuthErrors.invalidCredentials();
    }

    await this.throttle.settleSuccess(pairKey, accountKey);
    await this.audit.record({
      ...base,
      actor: actorOf(user),
      action: 'auth.login_succeeded',
      entityId: user.id,
    });
    return { ...(await this.tokens.issueToken(user)), user };
  }

  /**
   * Changes the caller's own password. A wrong current password counts against the account (and
   * the client) like a failed sign-in, so a stolen token cannot be used to guess the password; the
   * failure is audited.
   */
  async changeOwnPassword(
    caller: Caller,
    input: { currentPassword: string; newPassword: string },
    clientAddress: string,
  ): Promise<SignedIn> {
    const own = await this.users.getUser(caller, caller.actor.id);
    const { accountKey, pairKey, keys } = this.throttleKeys(normaliseEmail(own.email), clientAddress);
    const retryAfter = await this.throttle.reserveAttempt(keys);
    if (retryAfter !== null) {
      await this.throttle.releaseAttempt(keys);
      throw AuthErrors.throttled(retryAfter);
    }
    let user: User;
    try {
      user = await this.users.changeOwnPassword(caller, input);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'USER.CURRENT_PASSWORD_WRONG') {
        await this.audit.record({
          actor: caller.actor,
          requestId: caller.requestId,
          action: 'user.password_change_failed',
          entityType: 'user',
          entityId: caller.actor.id,
          details: { reason: 'wrong_current_password' },
        });
      } else {
        await this.throttle.releaseAttempt(keys);
      }
      throw error;
    }
    await this.throttle.settleSuccess(pairKey, accountKey);
    return { ...(await this.tokens.issueToken(user)), user };
  }
}
