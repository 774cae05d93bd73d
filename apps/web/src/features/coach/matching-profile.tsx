import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useMessages } from '../../shared/messages';
import { afterWrite } from '../../shared/query';
import {
  Checkbox,
  CheckboxGroup,
  ErrorMessage,
  Field,
  Loader,
  SelectField,
  type Option,
} from '../../shared/ui';
import { labelOf, useVocabularies } from '../../shared/vocabularies';
import type { OnDemand } from './on-demand';

type Family = Schemas['FamilyDetailView'];
type Vocabularies = Record<string, Option[]>;

/** The list fields matching reads, with the vocabulary each takes its keys from. */
const LISTS = [
  { field: 'languages', vocabulary: 'languages', kinds: ['seeking', 'sharing'] },
  { field: 'goalThemes', vocabulary: 'goalThemes', kinds: ['seeking'] },
  { field: 'strengths', vocabulary: 'strengths', kinds: ['sharing'] },
  { field: 'interests', vocabulary: 'interests', kinds: ['seeking', 'sharing'] },
  { field: 'lifeExperiences', vocabulary: 'lifeExperiences', kinds: ['seeking', 'sharing'] },
  { field: 'availabilitySlots', vocabulary: 'availabilitySlots', kinds: ['seeking', 'sharing'] },
  { field: 'childrenAgeBands', vocabulary: 'ageBands', kinds: ['seeking', 'sharing'] },
  { field: 'householdTraits', vocabulary: 'householdTraits', kinds: ['sharing'] },
] as const;

type ListField = (typeof LISTS)[number]['field'];

interface Draft {
  /** The version the form was opened on: a change made meanwhile is a conflict, not overwritten. */
  version: number;
  lists: Record<ListField, string[]>;
  interpreterNeeded: boolean;
  interpreterArranged: boolean;
  maxConcurrentLinkUps: string;
  avoidTraits: string[];
  avoidSameSuburb: boolean;
  avoidSuburbs: string;
}

function draftOf(family: Family): Draft {
  const lists = {} as Record<ListField, string[]>;
  for (const { field } of LISTS) lists[field] = [...(family[field] ?? [])];
  return {
    version: family.version,
    lists,
    interpreterNeeded: family.interpreterNeeded,
    interpreterArranged: family.interpreterArranged,
    maxConcurrentLinkUps: String(family.maxConcurrentLinkUps),
    avoidTraits: family.avoidances.filter((a) => a.kind === 'trait').map((a) => a.value ?? ''),
    avoidSameSuburb: family.avoidances.some((a) => a.kind === 'same_suburb'),
    avoidSuburbs: family.avoidances
      .filter((a) => a.kind === 'suburb')
      .map((a) => a.value ?? '')
      .join(', '),
  };
}

/** The PATCH body: the fields of the family's kind; an empty list is "not recorded" (languages: none). */
function bodyOf(family: Family, draft: Draft): Schemas['UpdateFamilyDto'] {
  const lists: Partial<Record<Exclude<ListField, 'languages'>, string[] | null>> = {};
  for (const { field, kinds } of LISTS) {
    if (field === 'languages' || !(kinds as readonly string[]).includes(family.kind)) continue;
    const value = draft.lists[field];
    lists[field] = value.length === 0 ? null : value;
  }
  const suburbs = draft.avoidSuburbs
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const avoidances: Schemas['AvoidanceDto'][] = [
    ...draft.avoidTraits.map((value) => ({ kind: 'trait' as const, value })),
    ...(draft.avoidSameSuburb ? [{ kind: 'same_suburb' as const }] : []),
    ...[...new Set(suburbs)].map((value) => ({ kind: 'suburb' as const, value })),
  ];
  return {
    version: draft.version,
    interpreterNeeded: draft.interpreterNeeded,
    interpreterArranged: draft.interpreterArranged,
    languages: draft.lists.languages,
    ...lists,
    ...(family.kind === 'sharing' ? { maxConcurrentLinkUps: Number(draft.maxConcurrentLinkUps) } : {}),
    ...(family.kind === 'seeking' ? { avoidances } : {}),
  };
}

/**
 * Every fact matching reads about a family, in words: read first, edited on demand ("Edit" opens the
 * form), saved with a confirmation and refused in sentences.
 */
export function MatchingProfile({ family, forms }: { family: Family; forms: OnDemand }) {
  const m = useMessages().familyRecord;
  const vocabularies = useVocabularies();
  const editing = forms.open === 'profile';
  const [saved, setSaved] = useState(false);
  return (
    <section aria-labelledby="matching-profile" id="matching-profile-section">
      <h2 id="matching-profile">{m.profileHeading}</h2>
      <p className="hint">{m.profileIntro(family.kind)}</p>
      {saved && !editing && (
        <p className="met" role="status">
          ✓ {family.kind === 'seeking' ? m.savedSeeking : m.saved}{' '}
          {family.kind === 'seeking' && (
            <Link to={`/coach/families/${family.id}/suggestions`}>{m.seeSuggestions}</Link>
          )}
        </p>
      )}
      <Loader loaded={vocabularies} what="Loading the programme’s lists">
        {(vocab) =>
          editing ? (
            <ProfileForm
              family={family}
              vocab={vocab}
              panel={forms.panel}
              onCancel={() => forms.show(null)}
              onSaved={() => {
                forms.show(null);
                setSaved(true);
              }}
            />
          ) : (
            <>
              <ProfileFacts family={family} vocab={vocab} />
              <button
                type="button"
                onClick={() => {
                  setSaved(false);
                  forms.show('profile');
                }}
              >
                {m.edit}
              </button>
            </>
          )
        }
      </Loader>
    </section>
  );
}

function ProfileFacts({ family, vocab }: { family: Family; vocab: Vocabularies }) {
  const all = useMessages();
  const m = all.familyRecord;
  const listWords = (values: readonly string[] | null, vocabulary: string, emptyIsNone = false) =>
    values === null || (values.length === 0 && !emptyIsNone)
      ? m.notRecorded
      : values.length === 0
        ? m.none
        : values.map((v) => labelOf(vocab[vocabulary], v)).join(', ');
  const rows: [string, string][] = [];
  for (const { field, vocabulary, kinds } of LISTS) {
    if (!(kinds as readonly string[]).includes(family.kind)) continue;
    rows.push([all.fields[field] ?? field, listWords(family[field], vocabulary)]);
    if (field === 'languages') {
      rows.push([m.interpreter, m.interpreterWords(family.interpreterNeeded, family.interpreterArranged)]);
    }
  }
  if (family.kind === 'sharing') {
    rows.push([all.fields.maxConcurrentLinkUps ?? '', m.capacity(family.maxConcurrentLinkUps)]);
  } else {
    const avoid = family.avoidances.map((a) =>
      a.kind === 'same_suburb'
        ? m.avoidSameSuburbWords
        : a.kind === 'trait'
          ? m.avoidTraitWords(labelOf(vocab.householdTraits, a.value ?? ''))
          : m.avoidSuburbWords(a.value ?? ''),
    );
    rows.push([all.fields.avoidances ?? '', avoid.length === 0 ? m.none : avoid.join('; ')]);
  }
  return (
    <dl className="profile card">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd className={value === m.notRecorded ? 'unknown' : undefined}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ProfileForm({
  family,
  vocab,
  panel,
  onCancel,
  onSaved,
}: {
  family: Family;
  vocab: Vocabularies;
  panel: OnDemand['panel'];
  onCancel: () => void;
  onSaved: () => void;
}) {
  const all = useMessages();
  const m = all.familyRecord;
  const [draft, setDraft] = useState(() => draftOf(family));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const patch = (p: Partial<Draft>) => setDraft((d) => ({ ...d, ...p }));
  const setList = (field: ListField, value: string[]) =>
    setDraft((d) => ({ ...d, lists: { ...d.lists, [field]: value } }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await unwrap(
        api.PATCH('/api/families/{id}', {
          params: { path: { id: family.id } },
          body: bodyOf(family, draft),
        }),
      );
      await afterWrite();
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      aria-label={m.edit}
      className="card profile-form"
      ref={(el) => {
        panel.current = el;
      }}
      tabIndex={-1}
      onSubmit={(e) => void submit(e)}
    >
      {LISTS.filter(({ kinds }) => (kinds as readonly string[]).includes(family.kind)).map(
        ({ field, vocabulary }) => (
          <div key={field}>
            <CheckboxGroup
              legend={all.fields[field] ?? field}
              hint={field === 'languages' ? m.languagesHint : m.listHint}
              columns
              options={vocab[vocabulary] ?? []}
              selected={draft.lists[field]}
              onChange={(value) => setList(field, value)}
            />
            {field === 'languages' && (
              <fieldset className="group">
                <legend>{m.interpreter}</legend>
                <Checkbox
                  label={m.interpreterNeededBox}
                  checked={draft.interpreterNeeded}
                  onChange={(interpreterNeeded) => patch({ interpreterNeeded })}
                />
                <Checkbox
                  label={m.interpreterArrangedBox}
                  checked={draft.interpreterArranged}
                  onChange={(interpreterArranged) => patch({ interpreterArranged })}
                />
              </fieldset>
            )}
          </div>
        ),
      )}
      {family.kind === 'sharing' && (
        <SelectField
          label={all.fields.maxConcurrentLinkUps ?? ''}
          value={draft.maxConcurrentLinkUps}
          options={['1', '2', '3'].map((n) => ({ value: n, label: m.capacityOption(Number(n)) }))}
          onChange={(maxConcurrentLinkUps) => patch({ maxConcurrentLinkUps })}
        />
      )}
      {family.kind === 'seeking' && (
        <fieldset className="group">
          <legend>{all.fields.avoidances}</legend>
          <CheckboxGroup
            legend={m.avoidTraits}
            columns
            options={vocab.householdTraits ?? []}
            selected={draft.avoidTraits}
            onChange={(avoidTraits) => patch({ avoidTraits })}
          />
          <Checkbox
            label={m.avoidSameSuburb}
            checked={draft.avoidSameSuburb}
            onChange={(avoidSameSuburb) => patch({ avoidSameSuburb })}
          />
          <Field
            label={m.avoidSuburbs}
            hint={m.avoidSuburbsHint}
            value={draft.avoidSuburbs}
            onChange={(avoidSuburbs) => patch({ avoidSuburbs })}
          />
        </fieldset>
      )}
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? all.app.saving : m.save}
        </button>
        <button type="button" onClick={onCancel}>
          {m.cancel}
        </button>
      </div>
    </form>
  );
}
