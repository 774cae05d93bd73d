import { AppConfig } from '@app/config';
import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { actorOf } from '../access';
import { AuditService } from '../audit';
import { Clock } from '../clock';
import { DomainError } from '../errors';
import { SmtpClient } from '../notifications';
import { TransactionContext } from '../transaction';
import { PasswordHasher, normaliseEmail, UsersService } from '../users';
import { AuthErrors } from './auth.errors';
import { LoginThrottle } from './login-throttle.service';
import { PasswordResetTokensRepository } from './password-reset-tokens.repository';
import { SigningKey } from './signing-key';

/** How long a "forgot password" link works. */
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;
/** Requests per email address, and per client address, within the login throttle's window. */
export const PASSWORD_RESET_MAX_PER_ACCOUNT = 3;
export const PASSWORD_RESET_MAX_PER_CLIENT = 10;

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export interface PasswordResetRequest {
  readonly email: string;
  readonly clientAddress: string;
  readonly requestId: string;
}

/**
 * "Forgot password" (issue 15): a link by email that expires after an hour and works once. The
 * answer never says whether the email has an account (the email is sent after the answer, so the
 * timing does not tell either). Requests are throttled per email and per client address with the
 * sign-in throttle's counters (keyed hashes only) and audited without the email.
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger('PasswordReset');
  private readonly smtp: SmtpClient | null;

  constructor(
    private readonly tokens: PasswordResetTokensRepository,
    private readonly transactions: TransactionContext,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly key: SigningKey,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    const url = config.notifications.smtpUrl;
    this.smtp = url === null ? null : new SmtpClient(url);
  }

  async requestReset(request: PasswordResetRequest): Promise<void> {
    const email = normaliseEmail(request.email);
    const accountKey = this.key.keyedHash('reset-account', email);
    const keys = [
      { key: accountKey, maxFailures: PASSWORD_RESET_MAX_PER_ACCOUNT },
      {
        key: this.key.keyedHash('reset-client', request.clientAddress),
        maxFailures: PASSWORD_RESET_MAX_PER_CLIENT,
      },
    ];
    const base = { actor: null, requestId: request.requestId, entityType: 'user' } as const;
    const retryAfter = await this.throttle.reserveAttempt(keys);
    if (retryAfter !== null) {
      await this.throttle.releaseAttempt(keys);
      await this.audit.record({
        ...base,
        action: 'auth.password_reset_throttled',
        entityId: null,
        details: { accountKey: accountKey.slice(0, 16), retryAfterSeconds: retryAfter },
      });
      throw AuthErrors.throttled(retryAfter);
    }
    const user = await this.users.findUserByEmail(email);
    if (user === null || !user.active) {
      await this.audit.record({
        ...base,
        action: 'auth.password_reset_requested',
        entityId: user?.id ?? null,
        details: { sent: false, accountKey: accountKey.slice(0, 16) },
      });
      return;
    }
    const secret = randomBytes(32).toString('base64url');
    await this.transactions.run(async () => {
      await this.tokens.insert({
        userId: user.id,
        tokenHash: sha256(secret),
        expiresAt: new Date(this.clock.now().getTime() + PASSWORD_RESET_TTL_MS),
      });
      await this.audit.record({
        ...base,
        action: 'auth.password_reset_requested',
        entityId: user.id,
        details: { sent: true },
      });
    });
    // After the answer: the time taken never tells whether an account exists.
    setImmediate(() => void this.sendLink(user.email, secret));
  }

  /** Sets the new password with a link's secret: 400 AUTH.RESET_LINK_INVALID when unknown, used or expired. */
  async completeReset(input: { token: string; newPassword: string; requestId: string }): Promise<void> {
    const passwordHash = await this.hasher.hashPassword(input.newPassword);
    const now = this.clock.now();
    const accountId = await this.transactions.run(async () => {
      const token = await this.tokens.lockByHash(sha256(input.token));
      if (token === null || token.usedAt !== null || token.expiresAt.getTime() <= now.getTime())
        throw resetLinkInvalid();
      const user = await this.users.findActiveUser(token.userId);
      if (user === null) throw resetLinkInvalid();
      await this.users.replacePasswordHash(user.id, passwordHash, now);
      // This link and every other open one of the account are spent.
      await this.tokens.spendAllOf(user.id, now);
      await this.audit.record({
        actor: actorOf(user),
        requestId: input.requestId,
        action: 'user.password_reset',
        entityType: 'user',
        entityId: user.id,
      });
      return user.id;
    });
    // Committed: this process's access guard refuses the account's older tokens from the next request.
    this.users.forgetTokenHolder(accountId);
  }

  private async sendLink(to: string, secret: string): Promise<void> {
    if (this.smtp === null) {
      this.logger.warn('No SMTP_URL: the password reset link was not emailed.');
      return;
    }
    // The secret travels in the fragment: never sent to the server, so never in its request logs.
    const link = `${this.config.notifications.publicUrl}/reset-password#token=${secret}`;
    try {
      await this.smtp.send({
        from: this.config.notifications.smtpFrom,
        to,
        subject: 'Family Link: set a new password',
        // One id per link (a hash of a hash of its secret: the secret cannot be derived from it).
        messageId: `password-reset.${sha256(sha256(secret)).slice(0, 32)}@${new URL(this.config.notifications.publicUrl).hostname || 'family-link.local'}`,
        date: this.clock.now(),
        text: `Someone asked to set a new password for your Family Link account.\n\nSet it here (the link works once, for one hour): ${link}\n\nIf it was not you, ignore this email: your password stays as it is.\n`,
      });
    } catch (error) {
      this.logger.warn({ error: (error as Error).message }, 'The password reset email was not sent');
    }
  }
}

const resetLinkInvalid = (): DomainError =>
  new DomainError(
    'AUTH.RESET_LINK_INVALID',
    'invalid',
    'This link to set a new password is not valid any more: it was used, or it expired.',
  );
