import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, bindSession, unwrap, type Schemas } from '../api/client';
import { queryClient } from './query';

/** Pages for someone not signed in (the rest send them to sign in). */
const SIGNED_OUT_PAGES: readonly string[] = ['/sign-in', '/forgot-password', '/reset-password', '/join'];
export type User = Schemas['UserView'];
export type Role = User['role'];

interface Stored {
  readonly token: string;
  readonly user: User;
}

/**
 * The session lives in localStorage, shared by every tab of this browser: a link opened in a new tab
 * stays signed in, and signing out (or the session expiring) in one tab signs out all of them (each
 * tab hears the change through the `storage` event). Drafts and the return address stay per tab.
 */
const STORAGE_KEY = 'fl.session';
/**
 * Where to come back to after signing in again (kept in sessionStorage with the form drafts), with
 * the id of the user whose session ended there (null for a link opened without a session).
 */
const RETURN_KEY = 'fl.returnTo';
/** Where form drafts live in sessionStorage: `fl.draft:<user id>:<page>:<form>` (see `useDraft`). */
export const DRAFT_PREFIX = 'fl.draft:';

interface ReturnTo {
  readonly path: string;
  readonly userId: string | null;
}

function readReturnTo(): ReturnTo | null {
  try {
    const raw = sessionStorage.getItem(RETURN_KEY);
    if (raw === null) return null;
    const parsed = JSON.parse(raw) as Partial<ReturnTo>;
    return typeof parsed.path === 'string'
      ? { path: parsed.path, userId: typeof parsed.userId === 'string' ? parsed.userId : null }
      : null;
  } catch {
    return null;
  }
}

function saveReturnTo(path: string, userId: string | null): void {
  sessionStorage.setItem(RETURN_KEY, JSON.stringify({ path, userId } satisfies ReturnTo));
}

/** Removes form drafts from sessionStorage: all of them, or all but those of `keepUserId`. */
export function clearDrafts(keepUserId?: string): void {
  const keep = keepUserId === undefined ? null : `${DRAFT_PREFIX}${keepUserId}:`;
  for (let i = sessionStorage.length - 1; i >= 0; i -= 1) {
    const k = sessionStorage.key(i);
    if (k !== null && k.startsWith(DRAFT_PREFIX) && (keep === null || !k.startsWith(keep))) {
      sessionStorage.removeItem(k);
    }
  }
}

function readStored(): Stored | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw === null ? null : (JSON.parse(raw) as Stored);
  } catch {
    return null;
  }
}

interface SessionValue {
  readonly user: User | null;
  readonly signIn: (email: string, password: string) => Promise<User>;
  readonly signOut: () => void;
  /** After a password change: the API's new token replaces the old one (which no longer works). */
  readonly adoptToken: (token: string, user: User) => void;
  /** The page to show after signing in: the one the session expired on, else the role's home. */
  readonly takeReturnPath: (user: User) => string;
}

const SessionContext = createContext<SessionValue | null>(null);

export function homeOf(role: Role): string {
  switch (role) {
    case 'family':
      return '/family';
    case 'evaluator':
      return '/evaluator';
    case 'admin':
      return '/admin';
    case 'coach':
    case 'supervisor':
      return '/coach';
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState<Stored | null>(readStored);
  // Why the session ended, for the sign-in page's notice.
  const [ended, setEnded] = useState<'expired' | 'signedOut' | null>(null);
  const navigate = useNavigate();
  const location = useLocation();

  const expire = useCallback(() => {
    const previous = readStored();
    localStorage.removeItem(STORAGE_KEY);
    queryClient.clear();
    // Drafts stay in sessionStorage: the form comes back as it was typed when the same person signs
    // in again (someone else signing in on this tab gets neither the page nor the drafts).
    saveReturnTo(window.location.pathname + window.location.search, previous?.user.id ?? null);
    bindSession(null, () => undefined);
    setEnded('expired');
    setStored(null);
  }, []);

  // Bound during render so the first requests of a page already carry the token.
  bindSession(stored?.token ?? null, expire);

  // Another tab signed in, out, or as someone else: this tab follows.
  useEffect(() => {
    function onStorage(event: StorageEvent) {
      if (event.storageArea !== localStorage || (event.key !== STORAGE_KEY && event.key !== null)) return;
      const next = readStored();
      setStored((current) => {
        if (current?.user.id !== next?.user.id) {
          queryClient.clear();
          clearDrafts(next?.user.id);
        }
        return next;
      });
      if (next === null) setEnded('signedOut');
    }
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  useEffect(() => {
    if (stored === null && !SIGNED_OUT_PAGES.includes(location.pathname)) {
      // A link opened without a session (one in a notification email, say) comes back after sign-in.
      if (ended === null && location.pathname !== '/') {
        saveReturnTo(location.pathname + location.search, null);
      }
      void navigate(ended === null ? '/sign-in' : `/sign-in?${ended}=1`, { replace: true });
    }
  }, [stored, ended, location.pathname, location.search, navigate]);

  const value = useMemo<SessionValue>(
    () => ({
      user: stored?.user ?? null,
      async signIn(email, password) {
        const answer = await unwrap(api.POST('/api/auth/login', { body: { email, password } }));
        const next = { token: answer.accessToken, user: answer.user };
        // Another person signing in on this tab: nothing of the previous one's stays behind.
        const back = readReturnTo();
        if (back !== null && back.userId !== null && back.userId !== answer.user.id) {
          sessionStorage.removeItem(RETURN_KEY);
        }
        clearDrafts(answer.user.id);
        localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
        queryClient.clear();
        bindSession(next.token, expire);
        setEnded(null);
        setStored(next);
        return answer.user;
      },
      adoptToken(token, user) {
        const next = { token, user };
        // Other tabs of this browser hear it through the storage event and keep working too.
        localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
        bindSession(token, expire);
        setStored(next);
      },
      signOut() {
        clearDrafts();
        sessionStorage.clear();
        localStorage.removeItem(STORAGE_KEY);
        queryClient.clear();
        bindSession(null, () => undefined);
        setEnded('signedOut');
        setStored(null);
      },
      takeReturnPath(user) {
        const back = readReturnTo();
        sessionStorage.removeItem(RETURN_KEY);
        return back !== null &&
          (back.userId === null || back.userId === user.id) &&
          back.path.startsWith('/') &&
          !back.path.startsWith('//') &&
          !back.path.startsWith('/sign-in')
          ? back.path
          : homeOf(user.role);
      },
    }),
    [stored, expire],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (value === null) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user (pages under the signed-in layout only). */
export function useUser(): User {
  const { user } = useSession();
  if (user === null) throw new Error('not signed in');
  return user;
}
