import { useId, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useMessages } from '../../shared/messages';
import { ActionForm, Field, formatDate } from '../../shared/ui';
import { Saved, useSaved, type LinkUp } from './family-shared';

/** One question answered 1–5 with a big radio button per answer, each with its words. */
function Scale(props: {
  legend: string;
  words: readonly string[];
  value: number | null;
  onChange: (value: number) => void;
}) {
  const name = useId();
  return (
    <fieldset className="group scale">
      <legend>{props.legend}</legend>
      {props.words.map((word, i) => {
        const id = `${name}-${i + 1}`;
        return (
          <div className="check" key={word}>
            <input
              id={id}
              type="radio"
              name={name}
              value={i + 1}
              checked={props.value === i + 1}
              onChange={() => props.onChange(i + 1)}
              required
            />
            <label htmlFor={id}>{word}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

/**
 * The family's two questions of this period (issue 16): how the relationship is going and how things
 * are changing, 1–5, with optional words only staff read. Answering again in a period replaces it.
 */
export function FamilyFeedback({
  linkUp,
  weAreSeeking,
  partner,
}: {
  linkUp: LinkUp;
  weAreSeeking: boolean;
  partner: string;
}) {
  const m = useMessages();
  const [relationship, setRelationship] = useState<number | null>(null);
  const [change, setChange] = useState<number | null>(null);
  const [words, setWords] = useState('');
  const [saved, showSaved] = useSaved();
  const own = linkUp.feedback.lines.find((l) => l.viewpoint === (weAreSeeking ? 'seeking' : 'sharing'));
  const thisPeriod = own?.points.find((p) => p.period === linkUp.feedback.currentPeriod);
  if (linkUp.feedback.currentPeriod === null) return null;
  return (
    <section aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">{m.family.feedbackHeading}</h2>
      <p>{m.family.feedbackIntro}</p>
      {thisPeriod !== undefined && (
        <p className="hint">{m.family.feedbackGiven(formatDate(thisPeriod.givenAt))}</p>
      )}
      <ActionForm
        label={m.family.feedbackForm}
        submitText={m.family.sendFeedback}
        action={async () => {
          showSaved('');
          if (relationship === null || change === null) return;
          await unwrap(
            api.POST('/api/link-ups/{id}/feedback', {
              params: { path: { id: linkUp.id } },
              body: { relationship, change, ...(words.trim() === '' ? {} : { words: words.trim() }) },
            }),
          );
          setRelationship(null);
          setChange(null);
          setWords('');
          showSaved(m.family.saved.feedback);
        }}
      >
        <Scale
          legend={m.family.relationshipQuestion(partner)}
          words={m.family.relationshipScale}
          value={relationship}
          onChange={setRelationship}
        />
        <Scale
          legend={weAreSeeking ? m.family.changeQuestionSeeking : m.family.changeQuestionSharing(partner)}
          words={m.family.changeScale}
          value={change}
          onChange={setChange}
        />
        <Field
          label={m.family.feedbackWords}
          hint={m.family.feedbackWordsHint}
          multiline
          value={words}
          onChange={setWords}
        />
      </ActionForm>
      <Saved text={saved} />
    </section>
  );
}
