import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useMessages } from '../../shared/messages';
import { ActionForm, Field, formatDate, SelectField, useDraft, type Option } from '../../shared/ui';
import { GoalRating, latestRating, RATING_WORDS, type Goal } from '../journey/journey';
import { Saved, useGoalThemes, useSaved, type LinkUp } from './family-shared';

function themeLabel(themes: readonly Option[] | undefined, key: string): string {
  return themes?.find((t) => t.value === key)?.label ?? key.replace(/_/g, ' ');
}

/** The Seeking family's goals: write, change and rate them, in its own words. */
export function FamilyGoals({ linkUp, familyId, open }: { linkUp: LinkUp; familyId: string; open: boolean }) {
  const m = useMessages();
  const themes = useGoalThemes();
  const goals = linkUp.goals.filter(
    (g) => g.familyId === familyId && (g.status === 'active' || g.status === 'achieved'),
  );
  return (
    <section aria-labelledby="goals-heading">
      <h2 id="goals-heading">{m.family.goalsOurs}</h2>
      {goals.length === 0 ? (
        <p>{m.family.noGoalsYet}</p>
      ) : (
        <ul className="plain goals" aria-label={m.family.goalsOurs}>
          {goals.map((g) => (
            <FamilyGoal key={g.id} goal={g} themes={themes.data} open={open} />
          ))}
        </ul>
      )}
      {open && (
        <>
          <h3 id="add-goal-heading">{m.family.addGoalHeading}</h3>
          <NewGoalForm linkUpId={linkUp.id} themes={themes.data ?? []} />
        </>
      )}
    </section>
  );
}

function FamilyGoal({
  goal,
  themes,
  open,
}: {
  goal: Goal;
  themes: readonly Option[] | undefined;
  open: boolean;
}) {
  const m = useMessages();
  const [editing, setEditing] = useState(false);
  const [saved, showSaved] = useSaved();
  const latest = latestRating(goal);
  return (
    <li className="goal">
      <h3>“{goal.text}”</h3>
      <p className="hint">{m.family.theme(themeLabel(themes, goal.theme))}</p>
      {goal.status === 'achieved' && <p className="met">{m.family.achieved}</p>}
      <p className="latest">
        {latest === undefined
          ? m.family.notRated
          : m.family.latestRating(
              RATING_WORDS[latest.rating] ?? String(latest.rating),
              formatDate(latest.ratedAt),
            )}
      </p>
      {open && goal.status === 'active' && (
        <>
          <p className="question">{m.family.howGoing}</p>
          <GoalRating
            goal={goal}
            ratedBy="family"
            hideLatest
            onDone={(rating) => showSaved(m.family.saved.rating(RATING_WORDS[rating] ?? String(rating)))}
          />
        </>
      )}
      {open &&
        (editing ? (
          <EditGoalForm
            goal={goal}
            themes={themes ?? []}
            onDone={() => {
              setEditing(false);
              showSaved(m.family.saved.goalChanged);
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <button type="button" onClick={() => setEditing(true)}>
            {m.family.editGoal}
          </button>
        ))}
      <Saved text={saved} />
    </li>
  );
}

function NewGoalForm({ linkUpId, themes }: { linkUpId: string; themes: readonly Option[] }) {
  const m = useMessages();
  const [saved, showSaved] = useSaved();
  const [draft, setDraft, clear] = useDraft(`goal-${linkUpId}`, { text: '', theme: '' });
  return (
    <>
      <ActionForm
        label={m.family.addGoalForm}
        submitText={m.family.saveGoal}
        action={async () => {
          showSaved('');
          await unwrap(
            api.POST('/api/link-ups/{id}/goals', {
              params: { path: { id: linkUpId } },
              body: { text: draft.text.trim(), theme: draft.theme },
            }),
          );
          clear();
          showSaved(m.family.saved.goal);
        }}
      >
        <Field
          label={m.family.goalText}
          hint={m.family.goalHint}
          multiline
          value={draft.text}
          onChange={(text) => setDraft({ text })}
          required
        />
        <SelectField
          label={m.family.goalTheme}
          value={draft.theme}
          options={[{ value: '', label: m.family.chooseTheme }, ...themes]}
          onChange={(theme) => setDraft({ theme })}
          required
        />
      </ActionForm>
      <Saved text={saved} />
    </>
  );
}

function EditGoalForm({
  goal,
  themes,
  onDone,
  onCancel,
}: {
  goal: Goal;
  themes: readonly Option[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const m = useMessages();
  const [text, setText] = useState(goal.text);
  const [theme, setTheme] = useState(goal.theme);
  return (
    <ActionForm
      label={m.family.editGoalForm(goal.text)}
      submitText={m.family.saveChanges}
      action={async () => {
        await unwrap(
          api.PATCH('/api/goals/{id}', {
            params: { path: { id: goal.id } },
            body: { version: goal.version, text: text.trim(), theme },
          }),
        );
        onDone();
      }}
    >
      <Field label={m.family.goalText} multiline value={text} onChange={setText} required />
      <SelectField
        label={m.family.goalTheme}
        value={theme}
        options={themes.some((t) => t.value === theme) ? themes : [{ value: theme, label: theme }, ...themes]}
        onChange={setTheme}
        required
      />
      <button type="button" onClick={onCancel}>
        {m.family.cancel}
      </button>
    </ActionForm>
  );
}

/** A Sharing family sees its partner's goals when that family shares them. */
export function PartnerGoals({ linkUp, partner }: { linkUp: LinkUp; partner: string }) {
  const m = useMessages();
  const themes = useGoalThemes();
  const goals = linkUp.goals.filter((g) => g.status === 'active' || g.status === 'achieved');
  return (
    <section aria-labelledby="goals-heading">
      <h2 id="goals-heading">{m.family.goalsTheirs(partner)}</h2>
      {goals.length === 0 ? (
        <p>{linkUp.partnerShares === false ? m.family.keepsPrivate(partner) : m.family.noneSharedYet}</p>
      ) : (
        <ul className="plain goals" aria-label={m.family.goalsTheirs(partner)}>
          {goals.map((g) => {
            const latest = latestRating(g);
            return (
              <li key={g.id} className="goal">
                <h3>“{g.text}”</h3>
                <p className="hint">{m.family.theme(themeLabel(themes.data, g.theme))}</p>
                {g.status === 'achieved' && <p className="met">{m.family.achieved}</p>}
                <p className="latest">
                  {latest === undefined
                    ? m.family.notRated
                    : m.family.latestRating(
                        RATING_WORDS[latest.rating] ?? String(latest.rating),
                        formatDate(latest.ratedAt),
                      )}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
