import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ACCESS_METADATA, type AccessDeclaration } from '../access/access.decorators';
import { AccessErrors } from '../access/access.errors';
import { actorOf } from '../access/actor';
import type { AuthenticatedRequest } from '../access/current-caller.decorator';
import { UsersService } from '../users/users.service';
import { AccessTokens } from './access-tokens.service';

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/**
 * The global guard: default deny. A route must declare `@Public()` or `@Allow(...)`; undeclared
 * routes are refused. For `@Allow` routes the token is verified, the user re-read (inactive users
 * and tokens of an older version are refused: 401) and its role checked (403).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
    private readonly users: UsersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const declaration = this.reflector.getAllAndOverride<AccessDeclaration | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (declaration === undefined) {
      throw AccessErrors.undeclared(`${context.getClass().name}.${context.getHandler().name}`);
    }
    if (declaration.kind === 'public') return true;

    const token = bearerToken(request.headers.authorization);
    const claims = token === null ? null : await this.tokens.readToken(token);
    if (claims === null) throw AccessErrors.unauthenticated();
    const user = await this.users.findUserForToken(claims.userId);
    if (user === null || !user.active || user.tokenVersion !== claims.tokenVersion) {
      throw AccessErrors.unauthenticated();
    }
    request.actor = actorOf(user);
    if (!declaration.roles.includes(user.role)) throw AccessErrors.forbidden();
    return true;
  }
}
