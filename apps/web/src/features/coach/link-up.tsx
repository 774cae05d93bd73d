import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { ActionButton, ActionForm, Field, Loader, SelectField, useDraft, type Loaded } from '../../shared/ui';
import { useApiQuery } from '../../shared/query';
import { labelOf, useVocabularies } from '../../shared/vocabularies';
import { formatDate, formatDateTime } from '../../shared/time';
import {
  GetTogetherForm,
  getTogetherWords,
  GoalRating,
  latestRating,
  RATING_WORDS,
  SmallWinForm,
} from '../journey/journey';
import { OutcomeMeasureForm } from '../journey/outcome-measure-form';
import { useMessages } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';
import { RecordCheckInForm, useCheckInWords } from './check-in-form';
import { guardAction } from './guard-actions';

type LinkUp = Schemas['LinkUpDetailsView'];
type CheckIn = Schemas['CheckInView'];
type Concern = Schemas['ConcernView'];
type Target = Schemas['TransitionDto']['to'];

/** The forms the page opens on demand (one at a time), named in the address as `?do=`. */
const ACTIONS = [
  'goal',
  'rating',
  'small-win',
  'measure',
  'check-in',
  'get-together',
  'concerns',
  'move',
] as const;
type Action = (typeof ACTIONS)[number];

const END_EARLY_REASONS = [
  'family_withdrew',
  'moved_away',
  'safety_concern',
  'not_a_good_fit',
  'sharing_family_unavailable',
  'other',
];

const CONCERN_PREFIX = 'safeguarding_concern:';

export function LinkUpPage() {
  const m = useMessages();
  const { id = '' } = useParams();
  const linkUp = useApiQuery(['/api/link-ups', id], () =>
    unwrap(api.GET('/api/link-ups/{id}', { params: { path: { id } } })),
  );
  usePageTitle(
    linkUp.data === undefined
      ? undefined
      : m.titles.linkUp(
          m.today.pair(linkUp.data.seekingFamily.displayName, linkUp.data.sharingFamily.displayName),
        ),
  );
  return (
    <Loader loaded={linkUp} what="Loading the link-up">
      {(l) => <LinkUpView linkUp={l} />}
    </Loader>
  );
}

function LinkUpView({ linkUp }: { linkUp: LinkUp }) {
  const m = useMessages();
  const [params, setParams] = useSearchParams();
  const requested = params.get('do');
  const open: Action | null = ACTIONS.includes(requested as Action) ? (requested as Action) : null;
  const [status, setStatus] = useState<string | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  const checkIns = useApiQuery(['/api/check-ins', 'link-up', linkUp.id], () =>
    unwrap(
      api.GET('/api/check-ins', { params: { query: { linkUpId: linkUp.id, view: 'all', limit: 100 } } }),
    ),
  );
  const concerns = useApiQuery(['/api/safeguarding-concerns', 'link-up', linkUp.id], () =>
    unwrap(api.GET('/api/safeguarding-concerns', { params: { query: { linkUpId: linkUp.id, limit: 50 } } })),
  );
  const vocabularies = useVocabularies();

  function show(action: Action | null) {
    setStatus(null);
    const next = new URLSearchParams(params);
    if (action === null) next.delete('do');
    else next.set('do', action);
    setParams(next, { replace: true });
  }
  function finished(text: string) {
    show(null);
    setStatus(text);
  }
  // An action opened from a link (Today's guards) or a button: its form comes into view and focus.
  useEffect(() => {
    if (open !== null) {
      panel.current?.scrollIntoView({ block: 'start' });
      panel.current?.focus();
    }
  }, [open]);

  const live = linkUp.status === 'active' || linkUp.status === 'paused';
  const openConcerns = (concerns.data?.items ?? []).filter((c) => c.status !== 'closed');
  const openCheckIns = (checkIns.data?.items ?? [])
    .filter((c) => c.status === 'scheduled' || c.status === 'due' || c.status === 'missed')
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const pair = m.today.pair(linkUp.seekingFamily.displayName, linkUp.sharingFamily.displayName);

  return (
    <>
      <h1>{pair}</h1>
      <Summary linkUp={linkUp} />
      <ConcernBanner linkUp={linkUp} concerns={openConcerns} />
      <p className="status-line" role="status">
        {status}
      </p>

      {linkUp.nextMove !== null && (
        <NextMove linkUp={linkUp} onOpen={show} onMoved={finished} hasOpenCheckIn={openCheckIns.length > 0} />
      )}

      {live && (
        <section aria-labelledby="do-next" className="card">
          <h2 id="do-next">{m.linkUp.doNext}</h2>
          <div className="actions">
            {ACTIONS.filter((a) => a !== 'concerns').map((a) => (
              <button
                key={a}
                type="button"
                aria-expanded={open === a}
                aria-controls="action-panel"
                className={open === a ? 'primary' : ''}
                onClick={() => show(open === a ? null : a)}
              >
                {m.linkUp.actions[a]}
              </button>
            ))}
            <Link className="button" to={`/coach/concerns?linkUpId=${linkUp.id}`}>
              {m.linkUp.raiseConcern}
            </Link>
          </div>
          {open !== null && (
            <div id="action-panel" ref={panel} tabIndex={-1} className="panel">
              <h3>{m.linkUp.actions[open]}</h3>
              <ActionPanel
                action={open}
                linkUp={linkUp}
                openCheckIns={openCheckIns}
                concerns={openConcerns}
                themes={vocabularies.data?.goalThemes ?? []}
                onDone={finished}
              />
              <button type="button" onClick={() => show(null)}>
                {m.linkUp.closeForm}
              </button>
            </div>
          )}
        </section>
      )}

      <Goals linkUp={linkUp} themes={vocabularies.data?.goalThemes} />
      <CheckIns loaded={checkIns} />
      <Measures linkUp={linkUp} />
      <SmallWins linkUp={linkUp} />
      <GetTogethers linkUp={linkUp} />
      <Feedback linkUp={linkUp} />
      <History linkUp={linkUp} />
    </>
  );
}

function Summary({ linkUp }: { linkUp: LinkUp }) {
  const m = useMessages();
  const weekNow = Math.floor(linkUp.durations.activeWeeks) + 1;
  const facts: [string, ReactNode][] = [
    [
      m.linkUp.seeking,
      <Link to={`/coach/families/${linkUp.seekingFamily.id}`}>{linkUp.seekingFamily.displayName}</Link>,
    ],
    [
      m.linkUp.sharing,
      <Link to={`/coach/families/${linkUp.sharingFamily.id}`}>{linkUp.sharingFamily.displayName}</Link>,
    ],
    [m.linkUp.coach, linkUp.coach.displayName],
    [m.linkUp.stage, `${m.stages[linkUp.stage] ?? linkUp.stage}`],
    [m.linkUp.weeksInStage, String(Math.floor(linkUp.durations.currentStageActiveWeeks))],
    [m.linkUp.week, m.linkUp.weekOf(weekNow, linkUp.plannedWeeks)],
    [
      m.linkUp.status,
      linkUp.status === 'paused' && linkUp.pausedSince !== null
        ? m.linkUp.pausedSince(formatDateTime(linkUp.pausedSince))
        : (m.words.linkUpStatus[linkUp.status] ?? linkUp.status),
    ],
    [m.linkUp.started, formatDate(linkUp.startedAt)],
  ];
  return (
    <dl className="facts card">
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Why the link-up is paused (an open safeguarding concern), or that a concern about it is open. */
function ConcernBanner({ linkUp, concerns }: { linkUp: LinkUp; concerns: readonly Concern[] }) {
  const m = useMessages();
  const lastPause = [...linkUp.history].reverse().find((h) => h.kind === 'paused');
  const pausedFor =
    linkUp.status === 'paused' && lastPause?.reason?.startsWith(CONCERN_PREFIX) === true
      ? lastPause.reason.slice(CONCERN_PREFIX.length)
      : null;
  if (pausedFor === null && concerns.length === 0) return null;
  const cause = concerns.find((c) => c.id === pausedFor);
  const severity = (c: Concern) => m.words.severity[c.severity] ?? c.severity;
  return (
    <section className="banner" aria-labelledby="banner-title">
      <h2 id="banner-title">
        {pausedFor !== null ? m.linkUp.bannerTitle : m.linkUp.bannerOpen(concerns.length)}
      </h2>
      {pausedFor !== null && (
        <>
          <p>
            {cause === undefined
              ? m.linkUp.bannerPaused('—', formatDateTime(lastPause?.at))
              : m.linkUp.bannerPaused(severity(cause).toLowerCase(), formatDateTime(cause.raisedAt))}
          </p>
          <p>{m.linkUp.bannerResume}</p>
        </>
      )}
      <ul className="plain">
        {concerns.map((c) => (
          <li key={c.id}>
            <Link to={`/safeguarding-concerns/${c.id}`}>{m.linkUp.openConcern(severity(c))}</Link>
            {c.status === 'open' && <> · {m.linkUp.triageBy(formatDateTime(c.triageDueAt))}</>}
          </li>
        ))}
        {pausedFor !== null && cause === undefined && (
          <li>
            <Link to={`/safeguarding-concerns/${pausedFor}`}>{m.linkUp.concernReason}</Link>
          </li>
        )}
      </ul>
    </section>
  );
}

function NextMove({
  linkUp,
  onOpen,
  onMoved,
  hasOpenCheckIn,
}: {
  linkUp: LinkUp;
  onOpen: (action: Action) => void;
  onMoved: (text: string) => void;
  hasOpenCheckIn: boolean;
}) {
  const m = useMessages();
  const next = linkUp.nextMove;
  if (next === null) return null;
  const completing = next.target === 'completed';
  const stage = m.stages[next.target] ?? next.target;
  const ready = next.guards.every((g) => g.met);
  return (
    <section className="card" aria-labelledby="next-move" id="next-move">
      <h2 id="next-move">{completing ? m.linkUp.nextMoveComplete : m.linkUp.nextMove(stage)}</h2>
      <ul className="plain" aria-label={m.linkUp.guards}>
        {next.guards.map((g) => {
          const action = guardAction(g.guard);
          const words = m.guards[g.guard] ?? g.guard;
          return (
            <li key={g.guard}>
              <span className={g.met ? 'met' : 'unmet'}>{g.met ? m.linkUp.done : m.linkUp.toDo}</span>:{' '}
              {g.met || action === null || (action === 'check-in' && !hasOpenCheckIn) ? (
                <>
                  {words}
                  {!g.met && action === null && <span className="meta"> — {m.linkUp.waitOnly}</span>}
                  {!g.met && action === 'check-in' && (
                    <span className="meta"> — {m.linkUp.noOpenCheckIn}</span>
                  )}
                </>
              ) : (
                <button type="button" className="link-button" onClick={() => onOpen(action)}>
                  {words}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {ready && (
        <ActionButton
          className="primary"
          action={async () => {
            await unwrap(
              api.POST('/api/link-ups/{id}/transitions', {
                params: { path: { id: linkUp.id } },
                body: { to: next.target as Target, version: linkUp.version },
              }),
            );
            onMoved(m.linkUp.movedOn(stage));
          }}
        >
          {completing ? m.linkUp.complete : m.linkUp.moveOn(stage)}
        </ActionButton>
      )}
    </section>
  );
}

function ActionPanel({
  action,
  linkUp,
  openCheckIns,
  concerns,
  themes,
  onDone,
}: {
  action: Action;
  linkUp: LinkUp;
  openCheckIns: readonly CheckIn[];
  concerns: readonly Concern[];
  themes: readonly { value: string; label: string }[];
  onDone: (text: string) => void;
}) {
  const m = useMessages();
  const what = useCheckInWords();
  const saved = () => onDone(m.linkUp.saved);
  switch (action) {
    case 'goal':
      return <GoalForm linkUpId={linkUp.id} themes={themes} onDone={saved} />;
    case 'rating':
      return linkUp.goals.length === 0 ? (
        <p>{m.linkUp.noGoals}</p>
      ) : (
        <ul className="plain">
          {linkUp.goals.map((g) => (
            <li key={g.id}>
              <strong>“{g.text}”</strong>
              <GoalRating goal={g} ratedBy="coach" onDone={saved} />
            </li>
          ))}
        </ul>
      );
    case 'small-win':
      return (
        <SmallWinForm
          linkUpId={linkUp.id}
          goals={linkUp.goals}
          staff
          familyId={linkUp.seekingFamily.id}
          onDone={saved}
        />
      );
    case 'measure':
      return <OutcomeMeasureForm familyId={linkUp.seekingFamily.id} linkUpId={linkUp.id} onDone={saved} />;
    case 'check-in': {
      const first = openCheckIns[0];
      if (first === undefined) return <p>{m.linkUp.noOpenCheckIn}</p>;
      const text = `${what(first)}, ${m.today.dueAt(formatDateTime(first.dueAt))}`;
      return (
        <>
          <p>{text}</p>
          <RecordCheckInForm
            checkIn={first}
            label={m.checkIn.formLabel(text)}
            onDone={() => onDone(m.checkIn.recorded(what(first)))}
          />
        </>
      );
    }
    case 'get-together':
      return <GetTogetherForm linkUpId={linkUp.id} onDone={saved} />;
    case 'concerns':
      return concerns.length === 0 ? (
        <p>{m.today.noConcerns}</p>
      ) : (
        <ul className="plain">
          {concerns.map((c) => (
            <li key={c.id}>
              <Link to={`/safeguarding-concerns/${c.id}`}>
                {m.linkUp.openConcern(m.words.severity[c.severity] ?? c.severity)}
              </Link>
            </li>
          ))}
        </ul>
      );
    case 'move':
      return <TransitionForm linkUp={linkUp} onDone={onDone} />;
  }
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

function TransitionForm({ linkUp, onDone }: { linkUp: LinkUp; onDone: (text: string) => void }) {
  const m = useMessages();
  const confirmId = useId();
  const [draft, setDraft, clear] = useDraft<{ to: Target; reason: string; closureReason: string }>(
    `transition-${linkUp.id}`,
    {
      to: linkUp.status === 'paused' ? 'active' : 'paused',
      reason: '',
      closureReason: '',
    },
  );
  const [confirmed, setConfirmed] = useState(false);
  const options: { value: Target; label: string }[] = [
    ...(['relationship_building', 'doing_with', 'doing_without'] as const)
      .filter((s) => s !== linkUp.stage)
      .map((s) => ({ value: s, label: m.linkUp.moveOn(m.stages[s] ?? s) })),
    linkUp.status === 'paused' ? { value: 'active', label: 'Resume' } : { value: 'paused', label: 'Pause' },
    { value: 'completed', label: m.linkUp.complete },
    { value: 'ended_early', label: 'End early' },
  ];
  const ending = draft.to === 'completed' || draft.to === 'ended_early';
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
    onDone(m.linkUp.saved);
  }
  return (
    <ActionForm label="Move the link-up" submitText={m.linkUp.makeChange} action={move}>
      <SelectField
        label={m.linkUp.change}
        value={draft.to}
        options={options}
        onChange={(v) => setDraft({ to: v })}
      />
      <Field
        label={m.linkUp.reason}
        hint={m.linkUp.reasonHint}
        value={draft.reason}
        onChange={(reason) => setDraft({ reason })}
      />
      {draft.to === 'ended_early' && (
        <SelectField
          label="Why it ended early"
          value={draft.closureReason}
          options={[
            { value: '', label: 'Choose a reason' },
            ...END_EARLY_REASONS.map((r) => ({ value: r, label: m.words.endReason[r] ?? r })),
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
      {ending && (
        <div className="check">
          <input
            id={confirmId}
            type="checkbox"
            required
            checked={confirmed}
            onChange={(e) => setConfirmed(e.target.checked)}
          />
          <label htmlFor={confirmId}>{m.linkUp.confirmEnd}</label>
        </div>
      )}
    </ActionForm>
  );
}

function Goals({
  linkUp,
  themes,
}: {
  linkUp: LinkUp;
  themes: readonly { value: string; label: string }[] | undefined;
}) {
  const m = useMessages();
  return (
    <section aria-labelledby="goals">
      <h2 id="goals">{m.linkUp.goals}</h2>
      {linkUp.goals.length === 0 ? (
        <p className="none-yet">{m.linkUp.noGoals}</p>
      ) : (
        <ul className="plain rows">
          {linkUp.goals.map((g) => {
            const latest = latestRating(g);
            return (
              <li key={g.id} className="row">
                <div className="row-main">
                  <span className="row-title">“{g.text}”</span>
                  <span className="meta">
                    {labelOf(themes, g.theme)} ·{' '}
                    {latest === undefined
                      ? m.linkUp.notRated
                      : m.linkUp.latest(
                          RATING_WORDS[latest.rating] ?? String(latest.rating),
                          formatDate(latest.ratedAt),
                        )}
                  </span>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function CheckIns({ loaded }: { loaded: Loaded<Schemas['CheckInPageView']> }) {
  const m = useMessages();
  const what = useCheckInWords();
  return (
    <section aria-labelledby="check-ins">
      <h2 id="check-ins">{m.linkUp.checkIns}</h2>
      <Loader loaded={loaded} what="Loading check-ins">
        {(page) => {
          if (page.items.length === 0) return <p className="none-yet">{m.linkUp.noCheckIns}</p>;
          const open = page.items.filter(
            (c) => c.status === 'scheduled' || c.status === 'due' || c.status === 'missed',
          );
          const held = page.items.filter((c) => c.status === 'completed');
          const cancelled = page.items.filter((c) => c.status === 'cancelled');
          const row = (c: CheckIn) => (
            <li key={c.id} className="row">
              <div className="row-main">
                <span className="row-title">{what(c)}</span>
                <span className="meta">
                  {c.status === 'completed'
                    ? `${m.linkUp.held(formatDateTime(c.heldAt), m.words.mode[c.mode ?? ''] ?? '')} · ${m.linkUp.ratings(c.relationshipRating, c.wellbeingRating)}`
                    : `${m.words.checkInStatus[c.status] ?? c.status} · ${m.today.dueAt(formatDateTime(c.dueAt))}`}
                </span>
              </div>
              {(c.status === 'scheduled' || c.status === 'due' || c.status === 'missed') && (
                <Link className="button" to={`/check-ins/${c.id}`}>
                  Record it as held
                </Link>
              )}
            </li>
          );
          return (
            <>
              {open.length > 0 && (
                <>
                  <h3>{m.linkUp.openCheckIns}</h3>
                  <ul className="plain rows">{open.map(row)}</ul>
                </>
              )}
              {held.length > 0 && (
                <>
                  <h3>{m.linkUp.heldCheckIns}</h3>
                  <ul className="plain rows">{held.map(row)}</ul>
                </>
              )}
              {cancelled.length > 0 && (
                <details className="folded">
                  <summary>{m.linkUp.cancelled(cancelled.length)}</summary>
                  <ul className="plain rows">{cancelled.map(row)}</ul>
                </details>
              )}
            </>
          );
        }}
      </Loader>
    </section>
  );
}

function Measures({ linkUp }: { linkUp: LinkUp }) {
  const m = useMessages();
  const measures = useApiQuery(['/api/families/outcome-measures', linkUp.seekingFamily.id], () =>
    unwrap(
      api.GET('/api/families/{id}/outcome-measures', { params: { path: { id: linkUp.seekingFamily.id } } }),
    ),
  );
  return (
    <section aria-labelledby="measures">
      <h2 id="measures">
        {m.linkUp.measures}: {linkUp.seekingFamily.displayName}
      </h2>
      <Loader loaded={measures} what="Loading measures">
        {(list) =>
          list.length === 0 ? (
            <p className="none-yet">{m.linkUp.noMeasures}</p>
          ) : (
            <ul className="plain rows">
              {list.map((x) => (
                <li key={x.id} className="row">
                  <div className="row-main">
                    <span className="row-title">
                      {m.linkUp.timepoint[x.timepoint] ?? x.timepoint}: {x.instrument.replace(/_/g, ' ')}
                    </span>
                    <span className="meta">
                      {x.declined ? m.linkUp.declined : String(x.score ?? '—')} ·{' '}
                      {formatDate(x.administeredAt)}
                    </span>
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </Loader>
    </section>
  );
}

function SmallWins({ linkUp }: { linkUp: LinkUp }) {
  const m = useMessages();
  return (
    <section aria-labelledby="small-wins">
      <h2 id="small-wins">{m.linkUp.smallWins}</h2>
      {linkUp.smallWins.length === 0 ? (
        <p className="none-yet">{m.linkUp.noSmallWins}</p>
      ) : (
        <ul className="plain rows">
          {linkUp.smallWins.map((w) => (
            <li key={w.id} className="row">
              <div className="row-main">
                <span>“{w.text}”</span>
                <span className="meta">
                  {formatDate(w.occurredOn)}
                  {w.visibility === 'coach_only' && <> · {m.linkUp.coachOnly}</>}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function GetTogethers({ linkUp }: { linkUp: LinkUp }) {
  const m = useMessages();
  return (
    <section aria-labelledby="get-togethers">
      <h2 id="get-togethers">{m.linkUp.getTogethers}</h2>
      {linkUp.getTogethers.length === 0 ? (
        <p className="none-yet">{m.linkUp.noGetTogethers}</p>
      ) : (
        <ul className="plain rows">
          {linkUp.getTogethers.map((g) => (
            <li key={g.id} className="row">
              <div className="row-main">
                <span>
                  {getTogetherWords(g.kind)}
                  {g.childrenInvolved && ', with the children'}
                </span>
                <span className="meta">{formatDate(g.heldOn)}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The three viewpoints over time, a row per period, and what they flag. */
function Feedback({ linkUp }: { linkUp: LinkUp }) {
  const m = useMessages();
  const f = linkUp.feedback;
  const periods = [...new Set(f.lines.flatMap((l) => l.points.map((p) => p.period)))].sort((a, b) => a - b);
  const viewpoints = ['seeking', 'sharing', 'coach'];
  const side = (v: string) => (m.linkUp.viewpoint[v] ?? v).toLowerCase().replace(/^coach$/, 'the coach');
  return (
    <section aria-labelledby="feedback">
      <h2 id="feedback">{m.linkUp.feedback}</h2>
      <p className="hint">{m.linkUp.feedbackHint(f.periodDays)}</p>
      {f.alerts.length > 0 && (
        <div className="notice warn">
          <h3>{m.linkUp.alertsTitle}</h3>
          <ul>
            {f.alerts.map((a) => (
              <li key={a.id}>
                {a.kind === 'dropped'
                  ? m.linkUp.alertDropped(a.period, `the ${side(a.lowViewpoint)}`, a.lowRating, a.highRating)
                  : m.linkUp.alertDiverged(
                      a.period,
                      `the ${side(a.lowViewpoint)}`,
                      a.lowRating,
                      `the ${side(a.highViewpoint)}`,
                      a.highRating,
                    )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {periods.length === 0 ? (
        <p className="none-yet">{m.linkUp.noFeedback}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={m.linkUp.feedback}>
          <table>
            <thead>
              <tr>
                <th scope="col">{m.linkUp.period}</th>
                {viewpoints.map((v) => (
                  <th scope="col" key={v}>
                    {m.linkUp.viewpoint[v]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {periods.map((p) => (
                <tr key={p}>
                  <th scope="row">{p}</th>
                  {viewpoints.map((v) => {
                    const point = f.lines.find((l) => l.viewpoint === v)?.points.find((x) => x.period === p);
                    return (
                      <td key={v}>
                        {point === undefined ? '—' : m.linkUp.feedbackCell(point.relationship, point.change)}
                        {point?.words !== undefined && point.words !== null && (
                          <span className="meta"> “{point.words}”</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function History({ linkUp }: { linkUp: LinkUp }) {
  const m = useMessages();
  const stage = (s: string | null) => (s === null ? '—' : (m.stages[s] ?? s));
  return (
    <section aria-labelledby="history">
      <h2 id="history">{m.linkUp.history}</h2>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={m.linkUp.history}>
        <table>
          <caption>{m.linkUp.historyCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{m.linkUp.when}</th>
              <th scope="col">{m.linkUp.what}</th>
              <th scope="col">{m.linkUp.who}</th>
              <th scope="col">{m.linkUp.why}</th>
            </tr>
          </thead>
          <tbody>
            {linkUp.history.map((h, i) => (
              <tr key={i}>
                <td>{formatDateTime(h.at)}</td>
                <td>
                  {m.linkUp.event[h.kind] ?? h.kind}
                  {h.toStage !== null && h.toStage !== h.fromStage && h.fromStage !== null && (
                    <>
                      : {stage(h.fromStage)} → {stage(h.toStage)}
                    </>
                  )}
                  {h.kind === 'created' && <>: {stage(h.toStage)}</>}
                </td>
                <td>{h.actorName ?? '—'}</td>
                <td>
                  <Reason reason={h.reason ?? null} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A history reason in words: a concern reference becomes a link, a closure code its words. */
function Reason({ reason }: { reason: string | null }) {
  const m = useMessages();
  if (reason === null || reason === '') return <>—</>;
  if (reason.startsWith(CONCERN_PREFIX)) {
    return (
      <Link to={`/safeguarding-concerns/${reason.slice(CONCERN_PREFIX.length)}`}>
        {m.linkUp.concernReason}
      </Link>
    );
  }
  return <>{m.words.endReason[reason] ?? reason}</>;
}
