import { useEffect, useRef } from 'react';
import { Navigate, NavLink, Outlet, Route, Routes, useLocation } from 'react-router';
import { AdminPage } from './pages/admin';
import { CheckInPage } from './pages/check-in';
import { CoachDashboard } from './pages/coach-dashboard';
import { CohortPage } from './pages/cohort';
import { ConcernPage } from './pages/concern';
import { ConcernsPage } from './pages/concerns';
import { EvaluatorPage } from './pages/evaluator';
import { FamiliesPage } from './pages/families';
import { FamilyHome } from './pages/family-home';
import { FamilyRecordPage } from './pages/family-record';
import { LinkUpPage } from './pages/link-up';
import { ProposalPage } from './pages/proposal';
import { SignInPage } from './pages/sign-in';
import { SuggestionsPage } from './pages/suggestions';
import { homeOf, SessionProvider, useSession, type Role } from './session';

const NAV: Record<Role, readonly { to: string; label: string }[]> = {
  coach: [
    { to: '/coach', label: 'Dashboard' },
    { to: '/coach/families', label: 'Families' },
    { to: '/coach/concerns', label: 'Concerns' },
    { to: '/coach/cohort', label: 'Cohort' },
  ],
  supervisor: [
    { to: '/coach', label: 'Dashboard' },
    { to: '/coach/families', label: 'Families' },
    { to: '/coach/concerns', label: 'Concerns' },
    { to: '/coach/cohort', label: 'Cohort' },
  ],
  admin: [
    { to: '/admin', label: 'Admin' },
    { to: '/coach', label: 'Dashboard' },
    { to: '/coach/families', label: 'Families' },
    { to: '/evaluator', label: 'Reports' },
  ],
  evaluator: [{ to: '/evaluator', label: 'Reports and exports' }],
  family: [{ to: '/family', label: 'Our link-up' }],
};

function SignedInLayout() {
  const { user, signOut } = useSession();
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  // Moving to another page puts keyboard and screen-reader focus at its start.
  useEffect(() => {
    main.current?.focus();
  }, [pathname]);
  if (user === null) return null;
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Family Link</span>
        <nav aria-label="Main">
          {NAV[user.role].map((item) => (
            <NavLink key={item.to} to={item.to} end>
              {item.label}
            </NavLink>
          ))}
        </nav>
        <span className="who">
          <span className="name">{user.displayName}</span>
          <button type="button" className="link-button" onClick={signOut}>
            Sign out
          </button>
        </span>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

const STAFF: readonly Role[] = ['coach', 'supervisor', 'admin'];

/** A group of pages for some roles only: anyone else is taken to their own home page. */
function RequireRole({ roles }: { roles: readonly Role[] }) {
  const { user } = useSession();
  if (user === null) return null;
  return roles.includes(user.role) ? <Outlet /> : <Navigate to={homeOf(user.role)} replace />;
}

function Home() {
  const { user } = useSession();
  return <Navigate to={user === null ? '/sign-in' : homeOf(user.role)} replace />;
}

export function App() {
  return (
    <SessionProvider>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route element={<SignedInLayout />}>
          <Route path="/" element={<Home />} />
          <Route element={<RequireRole roles={STAFF} />}>
            <Route path="/coach" element={<CoachDashboard />} />
            <Route path="/coach/families" element={<FamiliesPage />} />
            <Route path="/coach/families/:id" element={<FamilyRecordPage />} />
            <Route path="/coach/families/:id/suggestions" element={<SuggestionsPage />} />
            <Route path="/coach/proposals/:id" element={<ProposalPage />} />
            <Route path="/link-ups/:id" element={<LinkUpPage />} />
            <Route path="/check-ins/:id" element={<CheckInPage />} />
            <Route path="/coach/concerns" element={<ConcernsPage />} />
            <Route path="/safeguarding-concerns/:id" element={<ConcernPage />} />
            <Route path="/coach/cohort" element={<CohortPage />} />
          </Route>
          <Route element={<RequireRole roles={['family']} />}>
            <Route path="/family" element={<FamilyHome />} />
          </Route>
          <Route element={<RequireRole roles={['evaluator', 'admin']} />}>
            <Route path="/evaluator" element={<EvaluatorPage />} />
          </Route>
          <Route element={<RequireRole roles={['admin']} />}>
            <Route path="/admin" element={<AdminPage />} />
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </SessionProvider>
  );
}

function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        This page does not exist. <NavLink to="/">Go to your home page</NavLink>.
      </p>
    </>
  );
}
