import { Injectable } from '@nestjs/common';
import { In, type SelectQueryBuilder } from 'typeorm';
import { TransactionContext } from '../transaction';
import { User } from './user.entity';

/** The columns the access guard reads per request (see `UsersService.findTokenHolder`). */
export interface TokenHolderRow {
  id: string;
  role: User['role'];
  site_id: string | null;
  family_id: string | null;
  supervisor_id: string | null;
  active: boolean;
  token_version: number;
}

/** A user's columns, every one of `User` (its relations are never loaded). */
type UserColumns = Omit<User, 'site' | 'family' | 'supervisor'>;

/**
 * The users' rows, read and written in the transaction open in this async context (autocommit
 * outside one): no method takes a `manager`.
 */
@Injectable()
export class UsersRepository {
  constructor(private readonly transactions: TransactionContext) {}

  private get users() {
    return this.transactions.repository(User);
  }

  /** A query over the users, aliased `u`. */
  query(): SelectQueryBuilder<User> {
    return this.users.createQueryBuilder('u');
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  /**
   * The user by primary key, as `findById` reads it, with one fixed statement prepared once per
   * connection instead of the entity machinery (issue 17: `GET /api/me` reads the caller this way).
   */
  async rowById(id: string): Promise<User | null> {
    // Aliased to the entity's property names, so that the row is the user as it comes.
    const rows = await this.transactions.queryPrepared<UserColumns>(
      `SELECT id, email, display_name AS "displayName", role, site_id AS "siteId", family_id AS "familyId",
              supervisor_id AS "supervisorId", password_hash AS "passwordHash", active,
              token_version AS "tokenVersion", deactivated_at AS "deactivatedAt",
              password_changed_at AS "passwordChangedAt", created_at AS "createdAt", updated_at AS "updatedAt"
         FROM users WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    return row === undefined ? null : Object.assign(new User(), row);
  }

  findByIdOrFail(id: string): Promise<User> {
    return this.users.findOneByOrFail({ id });
  }

  findActiveById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id, active: true });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email });
  }

  existsWithEmail(email: string): Promise<boolean> {
    return this.users.existsBy({ email });
  }

  /** Ids and display names (and emails, when asked) of the users with those ids. */
  findNames(ids: readonly string[], withEmail: boolean): Promise<User[]> {
    return this.users.find({
      select: withEmail ? { id: true, displayName: true, email: true } : { id: true, displayName: true },
      where: { id: In([...ids]) },
    });
  }

  /** The user when it is an active supervisor of the site or an active admin, else null. */
  findActiveSupervisorOrAdmin(id: string, siteId: string): Promise<User | null> {
    return this.users.findOneBy([
      { id, active: true, siteId, role: 'supervisor' },
      { id, active: true, role: 'admin' },
    ]);
  }

  /** The site's active supervisors, by id. */
  findActiveSupervisorsOfSite(siteId: string): Promise<User[]> {
    return this.users.find({ where: { siteId, role: 'supervisor', active: true }, order: { id: 'ASC' } });
  }

  /** Every active admin, by id. */
  findActiveAdmins(): Promise<User[]> {
    return this.users.find({ where: { role: 'admin', active: true }, order: { id: 'ASC' } });
  }

  /** The access guard's row: by primary key, without the entity machinery. */
  async tokenHolderRow(id: string): Promise<TokenHolderRow | undefined> {
    const rows: TokenHolderRow[] = await this.transactions.manager.query(
      `SELECT id, role, site_id, family_id, supervisor_id, active, token_version FROM users WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  /** Sets `active` (and its moment) unless it already is; deactivating revokes the tokens. Whether it changed. */
  async setActiveUnlessAlready(id: string, active: boolean, at: Date): Promise<boolean> {
    const result = await this.transactions.manager
      .createQueryBuilder()
      .update(User)
      .set(
        active
          ? { active: true, deactivatedAt: null }
          : { active: false, deactivatedAt: at, tokenVersion: () => 'token_version + 1' },
      )
      .where(active ? 'id = :id AND NOT active' : 'id = :id AND active', { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Sets a new password hash, changed at `at`: the account's tokens issued before stop working. */
  async replacePasswordHash(id: string, passwordHash: string, at: Date): Promise<void> {
    await this.transactions.manager
      .createQueryBuilder()
      .update(User)
      .set({ passwordHash, passwordChangedAt: at, tokenVersion: () => 'token_version + 1' })
      .where('id = :id', { id })
      .execute();
  }

  /** Saves a new user (its id and times filled in). */
  insert(user: Omit<User, 'id' | 'createdAt' | 'updatedAt'>): Promise<User> {
    return this.users.save(this.users.create(user));
  }
}
