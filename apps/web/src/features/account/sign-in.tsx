import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../shared/session';
import { ErrorMessage, Field } from '../../shared/ui';
import { messages } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';

export function SignInPage() {
  usePageTitle(messages.titles.signIn);
  const { signIn, takeReturnPath } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await signIn(email.trim(), password);
      void navigate(takeReturnPath(user), { replace: true });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <main id="main" className="sign-in">
      <h1>Family Link</h1>
      {params.get('expired') === '1' && (
        <p className="notice" role="status">
          Your session ended. Sign in again to carry on: anything you were typing has been kept.
        </p>
      )}
      {params.get('signedOut') === '1' && (
        <p className="notice" role="status">
          You have signed out.
        </p>
      )}
      <form className="card" aria-label="Sign in" onSubmit={(e) => void submit(e)}>
        <h2>Sign in</h2>
        <Field
          label="Email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
          required
        />
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          required
        />
        <ErrorMessage error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        <Link to="/forgot-password">{messages.reset.forgotLink}</Link>
      </p>
    </main>
  );
}
