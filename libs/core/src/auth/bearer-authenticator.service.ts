import { Injectable } from '@nestjs/common';
import { AccessErrors, actorOf, type Actor } from '../access';
import { UsersService, type TokenHolder } from '../users';
import { AccessTokens } from './access-tokens.service';

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/**
 * Who an `Authorization` header signs in as: the token verified, the user re-read (inactive users
 * and tokens of an older version are refused). Used by the global access guard and by what the API
 * mounts outside Nest's routing (the queue dashboard).
 */
@Injectable()
export class BearerAuthenticator {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly users: UsersService,
  ) {}

  /** The actor, or a 401 (`AUTH.UNAUTHENTICATED`) for a missing, bad, expired or revoked token. */
  async authenticate(authorization: string | undefined): Promise<Actor> {
    const token = bearerToken(authorization);
    const claims = token === null ? null : await this.tokens.readToken(token);
    if (claims === null) throw AccessErrors.unauthenticated();
    // A cached holder older than the token is read again first (see TokenHolderCache): another API
    // process may have changed the account and handed out this token (a new password, a
    // reactivation). A token older than the holder (revoked) is refused from the cache.
    const stale = (holder: TokenHolder): boolean =>
      holder.tokenVersion < claims.tokenVersion ||
      (!holder.active && holder.tokenVersion === claims.tokenVersion);
    const user = await this.users.findTokenHolder(claims.userId, stale);
    if (user === null || !user.active || user.tokenVersion !== claims.tokenVersion) {
      throw AccessErrors.unauthenticated();
    }
    return actorOf(user);
  }
}
