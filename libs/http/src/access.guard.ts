import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest as Request } from 'fastify';
import { AccessErrors, BearerAuthenticator } from '@app/core';
import { ACCESS_METADATA, type AccessDeclaration } from './access.decorators';
import type { AuthenticatedRequest } from './current-caller.decorator';

/**
 * The global guard: default deny. A route must declare `@Public()` or `@Allow(...)`; undeclared
 * routes are refused. For `@Allow` routes the token is verified, the user re-read (inactive users
 * and tokens of an older version are refused: 401) and its role checked (403).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: BearerAuthenticator,
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

    const actor = await this.authenticator.authenticate(request.headers.authorization);
    request.actor = actor;
    if (!declaration.roles.includes(actor.role)) throw AccessErrors.forbidden();
    return true;
  }
}
