import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMessages } from '../../shared/messages';
import { NewPasswordFields, newPasswordProblem, NO_NEW_PASSWORD } from '../../shared/new-password-fields';
import { usePageTitle } from '../../shared/page-title';
import { ErrorMessage, Field } from '../../shared/ui';

/** "Forgot your password": the same answer whether or not the email has an account. */
export function ForgotPasswordPage() {
  const m = useMessages();
  usePageTitle(m.titles.forgotPassword);
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await unwrap(api.POST('/api/auth/password-reset', { body: { email: email.trim() } }));
      setSent(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <main id="main" className="sign-in">
      <h1>{m.reset.forgotTitle}</h1>
      <p>{m.reset.forgotIntro}</p>
      <form className="card" aria-label={m.reset.forgotForm} onSubmit={(e) => void submit(e)}>
        <Field
          label={m.reset.email}
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
          required
        />
        <ErrorMessage error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? m.reset.sending : m.reset.send}
        </button>
      </form>
      <p role="status">{sent ? m.reset.sent : ''}</p>
      <p>
        <Link to="/sign-in">{m.reset.signIn}</Link>
      </p>
    </main>
  );
}

/** The emailed link's page: the secret is in the address's fragment (never sent to the server). */
export function ResetPasswordPage() {
  const m = useMessages();
  usePageTitle(m.titles.resetPassword);
  const { hash } = useLocation();
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
  const [password, setPassword] = useState(NO_NEW_PASSWORD);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const problem = newPasswordProblem(password);
    if (problem !== null) {
      setError(problem);
      return;
    }
    setBusy(true);
    try {
      await unwrap(
        api.POST('/api/auth/password-reset/complete', { body: { token, newPassword: password.password } }),
      );
      setDone(true);
      setPassword(NO_NEW_PASSWORD);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <main id="main" className="sign-in">
      <h1>{m.reset.setTitle}</h1>
      {token === '' ? (
        <p className="notice">{m.reset.noToken}</p>
      ) : done ? (
        <p className="notice" role="status">
          {m.reset.done}
        </p>
      ) : (
        <form className="card" aria-label={m.reset.setForm} onSubmit={(e) => void submit(e)}>
          <NewPasswordFields value={password} onChange={setPassword} />
          <ErrorMessage error={error} />
          <button type="submit" className="primary" disabled={busy}>
            {busy ? m.app.saving : m.reset.save}
          </button>
        </form>
      )}
      <p>
        {done ? (
          <Link to="/sign-in">{m.reset.signIn}</Link>
        ) : (
          <Link to="/forgot-password">{m.reset.askAgain}</Link>
        )}
      </p>
    </main>
  );
}
