import { useEffect, useRef } from 'react';
import { Navigate, NavLink, Outlet, Route, Routes, useLocation } from 'react-router';
import { AdminPage } from './features/admin/admin';
import { AuditPage } from './features/admin/audit';
import { CheckInPage } from './features/coach/check-in';
import { CohortPage } from './features/coach/cohort';
import { ConcernPage } from './features/coach/concern';
import { ConcernsPage } from './features/coach/concerns';
import { EvaluatorPage } from './features/evaluator/evaluator';
import { FamiliesPage } from './features/coach/families';
import { FamilyHome } from './features/family/family-home';
import { FamilyHeaderName } from './features/family/family-shared';
import { FamilyRecordPage } from './features/coach/family-record';
import { LinkUpPage } from './features/coach/link-up';
import { ProposalPage } from './features/coach/proposal';
import { ChangePasswordPage } from './features/account/change-password';
import { ForgotPasswordPage, ResetPasswordPage } from './features/account/password-reset';
import { JoinPage } from './features/account/join';
import { SignInPage } from './features/account/sign-in';
import { SuggestionsPage } from './features/coach/suggestions';
import { TodayPage } from './features/coach/today';
import { messages } from './shared/messages';
import { usePageTitle } from './shared/page-title';
import { homeOf, SessionProvider, useSession, type Role } from './shared/session';

const NAV: Record<Role, readonly { to: string; label: string }[]> = {
  coach: [
    { to: '/coach', label: messages.nav.today },
    { to: '/coach/families', label: messages.nav.families },
    { to: '/coach/concerns', label: messages.nav.concerns },
    { to: '/coach/cohort', label: messages.nav.cohort },
  ],
  supervisor: [
    { to: '/coach', label: messages.nav.today },
    { to: '/coach/families', label: messages.nav.families },
    { to: '/coach/concerns', label: messages.nav.concerns },
    { to: '/coach/cohort', label: messages.nav.cohort },
  ],
  admin: [
    { to: '/admin', label: messages.nav.admin },
    { to: '/admin/audit', label: messages.nav.audit },
    { to: '/coach', label: messages.nav.today },
    { to: '/coach/families', label: messages.nav.families },
    { to: '/evaluator', label: messages.nav.reports },
  ],
  evaluator: [{ to: '/evaluator', label: messages.nav.reportsAndExports }],
  family: [{ to: '/family', label: messages.nav.ourLinkUp }],
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
        {messages.app.skip}
      </a>
      <header className="top">
        <span className="brand">{messages.app.name}</span>
        <nav aria-label={messages.app.mainNav}>
          {NAV[user.role].map((item) => (
            <NavLink key={item.to} to={item.to} end>
              {item.label}
            </NavLink>
          ))}
        </nav>
        <span className="who">
          <span className="name">
            {user.role === 'family' ? <FamilyHeaderName fallback={user.displayName} /> : user.displayName}
          </span>
          <NavLink to="/account/password">{messages.nav.account}</NavLink>
          <button type="button" className="link-button" onClick={signOut}>
            {messages.app.signOut}
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
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="/join" element={<JoinPage />} />
        <Route element={<SignedInLayout />}>
          <Route path="/" element={<Home />} />
          <Route path="/account/password" element={<ChangePasswordPage />} />
          <Route element={<RequireRole roles={STAFF} />}>
            <Route path="/coach" element={<TodayPage />} />
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
            <Route path="/admin/audit" element={<AuditPage />} />
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </SessionProvider>
  );
}

function NotFound() {
  usePageTitle(messages.titles.notFound);
  return (
    <>
      <h1>{messages.app.notFoundTitle}</h1>
      <p>
        {messages.app.notFoundText} <NavLink to="/">{messages.app.goHome}</NavLink>.
      </p>
    </>
  );
}
