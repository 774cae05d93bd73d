import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ErrorMessage } from './ui';
import { messages } from './messages';
import { afterWrite } from './query';

interface ConfirmProps {
  /** The dialog's heading: a question naming what is at stake. */
  title: string;
  /** What happens, and how it can be undone. */
  body: ReactNode;
  confirmText: string;
  action: () => Promise<void>;
  danger?: boolean;
}

/**
 * A button that asks before it acts: it opens a modal dialog (the native `<dialog>`: focus moves
 * into it and stays there, Escape cancels) that says what will happen; only "confirm" runs the
 * action. For anything that cannot simply be taken back.
 */
export function ConfirmButton(
  props: ConfirmProps & { /** The button that opens the dialog. */ children: ReactNode },
) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={props.danger === true ? 'danger' : undefined}
        onClick={() => setOpen(true)}
      >
        {props.children}
      </button>
      <ConfirmDialog {...props} open={open} onClose={() => setOpen(false)} />
    </>
  );
}

/** The confirmation dialog itself, opened by its owner (a form's submit, say). */
export function ConfirmDialog(props: ConfirmProps & { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const titleId = useId();
  const { open, onClose } = props;
  useEffect(() => {
    const d = dialog.current;
    if (d === null) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await props.action();
      await afterWrite();
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <dialog ref={dialog} aria-labelledby={titleId} className="confirm" onClose={onClose}>
      {open && (
        <>
          <h2 id={titleId}>{props.title}</h2>
          <div>{props.body}</div>
          <ErrorMessage error={error} />
          <div className="confirm-actions">
            <button type="button" onClick={onClose} autoFocus>
              {messages.matching.cancel}
            </button>
            <button
              type="button"
              className={props.danger === true ? 'danger' : 'primary'}
              disabled={busy}
              onClick={() => void confirm()}
            >
              {busy ? messages.app.working : props.confirmText}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
