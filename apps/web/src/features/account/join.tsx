import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { api, ApiProblem, unwrap } from '../../api/client';
import { useMessages } from '../../shared/messages';
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
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (password !== repeat) {
      setError(new ApiProblem(400, 'PASSWORD.MISMATCH', m.reset.mismatch));
      return;
    }
    setBusy(true);
    try {
      await unwrap(
        api.POST('/api/auth/join', {
          body:
            token !== ''
              ? { token, newPassword: password }
              : { email: email.trim(), code: code.trim(), newPassword: password },
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
            <Field
              label={m.reset.newPassword}
              hint={m.reset.newPasswordHint}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={setPassword}
              required
            />
            <Field
              label={m.reset.repeat}
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={setRepeat}
              required
            />
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
