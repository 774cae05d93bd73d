import { useCallback, useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApiQuery } from '../../shared/query';
import { useMessages } from '../../shared/messages';
import { useUser } from '../../shared/session';

export type LinkUp = Schemas['LinkUpDetailsView'];
export type Family = Schemas['FamilyDetailView'];

/** The signed-in family's own record (its people's preferred names). */
export function useOwnFamily() {
  const user = useUser();
  const id = user.familyId ?? '';
  return useApiQuery(
    ['/api/families/{id}', id],
    () => unwrap(api.GET('/api/families/{id}', { params: { path: { id } } })),
    id !== '',
  );
}

/** The adults' preferred names, "Sam and Alex" (the household's name when none is written). */
export function useFamilyNames(family: Family | undefined): string {
  const m = useMessages();
  if (family === undefined) return '';
  const adults = family.people.filter((p) => p.role === 'adult').map((p) => p.preferredName);
  return adults.length > 0 ? m.family.and(adults) : family.displayName;
}

/** The header's name for a family user: the family's preferred names, never the account's name. */
export function FamilyHeaderName({ fallback }: { fallback: string }) {
  const family = useOwnFamily();
  const names = useFamilyNames(family.data);
  return <>{names === '' ? fallback : names}</>;
}

/** Goal themes in plain words (the programme's vocabulary, readable by every signed-in user). */
export function useGoalThemes() {
  return useApiQuery(['/api/settings/vocabularies'], async () => {
    const answer = await unwrap(api.GET('/api/settings/vocabularies'));
    return (answer.vocabularies.goalThemes ?? []).map((t) => ({ value: t.key, label: t.label }));
  });
}

/**
 * A warm confirmation after a save, shown where the person is (under the form they used) in a
 * polite live region, so a screen reader hears it too.
 */
export function useSaved(): [string, (text: string) => void] {
  const [text, setText] = useState('');
  const show = useCallback((t: string) => setText(t), []);
  return [text, show];
}

export function Saved({ text }: { text: string }) {
  return (
    <p className={text === '' ? 'saved empty' : 'saved'} role="status" aria-live="polite">
      {text === '' ? '' : `✓ ${text}`}
    </p>
  );
}
