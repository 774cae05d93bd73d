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
import { messages } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';

type CheckIn = Schemas['CheckInView'];
type Mode = Schemas['CompleteCheckInDto']['mode'];
type Severity = Schemas['CheckInConcernDto']['severity'];

export const SEVERITIES: readonly { value: Severity; label: string }[] = [
  { value: 'low', label: 'Low' },
  { value: 'medium', label: 'Medium' },
  { value: 'high', label: 'High: the supervisor is told at once and the link-up pauses' },
  {
    value: 'immediate_danger',
    label: 'Immediate danger: the supervisor is told at once and the link-up pauses',
  },
];

export function CheckInPage() {
  usePageTitle(messages.titles.checkIn);
  const { id = '' } = useParams();
  const checkIn = useLoad(() => unwrap(api.GET('/api/check-ins/{id}', { params: { path: { id } } })), [id]);
  return (
    <>
      <h1>Check-in</h1>
      <Loader loaded={checkIn} what="Loading the check-in">
        {(c) => <CheckInView checkIn={c} reload={checkIn.reload} />}
      </Loader>
    </>
  );
}

function CheckInView({ checkIn, reload }: { checkIn: CheckIn; reload: () => void }) {
  const [draft, setDraft, clear] = useDraft<{
    heldAt: string;
    mode: Mode;
    notes: string;
    relationshipRating: string;
    wellbeingRating: string;
    concern: boolean;
    severity: Severity;
    concernText: string;
  }>(`check-in-${checkIn.id}`, {
    heldAt: '',
    mode: 'phone',
    notes: '',
    // Not pre-filled: the coach picks both ratings.
    relationshipRating: '',
    wellbeingRating: '',
    concern: false,
    severity: 'low',
    concernText: '',
  });
  async function complete() {
    await unwrap(
      api.POST('/api/check-ins/{id}/complete', {
        params: { path: { id: checkIn.id } },
        body: {
          // Empty: held just now (to the second, so a first contact right after the start counts).
          heldAt: (draft.heldAt === '' ? new Date() : new Date(draft.heldAt)).toISOString(),
          mode: draft.mode,
          relationshipRating: Number(draft.relationshipRating),
          wellbeingRating: Number(draft.wellbeingRating),
          version: checkIn.version,
          ...(draft.notes.trim() === '' ? {} : { notes: draft.notes.trim() }),
          ...(draft.concern
            ? {
                concern: {
                  severity: draft.severity,
                  description: draft.concernText.trim(),
                  source: 'staff' as const,
                },
              }
            : {}),
        },
      }),
    );
    clear();
    reload();
  }
  const ratings = [
    { value: '', label: 'Choose a rating' },
    ...[1, 2, 3, 4, 5].map((n) => ({
      value: String(n),
      label: `${n}${n === 1 ? ' (poor)' : n === 5 ? ' (great)' : ''}`,
    })),
  ];
  const open = checkIn.status === 'scheduled' || checkIn.status === 'due' || checkIn.status === 'missed';
  return (
    <>
      <p>
        {words(checkIn.kind)} with the {checkIn.party === 'both' ? 'two families' : `${checkIn.party} family`}
        , due {formatDateTime(checkIn.dueAt)}: <strong>{words(checkIn.status)}</strong>.{' '}
        <Link to={`/link-ups/${checkIn.linkUpId}`}>Back to the link-up</Link>
      </p>
      {open ? (
        <ActionForm label="Record the check-in as held" submitText="Record the check-in" action={complete}>
          <div className="grid">
            <Field
              label="Held at"
              hint="Leave empty if it was just now."
              type="datetime-local"
              value={draft.heldAt}
              onChange={(heldAt) => setDraft({ heldAt })}
            />
            <SelectField
              label="How"
              value={draft.mode}
              options={[
                { value: 'in_person', label: 'In person' },
                { value: 'phone', label: 'Phone' },
                { value: 'video', label: 'Video' },
                { value: 'message', label: 'Message' },
              ]}
              onChange={(v) => setDraft({ mode: v })}
            />
            <SelectField
              label="How is the relationship going? (1–5)"
              value={draft.relationshipRating}
              options={ratings}
              required
              onChange={(relationshipRating) => setDraft({ relationshipRating })}
            />
            <SelectField
              label="How is the family's wellbeing? (1–5)"
              value={draft.wellbeingRating}
              options={ratings}
              required
              onChange={(wellbeingRating) => setDraft({ wellbeingRating })}
            />
          </div>
          <Field
            label="Notes (staff only)"
            multiline
            value={draft.notes}
            onChange={(notes) => setDraft({ notes })}
          />
          <Checkbox
            label="I have a safeguarding concern"
            checked={draft.concern}
            onChange={(concern) => setDraft({ concern })}
          />
          {draft.concern && (
            <>
              <SelectField
                label="How serious?"
                value={draft.severity}
                options={SEVERITIES}
                onChange={(v) => setDraft({ severity: v })}
              />
              <Field
                label="What is the concern?"
                multiline
                value={draft.concernText}
                onChange={(concernText) => setDraft({ concernText })}
                required
              />
            </>
          )}
        </ActionForm>
      ) : (
        <div className="card">
          <p>
            Held {formatDateTime(checkIn.heldAt)} ({words(checkIn.mode)}).
          </p>
          <p>
            Relationship {checkIn.relationshipRating ?? '—'} / 5 · wellbeing {checkIn.wellbeingRating ?? '—'}{' '}
            / 5
          </p>
          {checkIn.notes !== null && <p>Notes: {checkIn.notes}</p>}
        </div>
      )}
    </>
  );
}
