import { Injectable } from '@nestjs/common';
import { AccessErrors, actorOf, type Actor } from '../access';
import { UsersService } from '../users';
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
    const user = await this.users.findTokenHolder(claims.userId);
    if (user === null || !user.active || user.tokenVersion !== claims.tokenVersion) {
      throw AccessErrors.unauthenticated();
    }
    return actorOf(user);
  }
}
