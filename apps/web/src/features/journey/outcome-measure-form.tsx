import { api, unwrap } from '../../api/client';
import { ActionForm, Checkbox, Field, SelectField, useDraft } from '../../shared/ui';

const INSTRUMENTS = [
  { value: 'K10', label: 'K10 (psychological distress, 10–50)' },
  { value: 'PWI', label: 'Personal Wellbeing Index (0–100)' },
  { value: 'PSOC', label: 'Parenting Sense of Competence' },
  { value: 'DEX_CIRCUMSTANCES', label: 'Circumstances (DEX SCORE)' },
  { value: 'DEX_GOALS', label: 'Goals (DEX SCORE)' },
  { value: 'DEX_SATISFACTION', label: 'Satisfaction (DEX SCORE)' },
  { value: 'GAS_SUMMARY', label: 'Goal Attainment summary' },
];

const DECLINE_REASONS: readonly { value: DeclineReason; label: string }[] = [
  { value: 'family_declined', label: 'The family said no' },
  { value: 'not_appropriate_now', label: 'Not the right time' },
  { value: 'could_not_contact', label: 'Could not reach the family' },
  { value: 'language_or_literacy', label: 'Language or literacy' },
  { value: 'other', label: 'Another reason' },
];

type Timepoint = 'baseline' | 'review' | 'exit' | 'follow_up';
type DeclineReason =
  'family_declined' | 'not_appropriate_now' | 'could_not_contact' | 'language_or_literacy' | 'other';

/** Record an outcome measure for a family (with its score, or declined with a reason). */
export function OutcomeMeasureForm(props: { familyId: string; linkUpId?: string; onDone: () => void }) {
  const [draft, setDraft, clear] = useDraft<{
    instrument: string;
    timepoint: Timepoint;
    score: string;
    declined: boolean;
    declineReason: DeclineReason;
  }>(`measure-${props.familyId}`, {
    instrument: 'K10',
    timepoint: 'baseline',
    score: '',
    declined: false,
    declineReason: 'family_declined',
  });
  async function record() {
    await unwrap(
      api.POST('/api/families/{id}/outcome-measures', {
        params: { path: { id: props.familyId } },
        body: {
          instrument: draft.instrument,
          timepoint: draft.timepoint,
          declined: draft.declined,
          assessedBy: 'coach',
          ...(draft.declined ? { declineReason: draft.declineReason } : { score: Number(draft.score) }),
          ...(props.linkUpId === undefined ? {} : { linkUpId: props.linkUpId }),
        },
      }),
    );
    clear();
    props.onDone();
  }
  return (
    <ActionForm label="Record an outcome measure" submitText="Record the measure" action={record}>
      <div className="grid">
        <SelectField
          label="Measure"
          value={draft.instrument}
          options={INSTRUMENTS}
          onChange={(instrument) => setDraft({ instrument })}
        />
        <SelectField
          label="When"
          value={draft.timepoint}
          options={[
            { value: 'baseline', label: 'Baseline (start)' },
            { value: 'review', label: 'Review' },
            { value: 'exit', label: 'Exit' },
            { value: 'follow_up', label: 'Follow-up' },
          ]}
          onChange={(v) => setDraft({ timepoint: v })}
        />
      </div>
      <Checkbox
        label="The family declined this measure"
        checked={draft.declined}
        onChange={(declined) => setDraft({ declined })}
      />
      {draft.declined ? (
        <SelectField
          label="Why it was declined"
          value={draft.declineReason}
          options={DECLINE_REASONS}
          onChange={(v) => setDraft({ declineReason: v })}
        />
      ) : (
        <Field
          label="Score"
          type="number"
          value={draft.score}
          onChange={(score) => setDraft({ score })}
          required
        />
      )}
    </ActionForm>
  );
}
