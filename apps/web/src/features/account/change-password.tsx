import { useState, type FormEvent } from 'react';
import { api, ApiProblem, unwrap } from '../../api/client';
import { useMessages } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';
import { useSession } from '../../shared/session';
import { ErrorMessage, Field } from '../../shared/ui';

/** The least the API takes (PASSWORD_MIN_LENGTH): said before asking, so the answer is a sentence. */
const MIN_LENGTH = 12;

/**
 * Change your own password (every signed-in person). The API ends every other session and answers
 * with a new token, which this tab (and the browser's other tabs) take up, so nobody is signed out here.
 */
export function ChangePasswordPage() {
  const m = useMessages();
  usePageTitle(m.titles.changePassword);
  const { adoptToken } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setDone(false);
    if (next.length < MIN_LENGTH) {
      setError(new ApiProblem(400, 'PASSWORD.TOO_SHORT', m.errors['PASSWORD.TOO_SHORT']));
      return;
    }
    if (next !== repeat) {
      setError(new ApiProblem(400, 'PASSWORD.MISMATCH', m.errors['PASSWORD.MISMATCH']));
      return;
    }
    setBusy(true);
    try {
      const answer = await unwrap(
        api.POST('/api/me/password', { body: { currentPassword: current, newPassword: next } }),
      );
      adoptToken(answer.accessToken, answer.user);
      setCurrent('');
      setNext('');
      setRepeat('');
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
        <Field
          label={m.account.next}
          hint={m.account.nextHint}
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={setNext}
          required
        />
        <Field
          label={m.account.repeat}
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={setRepeat}
          required
        />
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
