import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type ButtonHTMLAttributes,
  type DependencyList,
  type FormEvent,
  type ReactNode,
} from 'react';
import { useLocation } from 'react-router';
import { describeProblem } from '../api/errors';
import { messages } from './messages';
import { afterWrite, type Loaded } from './query';
import { DRAFT_PREFIX, useSession } from './session';
import { browserNow } from './time';

export type { Loaded } from './query';

/** Loads data for a page; `reload` fetches it again (after a change, say). */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/**
 * A form's values kept in sessionStorage under the signed-in user and the page's address: a
 * session that expires while someone types sends them to sign in, and the form comes back as it
 * was for the same person (never for someone else signing in on the same tab). `exclude` names
 * fields that are never written to sessionStorage (passwords). A change of `name` (a draft keyed
 * by a query parameter, say) loads that draft.
 */
export function useDraft<T extends object>(
  name: string,
  initial: T,
  exclude: readonly (keyof T)[] = [],
): [T, (patch: Partial<T>) => void, () => void] {
  const { pathname } = useLocation();
  const { user } = useSession();
  const key = `${DRAFT_PREFIX}${user?.id ?? 'anonymous'}:${pathname}:${name}`;
  // The first render's defaults and exclusions (callers pass fresh literals on every render).
  const [{ initial: first, exclude: excluded }] = useState(() => ({ initial, exclude }));
  const [state, setState] = useState(() => ({ key, value: readDraft(key, first, excluded) }));
  let current = state;
  if (state.key !== key) {
    current = { key, value: readDraft(key, first, excluded) };
    setState(current);
  }
  const update = useCallback(
    (patch: Partial<T>) =>
      setState((s) => {
        const next = { ...(s.key === key ? s.value : readDraft(key, first, excluded)), ...patch };
        sessionStorage.setItem(key, JSON.stringify(without(next, excluded)));
        return { key, value: next };
      }),
    [key, first, excluded],
  );
  const clear = useCallback(() => {
    sessionStorage.removeItem(key);
    setState({ key, value: first });
  }, [key, first]);
  return [current.value, update, clear];
}

function without<T extends object>(value: Partial<T>, exclude: readonly (keyof T)[]): Partial<T> {
  const copy: Partial<T> = { ...value };
  for (const field of exclude) delete copy[field];
  return copy;
}

function readDraft<T extends object>(key: string, initial: T, exclude: readonly (keyof T)[]): T {
  try {
    const raw = sessionStorage.getItem(key);
    return raw === null ? initial : { ...initial, ...without(JSON.parse(raw) as Partial<T>, exclude) };
  } catch {
    return initial;
  }
}

export function Loading({ what = messages.app.loading }: { what?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {what}…
    </p>
  );
}

export function ErrorMessage({ error }: { error: unknown }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error !== undefined && error !== null) ref.current?.focus();
  }, [error]);
  if (error === undefined || error === null) return null;
  const { text, points } = describeProblem(error);
  return (
    <div className="error" role="alert" tabIndex={-1} ref={ref}>
      <p>{text}</p>
      {points.length > 0 && (
        <ul>
          {points.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The loading or error state of a page's data, or its content. */
export function Loader<T>({
  loaded,
  what,
  children,
}: {
  loaded: Loaded<T>;
  what?: string;
  children: (data: T) => ReactNode;
}) {
  if (loaded.data !== undefined) return <>{children(loaded.data)}</>;
  if (loaded.error !== undefined) {
    return (
      <>
        <ErrorMessage error={loaded.error} />
        <button type="button" onClick={loaded.reload}>
          {messages.app.tryAgain}
        </button>
      </>
    );
  }
  return <Loading what={what} />;
}

interface FieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly type?: string;
  readonly required?: boolean;
  readonly hint?: string;
  readonly autoComplete?: string;
  readonly multiline?: boolean;
  readonly min?: string;
  readonly max?: string;
  readonly name?: string;
  readonly inputMode?: 'numeric' | 'text' | 'email' | 'tel';
}

export function Field(props: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const common = {
    id,
    name: props.name,
    value: props.value,
    required: props.required,
    'aria-describedby': props.hint === undefined ? undefined : hintId,
  };
  return (
    <div className="field">
      <label htmlFor={id}>
        {props.label}
        {props.required === true && <span className="required">{messages.app.required}</span>}
      </label>
      {props.hint !== undefined && (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.multiline === true ? (
        <textarea {...common} rows={3} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          autoComplete={props.autoComplete}
          inputMode={props.inputMode}
          min={props.min}
          max={props.max}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </div>
  );
}

export interface Option<T extends string = string> {
  readonly value: T;
  readonly label: string;
}

/** A labelled select; `onChange` gets one of the options' values. */
export function SelectField<T extends string>(props: {
  label: string;
  value: T;
  options: readonly Option<T>[];
  onChange: (value: T) => void;
  required?: boolean;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        required={props.required}
        onChange={(e) => props.onChange(e.target.value as T)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Checkbox(props: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className="check">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
    </div>
  );
}

export function CheckboxGroup(props: {
  legend: string;
  options: readonly Option[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  /** A sentence under the legend (read with it). */
  hint?: string;
  /** Lay the options out in columns (a long list: languages, say). */
  columns?: boolean;
}) {
  const hintId = useId();
  return (
    <fieldset className="group" aria-describedby={props.hint === undefined ? undefined : hintId}>
      <legend>{props.legend}</legend>
      {props.hint !== undefined && (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      <div className={props.columns === true ? 'options columns' : 'options'}>
        {props.options.map((o) => (
          <Checkbox
            key={o.value}
            label={o.label}
            checked={props.selected.includes(o.value)}
            onChange={(on) =>
              props.onChange(on ? [...props.selected, o.value] : props.selected.filter((s) => s !== o.value))
            }
          />
        ))}
      </div>
    </fieldset>
  );
}

/**
 * A form that runs `action` on submit, shows "Saving…" meanwhile and the error in words if it fails.
 */
export function ActionForm(props: {
  label: string;
  submitText: string;
  busyText?: string;
  action: () => Promise<void>;
  children: ReactNode;
  className?: string;
  /** Beside the submit button: a "Cancel", say. */
  beside?: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.action();
      await afterWrite();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form aria-label={props.label} className={props.className ?? 'card'} onSubmit={(e) => void submit(e)}>
      {props.children}
      <ErrorMessage error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? (props.busyText ?? messages.app.saving) : props.submitText}
      </button>
      {props.beside}
    </form>
  );
}

/** A button that runs an action, with a busy state and the error in words. */
export function ActionButton({
  action,
  children,
  ...rest
}: { action: () => Promise<void> } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick'>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <span className="action">
      <button
        type="button"
        {...rest}
        disabled={busy || rest.disabled}
        onClick={() => {
          setBusy(true);
          setError(null);
          action()
            .then(afterWrite)
            .then(
              () => setBusy(false),
              (e: unknown) => {
                setBusy(false);
                setError(e);
              },
            );
        }}
      >
        {busy ? messages.app.working : children}
      </button>
      <ErrorMessage error={error} />
    </span>
  );
}

/** Words for the API's snake_case keys: `doing_with` → "doing with". */
export function words(key: string | null | undefined): string {
  if (key === null || key === undefined) return '—';
  return key.replace(/_/g, ' ');
}

export const STAGE_WORDS: Record<string, string> = messages.stages;

/** Dates and times in the site's zone: see shared/time.tsx. */
export { formatDate, formatDateTime } from './time';

export function today(): string {
  const d = browserNow();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
