import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { GUARD_WORDS } from '../../api/errors';
import {
  ActionForm,
  Field,
  formatDate,
  formatDateTime,
  Loader,
  SelectField,
  STAGE_WORDS,
  useDraft,
  useLoad,
  words,
} from '../../shared/ui';
import { useVocabularies } from '../../shared/vocabularies';
import { GetTogetherForm, getTogetherWords, GoalRating, SmallWinForm } from '../journey/journey';
import { OutcomeMeasureForm } from '../journey/outcome-measure-form';
import { messages } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';

type LinkUp = Schemas['LinkUpDetailsView'];
type Target = Schemas['TransitionDto']['to'];

const END_EARLY_REASONS = [
  'family_withdrew',
  'moved_away',
  'safety_concern',
  'not_a_good_fit',
  'sharing_family_unavailable',
  'other',
];

export function LinkUpPage() {
  const { id = '' } = useParams();
  const linkUp = useLoad(() => unwrap(api.GET('/api/link-ups/{id}', { params: { path: { id } } })), [id]);
  usePageTitle(
    linkUp.data === undefined
      ? undefined
      : messages.titles.linkUp(
          `${linkUp.data.seekingFamily.displayName} with ${linkUp.data.sharingFamily.displayName}`,
        ),
  );
  return (
    <Loader loaded={linkUp} what="Loading the link-up">
      {(l) => <LinkUpView linkUp={l} reload={linkUp.reload} />}
    </Loader>
  );
}

function LinkUpView({ linkUp, reload }: { linkUp: LinkUp; reload: () => void }) {
  const checkIns = useLoad(
    () =>
      unwrap(
        api.GET('/api/check-ins', { params: { query: { linkUpId: linkUp.id, view: 'all', limit: 50 } } }),
      ),
    [linkUp.id, linkUp.version],
  );
  const vocabularies = useVocabularies();
  return (
    <>
      <h1>
        {linkUp.seekingFamily.displayName} with {linkUp.sharingFamily.displayName}
      </h1>
      <p>
        <span className="pill">Stage: {STAGE_WORDS[linkUp.stage] ?? words(linkUp.stage)}</span>{' '}
        <span className="pill">Status: {words(linkUp.status)}</span> · started {formatDate(linkUp.startedAt)}{' '}
        · week {Math.floor(linkUp.durations.activeWeeks) + 1} of {linkUp.plannedWeeks} · coach{' '}
        {linkUp.coach.displayName}
      </p>
      <p>
        <Link to={`/coach/families/${linkUp.seekingFamily.id}`}>{linkUp.seekingFamily.displayName}</Link> ·{' '}
        <Link to={`/coach/families/${linkUp.sharingFamily.id}`}>{linkUp.sharingFamily.displayName}</Link> ·{' '}
        <Link to={`/coach/concerns?linkUpId=${linkUp.id}`}>Raise a concern</Link>
      </p>

      {linkUp.nextMove !== null && (
        <section className="card" aria-labelledby="next-move">
          <h2 id="next-move">
            Before moving to “{STAGE_WORDS[linkUp.nextMove.target] ?? words(linkUp.nextMove.target)}”
          </h2>
          <ul className="plain" aria-label="Guards">
            {linkUp.nextMove.guards.map((g) => (
              <li key={g.guard}>
                <span className={g.met ? 'met' : 'unmet'}>{g.met ? '✓ Done' : '✗ Still to do'}</span>:{' '}
                {GUARD_WORDS[g.guard] ?? g.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      <TransitionForm linkUp={linkUp} onDone={reload} />

      <h2>Goals</h2>
      {linkUp.goals.length === 0 ? (
        <p>No goals yet.</p>
      ) : (
        <ul className="plain">
          {linkUp.goals.map((g) => (
            <li key={g.id}>
              <strong>“{g.text}”</strong> <span className="pill">{words(g.theme)}</span>{' '}
              <span className="pill">{words(g.status)}</span>
              <GoalRating goal={g} ratedBy="coach" onDone={reload} />
            </li>
          ))}
        </ul>
      )}
      <GoalForm linkUpId={linkUp.id} themes={vocabularies.data?.goalThemes ?? []} onDone={reload} />

      <h2>Check-ins</h2>
      <Loader loaded={checkIns} what="Loading check-ins">
        {(page) =>
          page.items.length === 0 ? (
            <p>No check-ins planned yet.</p>
          ) : (
            <ul className="plain">
              {page.items.map((c) => (
                <li key={c.id}>
                  {words(c.kind)} with the {c.party === 'both' ? 'two families' : `${c.party} family`} — due{' '}
                  {formatDateTime(c.dueAt)} — <strong>{words(c.status)}</strong>
                  {c.status === 'scheduled' || c.status === 'due' || c.status === 'missed' ? (
                    <>
                      {' '}
                      <Link to={`/check-ins/${c.id}`}>Record it as held</Link>
                    </>
                  ) : (
                    c.heldAt !== null && <> on {formatDateTime(c.heldAt)}</>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Loader>

      <h2>Baseline and other measures for {linkUp.seekingFamily.displayName}</h2>
      <OutcomeMeasureForm familyId={linkUp.seekingFamily.id} linkUpId={linkUp.id} onDone={reload} />

      <h2>Small wins</h2>
      {linkUp.smallWins.length === 0 ? (
        <p>No small wins logged yet.</p>
      ) : (
        <ul className="plain">
          {linkUp.smallWins.map((w) => (
            <li key={w.id}>
              {formatDate(w.occurredOn)}: “{w.text}”{' '}
              {w.visibility === 'coach_only' && <span className="pill">coach only</span>}
            </li>
          ))}
        </ul>
      )}
      <SmallWinForm
        linkUpId={linkUp.id}
        goals={linkUp.goals}
        staff
        familyId={linkUp.seekingFamily.id}
        onDone={reload}
      />

      <h2>Get-togethers</h2>
      {linkUp.getTogethers.length === 0 ? (
        <p>No get-togethers logged yet.</p>
      ) : (
        <ul className="plain">
          {linkUp.getTogethers.map((g) => (
            <li key={g.id}>
              {formatDate(g.heldOn)}: {getTogetherWords(g.kind)}
              {g.childrenInvolved && ', with the children'}
            </li>
          ))}
        </ul>
      )}
      <GetTogetherForm linkUpId={linkUp.id} onDone={reload} />

      <h2>Stage history</h2>
      <div className="table-wrap" tabIndex={0}>
        <table>
          <caption>Every change, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {linkUp.history.map((h, i) => (
              <tr key={i}>
                <td>{formatDateTime(h.at)}</td>
                <td>
                  {words(h.kind)}
                  {h.toStage !== null && h.toStage !== h.fromStage && (
                    <>
                      : {STAGE_WORDS[h.fromStage ?? ''] ?? words(h.fromStage)} →{' '}
                      {STAGE_WORDS[h.toStage] ?? words(h.toStage)}
                    </>
                  )}
                  {h.toStatus !== null && h.toStatus !== h.fromStatus && <> (now {words(h.toStatus)})</>}
                </td>
                <td>{h.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function GoalForm({
  linkUpId,
  themes,
  onDone,
}: {
  linkUpId: string;
  themes: readonly { value: string; label: string }[];
  onDone: () => void;
}) {
  const [draft, setDraft, clear] = useDraft(`goal-${linkUpId}`, { text: '', theme: '' });
  async function record() {
    await unwrap(
      api.POST('/api/link-ups/{id}/goals', {
        params: { path: { id: linkUpId } },
        body: { text: draft.text.trim(), theme: draft.theme === '' ? (themes[0]?.value ?? '') : draft.theme },
      }),
    );
    clear();
    onDone();
  }
  return (
    <ActionForm label="Add a goal" submitText="Add the goal" action={record}>
      <Field
        label="The goal, in the family's own words"
        multiline
        value={draft.text}
        onChange={(text) => setDraft({ text })}
        required
      />
      <SelectField
        label="Theme"
        value={draft.theme === '' ? (themes[0]?.value ?? '') : draft.theme}
        options={themes}
        onChange={(theme) => setDraft({ theme })}
      />
    </ActionForm>
  );
}

function TransitionForm({ linkUp, onDone }: { linkUp: LinkUp; onDone: () => void }) {
  const next = linkUp.nextMove?.target as Target | undefined;
  const [draft, setDraft, clear] = useDraft(`transition-${linkUp.id}`, {
    to: next ?? 'paused',
    reason: '',
    closureReason: '',
  });
  if (linkUp.status === 'completed' || linkUp.status === 'ended_early') return null;
  const options: { value: Target; label: string }[] = [
    ...(['relationship_building', 'doing_with', 'doing_without'] as const)
      .filter((s) => s !== linkUp.stage)
      .map((s) => ({ value: s, label: `Move to “${STAGE_WORDS[s]}”` })),
    linkUp.status === 'paused' ? { value: 'active', label: 'Resume' } : { value: 'paused', label: 'Pause' },
    { value: 'completed', label: 'Complete the link-up' },
    { value: 'ended_early', label: 'End early' },
  ];
  async function move() {
    await unwrap(
      api.POST('/api/link-ups/{id}/transitions', {
        params: { path: { id: linkUp.id } },
        body: {
          to: draft.to,
          version: linkUp.version,
          ...(draft.reason.trim() === '' ? {} : { reason: draft.reason.trim() }),
          ...(draft.closureReason === '' ? {} : { closureReason: draft.closureReason }),
        },
      }),
    );
    clear();
    onDone();
  }
  return (
    <ActionForm label="Move the link-up" submitText="Make this change" action={move}>
      <SelectField label="Change" value={draft.to} options={options} onChange={(v) => setDraft({ to: v })} />
      <Field
        label="Reason"
        hint="Needed when moving back a stage, pausing or ending early."
        value={draft.reason}
        onChange={(reason) => setDraft({ reason })}
      />
      {draft.to === 'ended_early' && (
        <SelectField
          label="Why it ended early"
          value={draft.closureReason}
          options={[
            { value: '', label: 'Choose a reason' },
            ...END_EARLY_REASONS.map((r) => ({ value: r, label: words(r) })),
          ]}
          onChange={(closureReason) => setDraft({ closureReason })}
        />
      )}
      {draft.to === 'completed' && (
        <Field
          label="Closure reason"
          value={draft.closureReason}
          onChange={(closureReason) => setDraft({ closureReason })}
        />
      )}
    </ActionForm>
  );
}
