import { Inject, Injectable } from '@nestjs/common';
import { assertSiteInScope, type Actor, type Caller } from '../access';
import { AuditService } from '../audit';
import { CommonErrors, DomainError, isUniqueViolation } from '../errors';
import { SitesService } from '../sites';
import { TransactionContext } from '../transaction';
import { PasswordHasher } from './password-hasher';
import { TokenHolderCache } from './token-holder-cache';
import type { User } from './user.entity';
import { USER_FAMILIES, type UserFamilies } from './user-families.port';
import { UserErrors } from './user.errors';
import { UsersRepository } from './users.repository';
import type { UserRole } from '../access';
import { Clock } from '../clock';

export interface NewUser {
  readonly email: string;
  readonly displayName: string;
  readonly role: UserRole;
  readonly password: string;
  readonly siteId?: string | null;
  readonly familyId?: string | null;
  readonly supervisorId?: string | null;
}

export interface UserFilter {
  readonly role?: UserRole;
  readonly siteId?: string;
  readonly active?: boolean;
  readonly limit: number;
  readonly offset: number;
}

export interface UserPage {
  readonly items: User[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

/** Emails are compared trimmed and lower-cased. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const ROLES_WITH_SITE: readonly UserRole[] = ['supervisor', 'coach', 'family'];

/** What a token is checked against (active, token version) and what the actor is made of. */
export interface TokenHolder {
  readonly id: string;
  readonly role: UserRole;
  readonly siteId: string | null;
  readonly familyId: string | null;
  readonly supervisorId: string | null;
  readonly active: boolean;
  readonly tokenVersion: number;
}

/**
 * The programme's accounts. Reads and writes join the transaction open in this async context
 * (TransactionContext); callers that still thread a `manager` hand it over with
 * `TransactionContext.within`.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly transactions: TransactionContext,
    private readonly sites: SitesService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(USER_FAMILIES) private readonly families: UserFamilies,
    private readonly tokenHolders: TokenHolderCache<TokenHolder>,
  ) {}

  async createUser(caller: Caller, input: NewUser): Promise<User> {
    return this.insertUser(input, { actor: caller.actor, requestId: caller.requestId, source: 'api' });
  }

  async listUsers(caller: Caller, filter: UserFilter): Promise<UserPage> {
    const query = this.users.query();
    const { actor } = caller;
    switch (actor.role) {
      case 'admin':
        break;
      case 'supervisor':
        query.andWhere('u.site_id = :scopeSiteId', { scopeSiteId: actor.siteId });
        break;
      case 'coach':
      case 'family':
      case 'evaluator':
        query.andWhere('u.id = :selfId', { selfId: actor.id });
        break;
    }
    if (filter.role !== undefined) query.andWhere('u.role = :role', { role: filter.role });
    if (filter.siteId !== undefined) query.andWhere('u.site_id = :siteId', { siteId: filter.siteId });
    if (filter.active !== undefined) query.andWhere('u.active = :active', { active: filter.active });
    const [items, total] = await query
      .orderBy('u.created_at', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(filter.limit)
      .offset(filter.offset)
      .getManyAndCount();
    return { items, total, limit: filter.limit, offset: filter.offset };
  }

  /** A user the caller may see: itself; its site's users for a supervisor; anyone for an admin. */
  async getUser(caller: Caller, id: string): Promise<User> {
    const user = await this.users.rowById(id);
    if (user === null) throw CommonErrors.notFound('User');
    if (user.id !== caller.actor.id) {
      if (caller.actor.role !== 'admin' && caller.actor.role !== 'supervisor')
        throw CommonErrors.notFound('User');
      assertSiteInScope(caller.actor, user.siteId, 'User');
    }
    return user;
  }

  /** Deactivation also revokes every token the user holds (their version no longer matches). */
  async deactivateUser(caller: Caller, id: string): Promise<User> {
    if (id === caller.actor.id) throw UserErrors.cannotDeactivateSelf();
    return this.setActive(caller, id, false);
  }

  async reactivateUser(caller: Caller, id: string): Promise<User> {
    return this.setActive(caller, id, true);
  }

  /**
   * Deactivates or reactivates `id` (in the caller's scope) with its audit line, `changed: false` when
   * it already was; the guard's cached holder is forgotten once the transaction has ended (the
   * outermost run's, when this one joins a caller's).
   */
  private async setActive(caller: Caller, id: string, active: boolean): Promise<User> {
    await this.getUser(caller, id);
    return this.transactions
      .run(async () => {
        const changed = await this.users.setActiveUnlessAlready(id, active, this.clock.now());
        await this.audit.record({
          ...this.auditBase(caller),
          action: active ? 'user.reactivated' : 'user.deactivated',
          entityType: 'user',
          entityId: id,
          details: { changed },
        });
        await this.forgetTokenHolderAfterCommit(id);
        return this.users.findByIdOrFail(id);
      })
      .finally(() => this.tokenHolders.forget(id));
  }

  /** Changing one's password ends every other session: tokens issued before carry the old version. */
  async changeOwnPassword(
    caller: Caller,
    input: { currentPassword: string; newPassword: string },
  ): Promise<User> {
    const user = await this.users.findActiveById(caller.actor.id);
    if (user === null) throw CommonErrors.notFound('User');
    if (!(await this.hasher.verifyPassword(user.passwordHash, input.currentPassword))) {
      throw UserErrors.currentPasswordWrong();
    }
    if (input.currentPassword === input.newPassword) throw UserErrors.passwordUnchanged();
    const passwordHash = await this.hasher.hashPassword(input.newPassword);
    return this.transactions
      .run(async () => {
        await this.users.replacePasswordHash(user.id, passwordHash, this.clock.now());
        await this.audit.record({
          ...this.auditBase(caller),
          action: 'user.password_changed',
          entityType: 'user',
          entityId: user.id,
        });
        await this.forgetTokenHolderAfterCommit(user.id);
        return this.users.findByIdOrFail(user.id);
      })
      .finally(() => this.tokenHolders.forget(user.id));
  }

  /**
   * Whether the family exists in the site, asked through users' `UserFamilies` port: families
   * depend on users (their coach), so users cannot depend on families.
   */
  private async familyIsInSite(familyId: string, siteId: string | null): Promise<boolean> {
    const familySite = await this.families.siteOfFamily(familyId);
    return familySite !== null && familySite === siteId;
  }

  /** An active user by id, read in the transaction open in this async context (a password reset), or null. */
  findActiveUser(id: string): Promise<User | null> {
    return this.users.findActiveById(id);
  }

  /**
   * Sets a new password hash in the transaction open in this async context (a password reset, which
   * audits it): the account's tokens issued before now stop working.
   */
  async replacePasswordHash(userId: string, passwordHash: string, at: Date): Promise<void> {
    await this.users.replacePasswordHash(userId, passwordHash, at);
  }

  /** Display names of users by id (staff lists name a family's coach); unknown ids are absent. */
  async displayNamesOf(ids: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const users = await this.users.findNames(unique, false);
    return new Map(users.map((u) => [u.id, u.displayName]));
  }

  /** Display names and work emails of users by id (a link-up names its coach); unknown ids are absent. */
  async namesAndEmailsOf(
    ids: readonly string[],
  ): Promise<Map<string, { displayName: string; email: string }>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const users = await this.users.findNames(unique, true);
    return new Map(users.map((u) => [u.id, { displayName: u.displayName, email: u.email }]));
  }

  /** An active coach or supervisor of the site, or null. */
  async findActiveStaffOfSite(id: string, siteId: string): Promise<User | null> {
    const user = await this.users.findById(id);
    return user !== null &&
      user.active &&
      user.siteId === siteId &&
      ['coach', 'supervisor'].includes(user.role)
      ? user
      : null;
  }

  /**
   * Who hears about a coach's overdue work (check-ins, issue 6): the coach's own supervisor when it
   * names an active supervisor of the site (or an active admin), otherwise every active supervisor of
   * the site, and when the site has none, every active admin. Read in the transaction open in this
   * async context.
   */
  async findSupervisorsFor(siteId: string, coachId: string | null): Promise<User[]> {
    if (coachId !== null) {
      const coach = await this.users.findById(coachId);
      if (coach !== null && coach.supervisorId !== null) {
        // The coach's own supervisor, if still an active supervisor of the site (or an admin).
        const own = await this.users.findActiveSupervisorOrAdmin(coach.supervisorId, siteId);
        if (own !== null) return [own];
      }
    }
    const ofSite = await this.users.findActiveSupervisorsOfSite(siteId);
    // Nobody supervises the site: the escalation goes to the active admins rather than nowhere.
    return ofSite.length > 0 ? ofSite : this.findActiveAdmins();
  }

  /** Every active admin (safeguarding escalations, issue 6), read in the transaction open in this async context. */
  findActiveAdmins(): Promise<User[]> {
    return this.users.findActiveAdmins();
  }

  /** A user by primary key (the recipient of a notice, say). */
  findUserForToken(id: string): Promise<User | null> {
    return this.users.findById(id);
  }

  /**
   * The access guard's read per request: what a token is checked against and what the actor is made
   * of, by primary key, without the entity machinery (half of the guard's cost under load), served for
   * a few seconds from this process's `TokenHolderCache` (issue 17). Every write here to a column it
   * reads forgets the account once committed; other API processes may serve it for up to the cache's
   * life (`TOKEN_HOLDER_CACHE_LIFE_MS`). Inside a transaction the row is read there and never cached
   * (it may not be committed).
   */
  findTokenHolder(id: string, stale?: (holder: TokenHolder) => boolean): Promise<TokenHolder | null> {
    if (this.transactions.transaction !== undefined) return this.readTokenHolder(id);
    return this.tokenHolders.get(id, () => this.readTokenHolder(id), stale);
  }

  /**
   * After a change to an account made outside this service (a password reset) commits: the guard's
   * next request for it reads the row again (see `TokenHolderCache`).
   */
  forgetTokenHolder(id: string): void {
    this.tokenHolders.forget(id);
  }

  /** Joined to a caller's run, the change is everyone's once that run commits: forget the holder then too. */
  private forgetTokenHolderAfterCommit(id: string): Promise<void> {
    return this.transactions.afterCommit(() => Promise.resolve(this.tokenHolders.forget(id)));
  }

  private async readTokenHolder(id: string): Promise<TokenHolder | null> {
    const row = await this.users.tokenHolderRow(id);
    if (row === undefined) return null;
    return {
      id: row.id,
      role: row.role,
      siteId: row.site_id,
      familyId: row.family_id,
      supervisorId: row.supervisor_id,
      active: row.active,
      tokenVersion: row.token_version,
    };
  }

  findUserByEmail(email: string): Promise<User | null> {
    return this.users.findByEmail(normaliseEmail(email));
  }

  /** ADMIN_EMAIL / ADMIN_PASSWORD at start: creates that admin unless a user already has the email. */
  async ensureBootstrapAdmin(admin: { email: string; password: string }): Promise<{ created: boolean }> {
    if ((await this.findUserByEmail(admin.email)) !== null) return { created: false };
    return this.insertIfAbsent(
      { email: admin.email, displayName: 'Administrator', role: 'admin', password: admin.password },
      'bootstrap',
    );
  }

  /**
   * Creates a user unless one with the email exists (the unique email decides when two processes
   * race). For the start-up bootstrap and the demo seed; audited without an actor.
   */
  /** A family adult's own account, made when it accepts its coach's invitation (issue 15). */
  async createInvitedFamilyUser(input: NewUser, requestId: string): Promise<User> {
    return this.insertUser(input, { actor: null, requestId, source: 'invitation' });
  }

  async insertIfAbsent(input: NewUser, source: 'bootstrap' | 'demo_seed'): Promise<{ created: boolean }> {
    try {
      await this.insertUser(input, { actor: null, requestId: null, source });
      return { created: true };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'USER.EMAIL_TAKEN') return { created: false };
      throw error;
    }
  }

  private auditBase(caller: Caller): { actor: Actor; requestId: string } {
    return { actor: caller.actor, requestId: caller.requestId };
  }

  private async insertUser(
    input: NewUser,
    context: {
      actor: Actor | null;
      requestId: string | null;
      source: 'api' | 'bootstrap' | 'demo_seed' | 'invitation';
    },
  ): Promise<User> {
    const siteId = input.siteId ?? null;
    const familyId = input.familyId ?? null;
    const supervisorId = input.supervisorId ?? null;
    if (ROLES_WITH_SITE.includes(input.role) && siteId === null) throw UserErrors.siteRequired(input.role);
    if (input.role === 'family' && familyId === null) throw UserErrors.familyRequired();
    if (input.role !== 'family' && familyId !== null) throw UserErrors.familyOnlyForFamilyUsers();
    if (input.role !== 'coach' && supervisorId !== null) throw UserErrors.supervisorOnlyForCoaches();
    if (siteId !== null && !(await this.sites.siteExists(siteId))) throw UserErrors.unknownSite(siteId);
    if (familyId !== null && !(await this.familyIsInSite(familyId, siteId)))
      throw UserErrors.unknownFamily(familyId);
    if (supervisorId !== null) {
      const supervisor = await this.users.findById(supervisorId);
      if (supervisor?.role !== 'supervisor' || !supervisor.active || supervisor.siteId !== siteId) {
        throw UserErrors.invalidSupervisor(supervisorId);
      }
    }
    const email = normaliseEmail(input.email);
    if (await this.users.existsWithEmail(email)) throw UserErrors.emailTaken();
    const passwordHash = await this.hasher.hashPassword(input.password);
    try {
      return await this.transactions.run(async () => {
        const user = await this.users.insert({
          email,
          displayName: input.displayName.trim(),
          role: input.role,
          siteId,
          familyId,
          supervisorId,
          passwordHash,
          active: true,
          tokenVersion: 1,
          deactivatedAt: null,
          passwordChangedAt: null,
        });
        await this.audit.record({
          actor: context.actor,
          requestId: context.requestId,
          action: 'user.created',
          entityType: 'user',
          entityId: user.id,
          details: { role: user.role, source: context.source },
        });
        return user;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_users_email')) throw UserErrors.emailTaken();
      throw error;
    }
  }
}
