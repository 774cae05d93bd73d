import { useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { useMessages } from '../../shared/messages';
import { ActionForm, Field } from '../../shared/ui';
import { CancelButton } from './approval';
import type { OnDemand } from './on-demand';

type Family = Schemas['FamilyDetailView'];

interface Draft {
  /** The version the form was opened on: a change made meanwhile is refused, not overwritten. */
  version: number;
  displayName: string;
  suburb: string;
  postcode: string;
}

/**
 * The household's name and where it lives (suburb, postcode): read first, edited on demand. Only
 * the fields that changed are sent, so the audit line names just those; an emptied suburb or
 * postcode is recorded as not known.
 */
export function Household({
  family,
  forms,
  onDone,
}: {
  family: Family;
  forms: OnDemand;
  onDone: (text: string) => void;
}) {
  const m = useMessages().household;
  const editing = forms.open === 'household';
  return (
    <section aria-labelledby="household">
      <h2 id="household">{m.heading}</h2>
      {editing ? (
        <HouseholdForm family={family} forms={forms} onDone={onDone} />
      ) : (
        <>
          <dl className="profile card">
            <div>
              <dt>{m.displayName}</dt>
              <dd>{family.displayName}</dd>
            </div>
            <div>
              <dt>{m.suburb}</dt>
              <dd className={family.suburb === null ? 'unknown' : undefined}>
                {family.suburb ?? m.notRecorded}
              </dd>
            </div>
            <div>
              <dt>{m.postcode}</dt>
              <dd className={family.postcode === null ? 'unknown' : undefined}>
                {family.postcode ?? m.notRecorded}
              </dd>
            </div>
          </dl>
          <button type="button" onClick={() => forms.show('household')}>
            {m.edit}
          </button>
        </>
      )}
    </section>
  );
}

function HouseholdForm({
  family,
  forms,
  onDone,
}: {
  family: Family;
  forms: OnDemand;
  onDone: (text: string) => void;
}) {
  const m = useMessages().household;
  const [draft, setDraft] = useState<Draft>(() => ({
    version: family.version,
    displayName: family.displayName,
    suburb: family.suburb ?? '',
    postcode: family.postcode ?? '',
  }));
  const patch = (p: Partial<Draft>) => setDraft((d) => ({ ...d, ...p }));

  async function save() {
    const displayName = draft.displayName.trim();
    const suburb = draft.suburb.trim() === '' ? null : draft.suburb.trim();
    const postcode = draft.postcode.trim() === '' ? null : draft.postcode.trim();
    const body: Schemas['UpdateFamilyDto'] = {
      version: draft.version,
      ...(displayName === family.displayName ? {} : { displayName }),
      ...(suburb === family.suburb ? {} : { suburb }),
      ...(postcode === family.postcode ? {} : { postcode }),
    };
    if (Object.keys(body).length > 1) {
      await unwrap(api.PATCH('/api/families/{id}', { params: { path: { id: family.id } }, body }));
    }
    forms.show(null);
    onDone(Object.keys(body).length > 1 ? m.saved : m.unchanged);
  }

  return (
    <div
      ref={(el) => {
        forms.panel.current = el;
      }}
      tabIndex={-1}
    >
      <ActionForm label={m.edit} submitText={m.save} beside={<CancelButton forms={forms} />} action={save}>
        <Field
          label={m.displayName}
          hint={m.displayNameHint}
          required
          autoComplete="off"
          value={draft.displayName}
          onChange={(displayName) => patch({ displayName })}
        />
        <Field
          label={m.suburb}
          hint={m.suburbHint}
          autoComplete="off"
          value={draft.suburb}
          onChange={(suburb) => patch({ suburb })}
        />
        <Field
          label={m.postcode}
          hint={m.postcodeHint}
          autoComplete="off"
          inputMode="numeric"
          value={draft.postcode}
          onChange={(postcode) => patch({ postcode })}
        />
      </ActionForm>
    </div>
  );
}
