import { api, unwrap, type Schemas } from '../../api/client';
import { ActionForm, Checkbox, Field, SelectField, useDraft } from '../../shared/ui';
import { useMessages } from '../../shared/messages';
import { browserNow } from '../../shared/time';

type Mode = Schemas['CompleteCheckInDto']['mode'];
export type Severity = Schemas['CheckInConcernDto']['severity'];

export const SEVERITIES: readonly { value: Severity; label: string }[] = [
  { value: 'low', label: 'Low' },
  { value: 'medium', label: 'Medium' },
  { value: 'high', label: 'High: the supervisor is told at once and the link-up pauses' },
  {
    value: 'immediate_danger',
    label: 'Immediate danger: the supervisor is told at once and the link-up pauses',
  },
];

/** A check-in's kind and party in words: "Regular check-in with the Seeking family". */
export function useCheckInWords(): (c: { kind: string; party: string }) => string {
  const m = useMessages();
  return (c) => m.today.checkInWith(m.words.checkInKind[c.kind] ?? c.kind, m.words.party[c.party] ?? c.party);
}

/**
 * Records a check-in as held (mode, both ratings, notes, and a safeguarding concern if there is one).
 * Used on the check-in's page and, opened on demand, in the Today worklist.
 */
export function RecordCheckInForm({
  checkIn,
  label,
  onDone,
}: {
  checkIn: { id: string; version: number };
  label: string;
  onDone: () => void;
}) {
  const m = useMessages();
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
          heldAt: (draft.heldAt === '' ? browserNow() : new Date(draft.heldAt)).toISOString(),
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
    onDone();
  }
  const ratings = [
    { value: '', label: m.checkIn.chooseRating },
    ...[1, 2, 3, 4, 5].map((n) => ({
      value: String(n),
      label: `${n}${n === 1 ? m.checkIn.poor : n === 5 ? m.checkIn.great : ''}`,
    })),
  ];
  return (
    <ActionForm label={label} submitText={m.checkIn.submit} action={complete}>
      <div className="grid">
        <Field
          label={m.checkIn.heldAt}
          hint={m.checkIn.heldAtHint}
          type="datetime-local"
          value={draft.heldAt}
          onChange={(heldAt) => setDraft({ heldAt })}
        />
        <SelectField
          label={m.checkIn.how}
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
          label={m.checkIn.relationship}
          value={draft.relationshipRating}
          options={ratings}
          required
          onChange={(relationshipRating) => setDraft({ relationshipRating })}
        />
        <SelectField
          label={m.checkIn.wellbeing}
          value={draft.wellbeingRating}
          options={ratings}
          required
          onChange={(wellbeingRating) => setDraft({ wellbeingRating })}
        />
      </div>
      <Field
        label={m.checkIn.notes}
        multiline
        value={draft.notes}
        onChange={(notes) => setDraft({ notes })}
      />
      <Checkbox
        label={m.checkIn.concern}
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
  );
}
