import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { AccessErrors, requestIdOf, type Actor, type Caller } from '@app/core';

/** What the access guard adds to a request once it has authenticated it. */
export interface AuthenticatedRequest {
  actor?: Actor;
}

/** The signed-in caller of a route (`@Allow` routes only: the guard has set the actor). */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (request.actor === undefined) throw AccessErrors.unauthenticated();
  return { actor: request.actor, requestId: requestIdOf(request) };
});
