import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { ActionButton, Loader, SelectField } from '../../shared/ui';
import { useApiQuery } from '../../shared/query';
import { useMessages, type Catalogue } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';
import { useSession } from '../../shared/session';
import {
  formatDate,
  formatDateTime,
  formatLongDate,
  setTimeZone,
  spanOf,
  timeZoneName,
} from '../../shared/time';
import { RecordCheckInForm, useCheckInWords } from './check-in-form';
import { guardAction } from './guard-actions';

type Worklist = Schemas['WorklistView'];
type CheckInRow = Schemas['WorklistCheckInView'];
type LinkUpRow = Schemas['WorklistLinkUpView'];
type ConcernRow = Schemas['WorklistConcernView'];

const ALL = '';
const NO_COACH = 'none';

/** A span of minutes in words: "3 hours", "25 minutes", "2 days". */
export function spanWords(m: Catalogue, minutes: number): string {
  const { unit, n } = spanOf(minutes);
  if (unit === 'days') return m.time.days(n);
  if (unit === 'hours') return m.time.hours(n);
  return `${n} ${n === 1 ? 'minute' : 'minutes'}`;
}

/**
 * The coach's home: the worklist of GET /api/worklist in groups, each row naming its families and
 * what to do next, with links to where it is done. A supervisor sees the site, per coach, with the
 * escalation queue of open concerns first.
 */
export function TodayPage() {
  const m = useMessages();
  usePageTitle(m.titles.today);
  const worklist = useApiQuery(['/api/worklist'], async () => {
    const w = await unwrap(api.GET('/api/worklist'));
    setTimeZone(w.timeZone);
    return w;
  });
  return (
    <>
      <h1>{m.today.heading}</h1>
      <Loader loaded={worklist} what="Loading your list">
        {(w) => <TodayView worklist={w} />}
      </Loader>
    </>
  );
}

function coachKey(row: { coachId: string | null }): string {
  return row.coachId ?? NO_COACH;
}

function TodayView({ worklist }: { worklist: Worklist }) {
  const m = useMessages();
  const { user } = useSession();
  const siteWide = user?.role === 'supervisor' || user?.role === 'admin';
  const [coach, setCoach] = useState(ALL);
  const [recorded, setRecorded] = useState<string | null>(null);

  const rows = [
    ...worklist.checkIns,
    ...worklist.linkUps,
    ...worklist.waitingFamilies,
    ...worklist.sharingFamilies,
    ...worklist.concerns,
  ];
  const coaches = new Map<string, { name: string; n: number }>();
  for (const row of rows) {
    const key = coachKey(row);
    const entry = coaches.get(key) ?? { name: row.coachName ?? m.today.unassigned, n: 0 };
    entry.n += 1;
    coaches.set(key, entry);
  }
  const mine = <T extends { coachId: string | null }>(list: readonly T[]): T[] =>
    coach === ALL ? [...list] : list.filter((row) => coachKey(row) === coach);

  const concerns = mine(worklist.concerns).sort(
    (a, b) => a.minutesToTriageDeadline - b.minutesToTriageDeadline,
  );
  const checkIns = mine(worklist.checkIns);
  const linkUps = mine(worklist.linkUps);
  const waiting = mine(worklist.waitingFamilies);
  const sharing = mine(worklist.sharingFamilies);
  const showCoach = siteWide && coach === ALL;
  const empty = concerns.length + checkIns.length + linkUps.length + waiting.length + sharing.length === 0;

  return (
    <>
      <p className="lede">
        {m.today.lede(formatLongDate(worklist.today), timeZoneName(worklist.generatedAt))}
      </p>
      {siteWide && (
        <div className="filter">
          <SelectField
            label={m.today.showing}
            value={coach}
            options={[
              { value: ALL, label: m.today.everyone },
              ...[...coaches.entries()]
                .sort((a, b) => a[1].name.localeCompare(b[1].name))
                .map(([value, c]) => ({ value, label: m.today.coachOption(c.name, c.n) })),
            ]}
            onChange={setCoach}
          />
        </div>
      )}
      <p className="status-line" role="status">
        {recorded}
      </p>
      {!empty && (
        <nav aria-label={m.today.summary} className="summary">
          {concerns.length > 0 && <a href="#concerns">{m.today.count.concerns(concerns.length)}</a>}
          {checkIns.length > 0 && <a href="#check-ins">{m.today.count.checkIns(checkIns.length)}</a>}
          {linkUps.length > 0 && <a href="#link-ups">{m.today.count.linkUps(linkUps.length)}</a>}
          {waiting.length > 0 && <a href="#waiting">{m.today.count.waiting(waiting.length)}</a>}
          {sharing.length > 0 && <a href="#sharing">{m.today.count.sharing(sharing.length)}</a>}
        </nav>
      )}
      {empty && <p className="notice">{m.today.nothing}</p>}

      <Group
        id="concerns"
        title={siteWide ? m.today.escalation : m.today.concerns}
        hint={siteWide ? m.today.escalationHint : undefined}
        count={concerns.length}
        empty={m.today.noConcerns}
      >
        {concerns.map((c) => (
          <ConcernItem key={c.id} concern={c} showCoach={showCoach} />
        ))}
      </Group>

      <CheckInGroups checkIns={checkIns} showCoach={showCoach} onRecorded={setRecorded} />

      <Group id="link-ups" title={m.today.linkUps} count={linkUps.length} empty={m.today.noLinkUps}>
        {linkUps.map((l) => (
          <LinkUpItem key={l.id} linkUp={l} showCoach={showCoach} />
        ))}
      </Group>

      <Group id="waiting" title={m.today.waiting} count={waiting.length} empty={m.today.noWaiting}>
        {waiting.map((f) => (
          <li key={f.id} className="row">
            <div className="row-main">
              <Link to={`/coach/families/${f.id}`} className="row-title">
                {f.displayName}
              </Link>
              <span className="meta">
                {[f.suburb, m.words.familyStatus[f.status] ?? f.status, m.today.weeksWaiting(f.weeksWaiting)]
                  .filter((x) => x !== null && x !== '')
                  .join(' · ')}
              </span>
              {showCoach && <CoachLine name={f.coachName} />}
            </div>
            <Link className="button" to={`/coach/families/${f.id}/suggestions`}>
              {m.today.findMatch}
            </Link>
          </li>
        ))}
      </Group>

      <Group id="sharing" title={m.today.sharing} count={sharing.length} empty={m.today.noSharing}>
        {sharing.map((f) => (
          <li key={f.id} className="row">
            <div className="row-main">
              <Link to={`/coach/families/${f.id}`} className="row-title">
                {f.displayName}
              </Link>
              <span className="meta">
                {[f.suburb, m.words.familyStatus[f.status] ?? f.status].filter((x) => x !== null).join(' · ')}
              </span>
              <span className={f.reason === 'check_expiring' ? 'flag warn-text' : 'flag'}>
                {f.reason === 'check_expiring'
                  ? m.today.checkExpires(formatDate(f.checkExpiresOn))
                  : m.today.awaitingApproval}
              </span>
              {showCoach && <CoachLine name={f.coachName} />}
            </div>
          </li>
        ))}
      </Group>

      <Notices worklist={worklist} />
    </>
  );
}

function Group({
  id,
  title,
  hint,
  count,
  empty,
  children,
}: {
  id: string;
  title: string;
  hint?: string;
  count: number;
  empty: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className="group-section" id={id}>
      <h2 id={`${id}-title`}>
        {title} <span className="count">({count})</span>
      </h2>
      {hint !== undefined && <p className="hint">{hint}</p>}
      {count === 0 ? <p className="none-yet">{empty}</p> : <ul className="plain rows">{children}</ul>}
    </section>
  );
}

function CoachLine({ name }: { name: string | null }) {
  const m = useMessages();
  return <span className="meta">{m.today.coachIs(name ?? m.today.unassigned)}</span>;
}

function ConcernItem({ concern: c, showCoach }: { concern: ConcernRow; showCoach: boolean }) {
  const m = useMessages();
  const late = c.minutesToTriageDeadline < 0;
  const countdown =
    c.status === 'triaged'
      ? m.today.triaged
      : late
        ? m.today.triageOverdue(spanWords(m, c.minutesToTriageDeadline))
        : m.today.triageIn(spanWords(m, c.minutesToTriageDeadline));
  const urgent = c.severity === 'immediate_danger' || c.severity === 'high';
  return (
    <li className={urgent ? 'row urgent' : 'row'}>
      <div className="row-main">
        <span className="row-title">
          <span className={urgent ? 'pill pill-bad' : 'pill'}>
            {m.words.severity[c.severity] ?? c.severity}
          </span>{' '}
          {c.familyNames.length > 0 ? c.familyNames.join(' and ') : m.today.notAboutLinkUp}
        </span>
        <span className={late && c.status === 'open' ? 'flag bad-text' : 'flag'}>
          {countdown}
          {c.status === 'open' && <> ({formatDateTime(c.triageDueAt)})</>}
          {c.escalated && <> · {m.today.escalated}</>}
        </span>
        <span className="meta">
          {m.words.concernStatus[c.status] ?? c.status}
          {c.linkUpStatus === 'paused' && <> · {m.today.paused}</>}
        </span>
        {showCoach && <CoachLine name={c.coachName} />}
      </div>
      <Link
        className="button primary"
        to={`/safeguarding-concerns/${c.id}`}
        aria-label={`${c.status === 'open' ? m.today.triageNow : m.today.openConcern}: ${
          c.familyNames.length > 0 ? c.familyNames.join(' and ') : m.today.notAboutLinkUp
        }`}
      >
        {c.status === 'open' ? m.today.triageNow : m.today.openConcern}
      </Link>
    </li>
  );
}

function CheckInGroups({
  checkIns,
  showCoach,
  onRecorded,
}: {
  checkIns: readonly CheckInRow[];
  showCoach: boolean;
  onRecorded: (text: string) => void;
}) {
  const m = useMessages();
  const groups: { key: CheckInRow['urgency']; title: string }[] = [
    { key: 'overdue', title: m.today.overdue },
    { key: 'due', title: m.today.dueNow },
    { key: 'soon', title: m.today.soon },
  ];
  return (
    <section aria-labelledby="check-ins-title" className="group-section" id="check-ins">
      <h2 id="check-ins-title">
        {m.today.checkIns} <span className="count">({checkIns.length})</span>
      </h2>
      {checkIns.length === 0 && <p className="none-yet">{m.today.noCheckIns}</p>}
      {groups.map(({ key, title }) => {
        const here = checkIns.filter((c) => c.urgency === key);
        if (here.length === 0) return null;
        return (
          <section key={key} aria-label={title}>
            <h3>
              {title} ({here.length})
            </h3>
            <ul className="plain rows">
              {here.map((c) => (
                <CheckInItem key={c.id} checkIn={c} showCoach={showCoach} onRecorded={onRecorded} />
              ))}
            </ul>
          </section>
        );
      })}
    </section>
  );
}

function CheckInItem({
  checkIn: c,
  showCoach,
  onRecorded,
}: {
  checkIn: CheckInRow;
  showCoach: boolean;
  onRecorded: (text: string) => void;
}) {
  const m = useMessages();
  const [open, setOpen] = useState(false);
  const what = useCheckInWords()(c);
  const pair = m.today.pair(c.seekingFamilyName, c.sharingFamilyName);
  const formId = `record-${c.id}`;
  return (
    <li className={c.urgency === 'overdue' ? 'row urgent' : 'row'}>
      <div className="row-main">
        <Link to={`/link-ups/${c.linkUpId}`} className="row-title">
          {pair}
        </Link>
        <span>{what}</span>
        <span className={c.urgency === 'overdue' ? 'flag bad-text' : 'flag'}>
          {c.urgency === 'overdue'
            ? m.today.holdBy(formatDateTime(c.overdueAt))
            : m.today.dueAt(formatDateTime(c.dueAt))}
        </span>
        {showCoach && <CoachLine name={c.coachName} />}
      </div>
      <button
        type="button"
        className={open ? '' : 'primary'}
        aria-expanded={open}
        aria-controls={formId}
        onClick={() => setOpen(!open)}
        aria-label={`${open ? m.today.hideForm : m.today.recordIt}: ${pair}`}
      >
        {open ? m.today.hideForm : m.today.recordIt}
      </button>
      {open && (
        <div id={formId} className="row-form">
          <InlineCheckIn
            id={c.id}
            label={m.checkIn.formLabel(`${what}, ${pair}`)}
            onDone={() => {
              setOpen(false);
              onRecorded(m.checkIn.recorded(`${what} (${pair})`));
            }}
          />
        </div>
      )}
    </li>
  );
}

/** Loads the check-in (for its version) only when its form is opened. */
function InlineCheckIn({ id, label, onDone }: { id: string; label: string; onDone: () => void }) {
  const checkIn = useApiQuery(['/api/check-ins', id], () =>
    unwrap(api.GET('/api/check-ins/{id}', { params: { path: { id } } })),
  );
  return (
    <Loader loaded={checkIn} what="Loading the check-in">
      {(loaded) => <RecordCheckInForm checkIn={loaded} label={label} onDone={onDone} />}
    </Loader>
  );
}

function LinkUpItem({ linkUp: l, showCoach }: { linkUp: LinkUpRow; showCoach: boolean }) {
  const m = useMessages();
  const stage = m.stages[l.stage] ?? l.stage;
  const target =
    l.nextTarget === null
      ? null
      : l.nextTarget === 'completed'
        ? null
        : (m.stages[l.nextTarget] ?? l.nextTarget);
  const completing = l.nextTarget === 'completed';
  return (
    <li className={l.status === 'paused' ? 'row urgent' : 'row'}>
      <div className="row-main">
        <Link to={`/link-ups/${l.id}`} className="row-title">
          {m.today.pair(l.seekingFamilyName, l.sharingFamilyName)}
        </Link>
        <span className="meta">
          {stage} · {m.today.weeksInStage(l.weeksInStage)}
        </span>
        {l.status === 'paused' && (
          <span className="flag bad-text">
            {l.openConcerns > 0 ? m.today.pausedConcern(l.openConcerns) : m.today.paused}
          </span>
        )}
        {showCoach && <CoachLine name={l.coachName} />}
        {l.nextTarget !== null &&
          (l.unmetGuards.length === 0 ? (
            <Link to={`/link-ups/${l.id}#next-move`} className="flag good-text">
              ✓ {completing ? m.today.readyToComplete : m.today.readyToMove(target ?? '')}
            </Link>
          ) : (
            <>
              <span>{completing ? m.today.toComplete : m.today.toMove(target ?? '')}</span>
              <ul className="todo">
                {l.unmetGuards.map((g) => {
                  const action = guardAction(g);
                  return (
                    <li key={g}>
                      <span aria-hidden="true" className="unmet">
                        ✗
                      </span>
                      {action === null ? (
                        (m.guards[g] ?? g)
                      ) : (
                        <Link to={`/link-ups/${l.id}?do=${action}`}>{m.guards[g] ?? g}</Link>
                      )}
                    </li>
                  );
                })}
              </ul>
            </>
          ))}
      </div>
    </li>
  );
}

function Notices({ worklist }: { worklist: Worklist }) {
  const m = useMessages();
  const notices = useApiQuery(['/api/notifications', 'unread'], () =>
    unwrap(api.GET('/api/notifications', { params: { query: { unreadOnly: true, limit: 20 } } })),
  );
  // Notices carry no names (they may be emailed): the worklist's rows name the families.
  const names = new Map<string, string>();
  for (const l of worklist.linkUps) names.set(l.id, m.today.pair(l.seekingFamilyName, l.sharingFamilyName));
  for (const c of worklist.checkIns) names.set(c.id, m.today.pair(c.seekingFamilyName, c.sharingFamilyName));
  for (const c of worklist.concerns)
    if (c.familyNames.length > 0) names.set(c.id, c.familyNames.join(' and '));
  const page = notices.data;
  if (page === undefined || page.items.length === 0) return null;
  return (
    <section aria-labelledby="notices-title" className="group-section" id="notices">
      <h2 id="notices-title">
        {m.today.notices} <span className="count">({page.unread})</span>
      </h2>
      <ul className="plain rows">
        {page.items.map((n) => {
          const about = names.get(n.subjectId) ?? (n.linkUpId === null ? undefined : names.get(n.linkUpId));
          return (
            <li key={n.id} className="row">
              <div className="row-main">
                <Link to={new URL(n.link, window.location.origin).pathname} className="row-title">
                  {n.title}
                </Link>
                {about !== undefined && <span>{m.today.about(about)}</span>}
                <span className="meta">{formatDateTime(n.createdAt)}</span>
              </div>
              <ActionButton
                action={async () => {
                  await unwrap(api.POST('/api/notifications/{id}/read', { params: { path: { id: n.id } } }));
                }}
              >
                {m.today.markRead}
              </ActionButton>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
