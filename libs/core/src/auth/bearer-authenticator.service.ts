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
    const accepts = (user: TokenHolder | null): user is TokenHolder =>
      user !== null && user.active && user.tokenVersion === claims.tokenVersion;
    let user = await this.users.findTokenHolder(claims.userId);
    if (!accepts(user)) {
      // The holder may be cached from before a change another API process made (a new password
      // issues a token of a newer version; a reactivation): read the row again before refusing.
      // A revoked token is refused after that read, as before the cache.
      this.users.forgetTokenHolder(claims.userId);
      user = await this.users.findTokenHolder(claims.userId);
      if (!accepts(user)) throw AccessErrors.unauthenticated();
    }
    return actorOf(user);
  }
}
