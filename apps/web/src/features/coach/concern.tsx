import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import {
  ActionForm,
  Checkbox,
  Field,
  formatDateTime,
  Loader,
  SelectField,
  useDraft,
  useLoad,
  words,
} from '../../shared/ui';
import { SEVERITIES } from './check-in';
import { messages } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';

type Concern = Schemas['ConcernDetailView'];
type Decision = Schemas['TriageConcernDto']['decision'];
type Effect = Schemas['TriageConcernDto']['linkUpEffect'];

const DECISIONS: readonly { value: Decision; label: string }[] = [
  { value: 'no_further_action', label: 'No further action' },
  { value: 'monitor', label: 'Monitor' },
  { value: 'support_plan', label: 'Support plan' },
  { value: 'referred_to_child_protection', label: 'Referred to child protection' },
  { value: 'referred_to_police', label: 'Referred to police' },
  { value: 'referred_to_other_service', label: 'Referred to another service' },
];

const EFFECTS: readonly { value: Effect; label: string }[] = [
  { value: 'none', label: 'No change to the link-up' },
  { value: 'pause', label: 'Pause the link-up' },
  { value: 'resume', label: 'Resume the link-up' },
  { value: 'end', label: 'End the link-up' },
];

/** One safeguarding concern (staff only), its history, and triage. Notification links open it. */
export function ConcernPage() {
  usePageTitle(messages.titles.concern);
  const { id = '' } = useParams();
  const concern = useLoad(
    () => unwrap(api.GET('/api/safeguarding-concerns/{id}', { params: { path: { id } } })),
    [id],
  );
  return (
    <>
      <h1>Safeguarding concern</h1>
      <Loader loaded={concern} what="Loading the concern">
        {(c) => <ConcernView concern={c} reload={concern.reload} />}
      </Loader>
    </>
  );
}

function ConcernView({ concern, reload }: { concern: Concern; reload: () => void }) {
  const [draft, setDraft, clear] = useDraft<{
    decision: Decision;
    linkUpEffect: Effect;
    close: boolean;
    note: string;
  }>(`triage-${concern.id}`, { decision: 'monitor', linkUpEffect: 'none', close: false, note: '' });
  async function triage() {
    await unwrap(
      api.POST('/api/safeguarding-concerns/{id}/triage', {
        params: { path: { id: concern.id } },
        body: {
          decision: draft.decision,
          linkUpEffect: draft.linkUpEffect,
          close: draft.close,
          version: concern.version,
          ...(draft.note.trim() === '' ? {} : { note: draft.note.trim() }),
        },
      }),
    );
    clear();
    reload();
  }
  return (
    <>
      <p>
        <span className="pill">
          {SEVERITIES.find((s) => s.value === concern.severity)?.label.split(':')[0]}
        </span>{' '}
        <span className="pill">Status: {words(concern.status)}</span> · raised{' '}
        {formatDateTime(concern.raisedAt)} · triage by {formatDateTime(concern.triageDueAt)}
        {concern.linkUpId !== null && (
          <>
            {' '}
            · <Link to={`/link-ups/${concern.linkUpId}`}>Open the link-up</Link>
          </>
        )}
      </p>
      <p className="card">{concern.description}</p>
      <h2>History</h2>
      <ul className="plain">
        {concern.entries.map((e) => (
          <li key={e.id}>
            {formatDateTime(e.at)}: {words(e.kind)} ({words(e.severity)}, {words(e.status)})
            {e.decision !== null && <> — {words(e.decision)}</>}
            {e.linkUpEffect !== null && e.linkUpEffect !== 'none' && <>, link-up: {words(e.linkUpEffect)}</>}
            {e.note !== null && <> — “{e.note}”</>}
          </li>
        ))}
      </ul>
      {concern.status !== 'closed' && (
        <ActionForm label="Triage the concern" submitText="Record the triage" action={triage}>
          <h2>Triage</h2>
          <SelectField
            label="Decision"
            value={draft.decision}
            options={DECISIONS}
            onChange={(decision) => setDraft({ decision })}
          />
          <SelectField
            label="Effect on the link-up"
            value={draft.linkUpEffect}
            options={EFFECTS}
            onChange={(linkUpEffect) => setDraft({ linkUpEffect })}
          />
          <Field
            label="Note (staff only)"
            multiline
            value={draft.note}
            onChange={(note) => setDraft({ note })}
          />
          <Checkbox
            label="Close the concern"
            checked={draft.close}
            onChange={(close) => setDraft({ close })}
          />
        </ActionForm>
      )}
    </>
  );
}
