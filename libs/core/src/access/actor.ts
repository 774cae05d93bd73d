import type { UserRole } from './user-role';

/**
 * Who is calling, as every service sees it: a plain object built from the signed-in user on each
 * request (never from the token alone, so a role or site change applies at once).
 */
export interface Actor {
  readonly id: string;
  readonly role: UserRole;
  /** Null only for programme-wide admins and evaluators. */
  readonly siteId: string | null;
  /** Set for `family` users. */
  readonly familyId: string | null;
  /** Set for coaches that name their supervisor. */
  readonly supervisorId: string | null;
}

/** A request made by someone: the actor, and the request id that the audit log records with it. */
export interface Caller {
  readonly actor: Actor;
  readonly requestId: string;
}

export function actorOf(user: {
  id: string;
  role: UserRole;
  siteId: string | null;
  familyId: string | null;
  supervisorId: string | null;
}): Actor {
  return {
    id: user.id,
    role: user.role,
    siteId: user.siteId,
    familyId: user.familyId,
    supervisorId: user.supervisorId,
  };
}
