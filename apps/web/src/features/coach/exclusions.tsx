import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { ConfirmDialog } from '../../shared/confirm-dialog';
import { useMessages } from '../../shared/messages';
import { useApiQuery } from '../../shared/query';
import { ActionForm, Field, formatDate, Loader, SelectField, words } from '../../shared/ui';
import type { OnDemand } from './on-demand';

type Family = Schemas['FamilyDetailView'];
type Exclusion = Schemas['ExclusionListItemView'];
type LiftReason = Schemas['LiftExclusionDto']['reason'];
type ExclusionReason = Schemas['RecordExclusionDto']['reason'];

/** The reasons the API takes, in the order offered (their words are in the catalogue). */
const LIFT_REASONS: readonly LiftReason[] = [
  'recorded_in_error',
  'family_changed_mind',
  'circumstances_changed',
  'other',
];
const EXCLUSION_REASONS: readonly ExclusionReason[] = [
  'known_to_each_other',
  'declined',
  'ended_badly',
  'other',
];

/**
 * Lifts one exclusion, with a reason (no default: the coach says why). With `confirm`, the submit
 * asks first (a modal naming both families); without, it lifts at once (the shortlist's "undo").
 */
export function LiftForm({
  exclusion,
  onLifted,
  label,
  confirm,
  beside,
}: {
  exclusion: Exclusion;
  onLifted?: () => void;
  label?: string;
  confirm?: boolean;
  beside?: ReactNode;
}) {
  const all = useMessages();
  const m = all.matching;
  const [reason, setReason] = useState<LiftReason | ''>('');
  const [asking, setAsking] = useState(false);
  const text = label ?? m.undoButton(exclusion.sharingFamilyName);
  async function lift() {
    // The select is required: the browser does not submit without a reason.
    if (reason === '') return;
    await unwrap(
      api.POST('/api/families/{id}/exclusions/{exclusionId}/lift', {
        params: { path: { id: exclusion.seekingFamilyId, exclusionId: exclusion.id } },
        body: { reason },
      }),
    );
    onLifted?.();
  }
  const reasonField = (
    <SelectField
      label={m.liftReason}
      value={reason}
      required
      options={[
        { value: '', label: '—' },
        ...LIFT_REASONS.map((value) => ({ value, label: m.liftReasons[value] ?? words(value) })),
      ]}
      onChange={setReason}
    />
  );
  if (confirm !== true) {
    return (
      <ActionForm label={text} submitText={text} className="inline-form" action={lift} beside={beside}>
        {reasonField}
      </ActionForm>
    );
  }
  const f = all.familyRecord;
  return (
    <form
      aria-label={text}
      className="inline-form"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        setAsking(true);
      }}
    >
      {reasonField}
      <button type="submit" className="primary">
        {f.liftSubmit}
      </button>
      {beside}
      <ConfirmDialog
        open={asking}
        onClose={() => setAsking(false)}
        title={f.liftTitle(exclusion.seekingFamilyName, exclusion.sharingFamilyName)}
        body={<p>{f.liftBody(exclusion.seekingFamilyName, exclusion.sharingFamilyName)}</p>}
        confirmText={f.liftConfirm}
        action={lift}
      />
    </form>
  );
}

/**
 * The family record's exclusions: the pairs never to be suggested, each with its reason and a way
 * to lift it (reason, then a confirmation); a new one for a family picked by name.
 */
export function FamilyExclusions({
  family,
  forms,
  onDone,
}: {
  family: Family;
  forms: OnDemand;
  onDone: (text: string) => void;
}) {
  const all = useMessages();
  const m = all.familyRecord;
  const exclusions = useApiQuery(['/api/families/{id}/exclusions', family.id], () =>
    unwrap(api.GET('/api/families/{id}/exclusions', { params: { path: { id: family.id } } })),
  );
  const seeking = family.kind === 'seeking';
  const otherOf = (e: Exclusion) =>
    seeking
      ? { id: e.sharingFamilyId, name: e.sharingFamilyName }
      : { id: e.seekingFamilyId, name: e.seekingFamilyName };
  const panel = (el: HTMLElement | null) => {
    forms.panel.current = el;
  };
  const cancel = (
    <button type="button" className="beside" onClick={() => forms.show(null)}>
      {m.cancel}
    </button>
  );
  return (
    <section aria-labelledby="exclusions">
      <h2 id="exclusions">{m.exclusionsHeading}</h2>
      <p className="hint">{m.exclusionsIntro(family.kind)}</p>
      <Loader loaded={exclusions} what="Loading the exclusions">
        {(list) =>
          list.length === 0 ? (
            <p>{m.noExclusions}</p>
          ) : (
            <ul className="plain">
              {list.map((e) => {
                const other = otherOf(e);
                return (
                  <li key={e.id}>
                    <Link to={`/coach/families/${other.id}`}>{other.name}</Link> —{' '}
                    {m.exclusionSince(
                      all.matching.exclusionReasons[e.reason] ?? words(e.reason),
                      formatDate(e.createdAt),
                    )}{' '}
                    {forms.open === `lift-${e.id}` ? (
                      <div ref={panel} tabIndex={-1}>
                        <LiftForm
                          exclusion={e}
                          label={m.lift(other.name)}
                          confirm
                          beside={cancel}
                          onLifted={() => {
                            forms.show(null);
                            onDone(m.lifted(e.seekingFamilyName, e.sharingFamilyName));
                          }}
                        />
                      </div>
                    ) : (
                      <button type="button" onClick={() => forms.show(`lift-${e.id}`)}>
                        {m.lift(other.name)}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )
        }
      </Loader>
      {forms.open === 'exclusion' ? (
        <div ref={panel} tabIndex={-1}>
          <AddExclusion family={family} cancel={cancel} onDone={onDone} forms={forms} />
        </div>
      ) : (
        <button type="button" onClick={() => forms.show('exclusion')}>
          {m.addExclusion}
        </button>
      )}
    </section>
  );
}

function AddExclusion({
  family,
  cancel,
  onDone,
  forms,
}: {
  family: Family;
  cancel: ReactNode;
  onDone: (text: string) => void;
  forms: OnDemand;
}) {
  const all = useMessages();
  const m = all.familyRecord;
  const otherKind = family.kind === 'seeking' ? 'sharing' : 'seeking';
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [otherId, setOtherId] = useState('');
  const [reason, setReason] = useState<ExclusionReason | ''>('');
  // Ask the server once typing pauses, not on every key.
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]);
  const found = useApiQuery(
    ['/api/families', 'exclusion-picker', otherKind, q],
    () =>
      unwrap(
        api.GET('/api/families', {
          params: { query: { kind: otherKind, q: q === '' ? undefined : q, sort: 'name', limit: 20 } },
        }),
      ),
    q !== '',
  );
  const options = (found.data?.items ?? []).map((f) => ({
    value: f.id,
    label: [f.displayName, f.suburb, words(f.status)].filter((x) => x !== null && x !== '').join(' · '),
  }));
  // A family chosen before the search changed is no longer offered: nothing is chosen then.
  const chosen = options.find((o) => o.value === otherId);
  const chosenId = chosen === undefined ? '' : otherId;
  return (
    <ActionForm
      label={m.addExclusion}
      submitText={m.saveExclusion}
      beside={cancel}
      action={async () => {
        // The select is required: the browser does not submit without a reason.
        if (reason === '') return;
        const [seekingId, sharingId] =
          family.kind === 'seeking' ? [family.id, chosenId] : [chosenId, family.id];
        await unwrap(
          api.POST('/api/families/{id}/exclusions', {
            params: { path: { id: seekingId } },
            body: {
              sharingFamilyId: sharingId,
              reason,
            },
          }),
        );
        forms.show(null);
        onDone(m.exclusionAdded(chosen?.label.split(' · ')[0] ?? ''));
      }}
    >
      <Field label={m.findFamily(otherKind)} hint={m.findFamilyHint} value={search} onChange={setSearch} />
      {q !== '' && found.data !== undefined && options.length === 0 ? (
        <p role="status">{m.noFamilyFound}</p>
      ) : (
        <SelectField
          label={m.otherFamily}
          value={chosenId}
          required
          options={[{ value: '', label: m.pickFamily }, ...options]}
          onChange={setOtherId}
        />
      )}
      <SelectField
        label={m.exclusionReason}
        value={reason}
        required
        options={[
          { value: '', label: '—' },
          ...EXCLUSION_REASONS.map((value) => ({
            value,
            label: all.matching.exclusionReasons[value] ?? words(value),
          })),
        ]}
        onChange={setReason}
      />
    </ActionForm>
  );
}
