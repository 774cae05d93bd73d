import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMessages } from '../../shared/messages';
import { NewPasswordFields, newPasswordProblem, NO_NEW_PASSWORD } from '../../shared/new-password-fields';
import { usePageTitle } from '../../shared/page-title';
import { ErrorMessage, Field } from '../../shared/ui';

/**
 * Accepting a coach's invitation: with the emailed link (its secret in the address's fragment) or
 * with the email and the code the coach read out; then the family's own password.
 */
export function JoinPage() {
  const m = useMessages();
  usePageTitle(m.titles.join);
  const { hash } = useLocation();
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
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
        api.POST('/api/auth/join', {
          body:
            token !== ''
              ? { token, newPassword: password.password }
              : { email: email.trim(), code: code.trim(), newPassword: password.password },
        }),
      );
      setDone(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <main id="main" className="sign-in">
      <h1>{m.invitations.joinTitle}</h1>
      {done ? (
        <p className="notice" role="status">
          {m.invitations.welcome}
        </p>
      ) : (
        <>
          <p>{token === '' ? m.invitations.joinIntroCode : m.invitations.joinIntroLink}</p>
          <form className="card" aria-label={m.invitations.joinForm} onSubmit={(e) => void submit(e)}>
            {token === '' && (
              <>
                <Field
                  label={m.reset.email}
                  type="email"
                  autoComplete="username"
                  value={email}
                  onChange={setEmail}
                  required
                />
                <Field
                  label={m.invitations.code}
                  hint={m.invitations.codeHint}
                  autoComplete="one-time-code"
                  value={code}
                  onChange={setCode}
                  required
                />
              </>
            )}
            <NewPasswordFields value={password} onChange={setPassword} />
            <ErrorMessage error={error} />
            <button type="submit" className="primary" disabled={busy}>
              {busy ? m.app.saving : m.invitations.join}
            </button>
          </form>
        </>
      )}
      <p>
        <Link to="/sign-in">{m.reset.signIn}</Link>
      </p>
    </main>
  );
}
