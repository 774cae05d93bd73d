import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ActionButton, formatDateTime, Loader, STAGE_WORDS, useLoad, words } from '../../shared/ui';
import { messages } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';

const STAGES = ['relationship_building', 'doing_with', 'doing_without'] as const;

export function CoachDashboard() {
  usePageTitle(messages.titles.today);
  const linkUps = useLoad(() => unwrap(api.GET('/api/link-ups', { params: { query: { limit: 100 } } })), []);
  const due = useLoad(
    () => unwrap(api.GET('/api/check-ins', { params: { query: { view: 'due', limit: 50 } } })),
    [],
  );
  const missed = useLoad(
    () => unwrap(api.GET('/api/check-ins', { params: { query: { view: 'missed', limit: 50 } } })),
    [],
  );
  const concerns = useLoad(
    () => unwrap(api.GET('/api/safeguarding-concerns', { params: { query: { status: 'open', limit: 50 } } })),
    [],
  );
  const notices = useLoad(
    () => unwrap(api.GET('/api/notifications', { params: { query: { unreadOnly: true, limit: 20 } } })),
    [],
  );
  return (
    <>
      <h1>Your caseload</h1>
      <Loader loaded={notices} what="Loading notices">
        {(page) =>
          page.items.length === 0 ? null : (
            <section className="card" aria-labelledby="notices">
              <h2 id="notices">New notices ({page.unread})</h2>
              <ul className="plain">
                {page.items.map((n) => (
                  <li key={n.id}>
                    <Link to={new URL(n.link, window.location.origin).pathname}>{n.title}</Link> — {n.text}{' '}
                    <ActionButton
                      action={async () => {
                        await unwrap(
                          api.POST('/api/notifications/{id}/read', { params: { path: { id: n.id } } }),
                        );
                        notices.reload();
                      }}
                    >
                      Mark as read
                    </ActionButton>
                  </li>
                ))}
              </ul>
            </section>
          )
        }
      </Loader>
      <h2>Link-ups by stage</h2>
      <Loader loaded={linkUps} what="Loading link-ups">
        {(page) => {
          const live = page.items.filter((l) => l.status === 'active' || l.status === 'paused');
          return live.length === 0 ? (
            <p>
              No link-ups yet. <Link to="/coach/families">Register families</Link> to start one.
            </p>
          ) : (
            <div className="grid">
              {STAGES.map((stage) => {
                const here = live.filter((l) => l.stage === stage);
                return (
                  <section className="card" key={stage} aria-label={STAGE_WORDS[stage]}>
                    <h3>
                      {STAGE_WORDS[stage]} ({here.length})
                    </h3>
                    <ul className="plain">
                      {here.map((l) => (
                        <li key={l.id}>
                          <Link to={`/link-ups/${l.id}`}>
                            {l.seekingFamily.displayName} with {l.sharingFamily.displayName}
                          </Link>
                          {l.status === 'paused' && <span className="pill">paused</span>}
                        </li>
                      ))}
                    </ul>
                  </section>
                );
              })}
            </div>
          );
        }}
      </Loader>
      <div className="grid">
        <section aria-labelledby="due">
          <h2 id="due">Check-ins due</h2>
          <Loader loaded={due} what="Loading check-ins">
            {(page) => <CheckInList items={page.items} empty="Nothing due." />}
          </Loader>
        </section>
        <section aria-labelledby="missed">
          <h2 id="missed">Check-ins missed</h2>
          <Loader loaded={missed} what="Loading check-ins">
            {(page) => <CheckInList items={page.items} empty="None missed." />}
          </Loader>
        </section>
        <section aria-labelledby="concerns">
          <h2 id="concerns">Open safeguarding concerns</h2>
          <Loader loaded={concerns} what="Loading concerns">
            {(page) =>
              page.items.length === 0 ? (
                <p>None open.</p>
              ) : (
                <ul className="plain">
                  {page.items.map((c) => (
                    <li key={c.id}>
                      <strong>{words(c.severity)}</strong>, triage by {formatDateTime(c.triageDueAt)} —{' '}
                      <Link to={`/safeguarding-concerns/${c.id}`}>open it</Link>
                    </li>
                  ))}
                </ul>
              )
            }
          </Loader>
        </section>
      </div>
    </>
  );
}

function CheckInList({
  items,
  empty,
}: {
  items: readonly { id: string; kind: string; party: string; dueAt: string }[];
  empty: string;
}) {
  if (items.length === 0) return <p>{empty}</p>;
  return (
    <ul className="plain">
      {items.map((c) => (
        <li key={c.id}>
          <Link to={`/check-ins/${c.id}`}>
            {words(c.kind)}, {c.party} family
          </Link>{' '}
          — due {formatDateTime(c.dueAt)}
        </li>
      ))}
    </ul>
  );
}
