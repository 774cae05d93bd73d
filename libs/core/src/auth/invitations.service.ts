import { AppConfig } from '@app/config';
import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Caller } from '../access';
import { AuditService } from '../audit';
import { Clock } from '../clock';
import { DomainError } from '../errors';
import { FamiliesService } from '../families';
import { SmtpClient } from '../notifications';
import { TransactionContext } from '../transaction';
import { normaliseEmail, UsersService } from '../users';
import { AuthErrors } from './auth.errors';
import type { FamilyInvitation } from './family-invitation.entity';
import { FamilyInvitationsRepository } from './family-invitations.repository';
import { LoginThrottle } from './login-throttle.service';
import { SigningKey } from './signing-key';

/** How long an invitation works. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Invitations a coach may send, and join attempts a client may make, in the throttle's window. */
export const INVITATIONS_MAX_PER_COACH = 20;
export const JOIN_ATTEMPTS_MAX_PER_CLIENT = 10;
/** The code's alphabet: no 0/O, 1/I/L, easy to read out on the phone. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
/** "k7p2-m9qx", "K7P2 M9QX" and "K7P2M9QX" are the same code. */
const normaliseCode = (code: string): string => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

export type InvitationStatus = 'pending' | 'joined' | 'expired';

export interface InvitationSummary {
  readonly invitation: FamilyInvitation;
  readonly status: InvitationStatus;
}

export interface NewInvitation {
  readonly email: string;
  readonly displayName: string;
}

export interface JoinAttempt {
  /** The emailed link's secret, or… */
  readonly token?: string;
  /** …the email and the code the coach read out. */
  readonly email?: string;
  readonly code?: string;
  readonly newPassword: string;
  readonly clientAddress: string;
  readonly requestId: string;
}

const invitationInvalid = (): DomainError =>
  new DomainError(
    'AUTH.INVITATION_INVALID',
    'invalid',
    'This invitation cannot be used: the code or link is not right, it was used, or it expired.',
  );

/**
 * Getting families in without an admin (issue 15): a coach invites an adult of a family on its
 * caseload; the adult sets its own password with the emailed link or the short code the coach
 * reads out, within a week, once. Coaches see who has joined. Throttled, audited (no emails in the
 * audit), and joining says nothing about whether an email has an account.
 */
@Injectable()
export class InvitationsService {
  private readonly logger = new Logger('Invitations');
  private readonly smtp: SmtpClient | null;

  constructor(
    private readonly invitations: FamilyInvitationsRepository,
    private readonly transactions: TransactionContext,
    private readonly families: FamiliesService,
    private readonly users: UsersService,
    private readonly throttle: LoginThrottle,
    private readonly key: SigningKey,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    const url = config.notifications.smtpUrl;
    this.smtp = url === null ? null : new SmtpClient(url);
  }

  /** Invites an adult of a family on the caller's caseload; answers the invitation and its code (shown once). */
  async invite(
    caller: Caller,
    familyId: string,
    input: NewInvitation,
  ): Promise<{ invitation: FamilyInvitation; code: string }> {
    const family = await this.families.getFamilyInScope(caller.actor, familyId);
    const keys = [
      { key: this.key.keyedHash('invite-coach', caller.actor.id), maxFailures: INVITATIONS_MAX_PER_COACH },
    ];
    const retryAfter = await this.throttle.reserveAttempt(keys);
    if (retryAfter !== null) {
      await this.throttle.releaseAttempt(keys);
      throw AuthErrors.throttled(retryAfter);
    }
    const secret = randomBytes(32).toString('base64url');
    const code = Array.from(
      { length: CODE_LENGTH },
      () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)],
    ).join('');
    const email = normaliseEmail(input.email);
    const invitation = await this.transactions.run(async () => {
      const saved = await this.invitations.save({
        familyId: family.id,
        email,
        displayName: input.displayName.trim(),
        tokenHash: sha256(secret),
        codeHash: sha256(`${email}\n${code}`),
        expiresAt: new Date(this.clock.now().getTime() + INVITATION_TTL_MS),
        joinedAt: null,
        joinedUserId: null,
        invitedBy: caller.actor.id,
      });
      await this.audit.record({
        actor: caller.actor,
        requestId: caller.requestId,
        action: 'family.invitation_sent',
        entityType: 'family',
        entityId: family.id,
        details: { invitationId: saved.id, emailed: this.smtp !== null },
      });
      return saved;
    });
    setImmediate(() => void this.sendInvitation(email, secret, code));
    return { invitation, code: `${code.slice(0, 4)}-${code.slice(4)}` };
  }

  /** The family's invitations, newest first, with who has joined. */
  async listInvitations(caller: Caller, familyId: string): Promise<InvitationSummary[]> {
    await this.families.getFamilyInScope(caller.actor, familyId);
    const now = this.clock.now();
    const rows = await this.invitations.listForFamily(familyId);
    return rows.map((invitation) => ({
      invitation,
      status:
        invitation.joinedAt !== null
          ? 'joined'
          : invitation.expiresAt.getTime() <= now.getTime()
            ? 'expired'
            : 'pending',
    }));
  }

  /** The adult accepts: its own family account with its own password. */
  async join(attempt: JoinAttempt): Promise<void> {
    const keys = [
      {
        key: this.key.keyedHash('join-client', attempt.clientAddress),
        maxFailures: JOIN_ATTEMPTS_MAX_PER_CLIENT,
      },
    ];
    const retryAfter = await this.throttle.reserveAttempt(keys);
    if (retryAfter !== null) {
      await this.throttle.releaseAttempt(keys);
      throw AuthErrors.throttled(retryAfter);
    }
    const hash =
      attempt.token !== undefined && attempt.token !== ''
        ? { tokenHash: sha256(attempt.token) }
        : {
            codeHash: sha256(`${normaliseEmail(attempt.email ?? '')}\n${normaliseCode(attempt.code ?? '')}`),
          };
    const now = this.clock.now();
    // The account, the invitation's use and its audit line commit together, or none of them.
    const joinedUserId = await this.transactions.run(async () => {
      const invitation = await this.invitations.lockByHash(hash);
      if (
        invitation === null ||
        invitation.joinedAt !== null ||
        invitation.expiresAt.getTime() <= now.getTime()
      )
        throw invitationInvalid();
      const [family] = await this.families.findFamiliesByIds([invitation.familyId]);
      if (family === undefined) throw invitationInvalid();
      let userId: string;
      try {
        const user = await this.users.createInvitedFamilyUser(
          {
            email: invitation.email,
            displayName: invitation.displayName,
            role: 'family',
            password: attempt.newPassword,
            siteId: family.siteId,
            familyId: invitation.familyId,
          },
          attempt.requestId,
        );
        userId = user.id;
      } catch (error) {
        // An email that already has an account: said no differently from any other refusal.
        if (error instanceof DomainError && error.code === 'USER.EMAIL_TAKEN') throw invitationInvalid();
        throw error;
      }
      await this.invitations.markJoined(invitation.id, now, userId);
      await this.audit.record({
        actor: null,
        requestId: attempt.requestId,
        action: 'family.invitation_accepted',
        entityType: 'family',
        entityId: invitation.familyId,
        details: { invitationId: invitation.id, userId, by: 'token' in hash ? 'link' : 'code' },
      });
      return userId;
    });
    await this.throttle.releaseAttempt(keys);
    void joinedUserId;
  }

  private async sendInvitation(to: string, secret: string, code: string): Promise<void> {
    if (this.smtp === null) return;
    const link = `${this.config.notifications.publicUrl}/join#token=${secret}`;
    try {
      await this.smtp.send({
        from: this.config.notifications.smtpFrom,
        to,
        subject: 'Family Link: your invitation',
        // One id per invitation (a hash of a hash of its secret: the secret cannot be derived from it).
        messageId: `invitation.${sha256(sha256(secret)).slice(0, 32)}@${new URL(this.config.notifications.publicUrl).hostname || 'family-link.local'}`,
        date: this.clock.now(),
        text: `Your Family Link coach has invited you to Family Link, where your family keeps its goals, small wins and get-togethers.\n\nSet your password here (the link works once, for a week): ${link}\n\nOr open ${this.config.notifications.publicUrl}/join and type this email with the code ${code.slice(0, 4)}-${code.slice(4)}.\n`,
      });
    } catch (error) {
      this.logger.warn({ error: (error as Error).message }, 'The invitation email was not sent');
    }
  }
}
