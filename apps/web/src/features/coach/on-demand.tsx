import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';

/**
 * The form a page shows on demand (one at a time), named in the address as `?do=` so that a link
 * (a checklist's "record the training date", say) opens it: `open` is its name, `show` opens one or
 * closes it (null), and `panel` goes on the opened form, which comes into view and takes focus.
 */
export function useOnDemand() {
  const [params, setParams] = useSearchParams();
  const open = params.get('do');
  const panel = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (open !== null) {
      panel.current?.scrollIntoView({ block: 'start' });
      panel.current?.focus();
    }
  }, [open]);
  function show(action: string | null) {
    const next = new URLSearchParams(params);
    if (action === null) next.delete('do');
    else next.set('do', action);
    setParams(next, { replace: true });
  }
  return { open, show, panel };
}

export type OnDemand = ReturnType<typeof useOnDemand>;
