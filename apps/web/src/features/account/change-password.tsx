import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { useMessages } from '../../shared/messages';
import { NewPasswordFields, newPasswordProblem, NO_NEW_PASSWORD } from '../../shared/new-password-fields';
import { usePageTitle } from '../../shared/page-title';
import { useSession } from '../../shared/session';
import { ErrorMessage, Field } from '../../shared/ui';

/**
 * Change your own password (every signed-in person). The API ends every other session and answers
 * with a new token, which this tab (and the browser's other tabs) take up, so nobody is signed out here.
 */
export function ChangePasswordPage() {
  const m = useMessages();
  usePageTitle(m.titles.changePassword);
  const { adoptToken } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState(NO_NEW_PASSWORD);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setDone(false);
    const problem = newPasswordProblem(next);
    if (problem !== null) {
      setError(problem);
      return;
    }
    setBusy(true);
    try {
      const answer = await unwrap(
        api.POST('/api/me/password', { body: { currentPassword: current, newPassword: next.password } }),
      );
      adoptToken(answer.accessToken, answer.user);
      setCurrent('');
      setNext(NO_NEW_PASSWORD);
      setDone(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <h1>{m.account.heading}</h1>
      <p>{m.account.intro}</p>
      <form className="card" aria-label={m.account.heading} onSubmit={(e) => void submit(e)}>
        <Field
          label={m.account.current}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
          required
        />
        <NewPasswordFields value={next} onChange={setNext} />
        <ErrorMessage error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? m.app.working : m.account.submit}
        </button>
      </form>
      <p className="status-line" role="status">
        {done ? m.account.done : ''}
      </p>
    </div>
  );
}
