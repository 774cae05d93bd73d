import { api, unwrap, type Schemas } from '../../api/client';
import {
  ActionButton,
  ActionForm,
  Checkbox,
  Field,
  formatDate,
  SelectField,
  today,
  useDraft,
  words,
} from '../../shared/ui';

export type Goal = Schemas['GoalView'];
type GetTogetherKind = Schemas['NewGetTogetherDto']['kind'];

export const RATING_WORDS: Record<number, string> = {
  [-2]: 'Much worse than hoped',
  [-1]: 'A bit worse than hoped',
  0: 'As hoped',
  1: 'A bit better than hoped',
  2: 'Much better than hoped',
};

export const GET_TOGETHER_KINDS: readonly { value: GetTogetherKind; label: string }[] = [
  { value: 'chat', label: 'A chat' },
  { value: 'fun_activity', label: 'Something fun' },
  { value: 'side_by_side', label: 'Working on a goal side by side' },
  { value: 'community_connection', label: 'Going to a club, group or service' },
];

/**
 * A goal's latest rating: the newest by `ratedAt` (the API lists them newest first; a rating may be
 * back-dated, so the date decides, not the order), or undefined before the first.
 */
export function latestRating(goal: Goal): Schemas['GoalRatingView'] | undefined {
  let latest: Schemas['GoalRatingView'] | undefined;
  for (const rating of goal.ratings ?? []) {
    if (latest === undefined || Date.parse(rating.ratedAt) > Date.parse(latest.ratedAt)) latest = rating;
  }
  return latest;
}

/** Rate a goal on the Goal Attainment scale, −2…+2, with a big button per step. */
export function GoalRating({
  goal,
  ratedBy,
  onDone,
  hideLatest = false,
}: {
  goal: Goal;
  ratedBy: 'family' | 'coach';
  onDone: (rating: number) => void;
  /** The page shows the latest rating itself. */
  hideLatest?: boolean;
}) {
  const latest = latestRating(goal);
  return (
    <div>
      {!hideLatest && (
        <p>
          {latest === undefined
            ? 'Not rated yet.'
            : `Latest rating: ${RATING_WORDS[latest.rating] ?? latest.rating} (${formatDate(latest.ratedAt)})`}
        </p>
      )}
      <div className="rating" role="group" aria-label={`How is “${goal.text}” going?`}>
        {[-2, -1, 0, 1, 2].map((rating) => (
          <ActionButton
            key={rating}
            aria-pressed={latest?.rating === rating}
            action={async () => {
              await unwrap(
                api.POST('/api/goals/{id}/ratings', {
                  params: { path: { id: goal.id } },
                  body: { rating, ratedBy },
                }),
              );
              onDone(rating);
            }}
          >
            {latest?.rating === rating && <span aria-hidden="true">✓&nbsp;</span>}
            {RATING_WORDS[rating]}
          </ActionButton>
        ))}
      </div>
    </div>
  );
}

export function SmallWinForm(props: {
  linkUpId: string;
  goals: readonly Goal[];
  staff: boolean;
  familyId?: string;
  onDone: () => void;
}) {
  const [draft, setDraft, clear] = useDraft(`small-win-${props.linkUpId}`, {
    text: '',
    occurredOn: today(),
    goalId: '',
    coachOnly: false,
  });
  async function record() {
    await unwrap(
      api.POST('/api/link-ups/{id}/small-wins', {
        params: { path: { id: props.linkUpId } },
        body: {
          text: draft.text.trim(),
          occurredOn: draft.occurredOn,
          visibility: draft.coachOnly ? 'coach_only' : 'link_up',
          ...(draft.goalId === '' ? {} : { goalId: draft.goalId }),
          ...(props.familyId === undefined ? {} : { familyId: props.familyId }),
        },
      }),
    );
    clear();
    props.onDone();
  }
  return (
    <ActionForm label="Log a small win" submitText="Save the small win" action={record}>
      <Field
        label="What went well?"
        hint="A few words are enough, e.g. “Got to school on time all week”."
        multiline
        value={draft.text}
        onChange={(text) => setDraft({ text })}
        required
      />
      <Field
        label="When"
        type="date"
        value={draft.occurredOn}
        onChange={(occurredOn) => setDraft({ occurredOn })}
        required
      />
      {props.goals.length > 0 && (
        <SelectField
          label="Which goal is it about? (optional)"
          value={draft.goalId}
          options={[
            { value: '', label: 'No particular goal' },
            ...props.goals.map((g) => ({ value: g.id, label: g.text })),
          ]}
          onChange={(goalId) => setDraft({ goalId })}
        />
      )}
      {props.staff && (
        <Checkbox
          label="Only coaches see this one"
          checked={draft.coachOnly}
          onChange={(coachOnly) => setDraft({ coachOnly })}
        />
      )}
    </ActionForm>
  );
}

export function GetTogetherForm({ linkUpId, onDone }: { linkUpId: string; onDone: () => void }) {
  const [draft, setDraft, clear] = useDraft<{
    heldOn: string;
    kind: GetTogetherKind;
    childrenInvolved: boolean;
  }>(`get-together-${linkUpId}`, {
    heldOn: today(),
    kind: 'chat',
    childrenInvolved: false,
  });
  async function record() {
    await unwrap(
      api.POST('/api/link-ups/{id}/get-togethers', {
        params: { path: { id: linkUpId } },
        body: { heldOn: draft.heldOn, kind: draft.kind, childrenInvolved: draft.childrenInvolved },
      }),
    );
    clear();
    onDone();
  }
  return (
    <ActionForm label="Log a get-together" submitText="Save the get-together" action={record}>
      <Field
        label="When did you meet?"
        type="date"
        value={draft.heldOn}
        onChange={(heldOn) => setDraft({ heldOn })}
        required
      />
      <SelectField
        label="What did you do?"
        value={draft.kind}
        options={GET_TOGETHER_KINDS}
        onChange={(v) => setDraft({ kind: v })}
      />
      <Checkbox
        label="The children came too"
        checked={draft.childrenInvolved}
        onChange={(childrenInvolved) => setDraft({ childrenInvolved })}
      />
    </ActionForm>
  );
}

export function getTogetherWords(kind: string): string {
  return GET_TOGETHER_KINDS.find((k) => k.value === kind)?.label ?? words(kind);
}
