import { AppConfig } from '@app/config';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { SigningKey } from './signing-key';

export interface AccessTokenClaims {
  readonly userId: string;
  readonly tokenVersion: number;
}

export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresIn: number;
}

const ISSUER = 'family-link';
const AUDIENCE = 'family-link-api';

/** Short-lived HS256 access tokens carrying the user id and its token version, nothing personal. */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly key: SigningKey,
    private readonly config: AppConfig,
  ) {}

  /**
   * The signing key object for jsonwebtoken, which takes one; @nestjs/jwt's per-call options type
   * `secret` as a string or Buffer only, hence the cast (the value is passed through unchanged).
   */
  private tokenKey(): Buffer {
    return this.key.tokenKey as unknown as Buffer;
  }

  async issueToken(user: { id: string; tokenVersion: number }): Promise<IssuedToken> {
    const expiresIn = this.config.auth.accessTokenTtlSeconds;
    const accessToken = await this.jwt.signAsync(
      { ver: user.tokenVersion },
      {
        secret: this.tokenKey(),
        algorithm: 'HS256',
        expiresIn,
        issuer: ISSUER,
        audience: AUDIENCE,
        subject: user.id,
      },
    );
    return { accessToken, expiresIn };
  }

  /** The claims of a valid token; null for an expired, tampered or foreign one. */
  async readToken(token: string): Promise<AccessTokenClaims | null> {
    try {
      const payload = await this.jwt.verifyAsync<{ sub?: unknown; ver?: unknown; exp?: unknown }>(token, {
        secret: this.tokenKey(),
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
      });
      // A token without an expiry would never end: refuse it even when its signature is good.
      if (
        typeof payload.sub !== 'string' ||
        typeof payload.ver !== 'number' ||
        typeof payload.exp !== 'number'
      ) {
        return null;
      }
      return { userId: payload.sub, tokenVersion: payload.ver };
    } catch {
      return null;
    }
  }
}
