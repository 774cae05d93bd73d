import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { ActionForm, Checkbox, Field, Loader, SelectField, useDraft } from '../../shared/ui';
import { useApiQuery } from '../../shared/query';
import { formatDateTime } from '../../shared/time';
import { useMessages } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';

type Concern = Schemas['ConcernDetailView'];
type Decision = Schemas['TriageConcernDto']['decision'];
type Effect = Schemas['TriageConcernDto']['linkUpEffect'];

const DECISIONS: readonly Decision[] = [
  'no_further_action',
  'monitor',
  'support_plan',
  'referred_to_child_protection',
  'referred_to_police',
  'referred_to_other_service',
];
const EFFECTS: readonly Effect[] = ['none', 'pause', 'resume', 'end'];

/** One safeguarding concern (staff only), its history, and triage. Notification links open it. */
export function ConcernPage() {
  const m = useMessages();
  const { id = '' } = useParams();
  const concern = useApiQuery(['/api/safeguarding-concerns', id], () =>
    unwrap(api.GET('/api/safeguarding-concerns/{id}', { params: { path: { id } } })),
  );
  const names = concern.data?.familyNames.join(' and ');
  usePageTitle(names === undefined || names === '' ? m.titles.concern : m.safeguarding.headingFor(names));
  return (
    <>
      <h1>{names === undefined || names === '' ? m.titles.concern : m.safeguarding.headingFor(names)}</h1>
      <Loader loaded={concern} what="Loading the concern">
        {(c) => <ConcernView concern={c} />}
      </Loader>
    </>
  );
}

function ConcernView({ concern }: { concern: Concern }) {
  const m = useMessages();
  const [outcome, setOutcome] = useState<string | null>(null);
  const [draft, setDraft, clear] = useDraft<{
    decision: Decision;
    linkUpEffect: Effect;
    close: boolean;
    note: string;
  }>(`triage-${concern.id}`, { decision: 'monitor', linkUpEffect: 'none', close: false, note: '' });
  async function triage() {
    const after = await unwrap(
      api.POST('/api/safeguarding-concerns/{id}/triage', {
        params: { path: { id: concern.id } },
        body: {
          decision: draft.decision,
          linkUpEffect: draft.linkUpEffect,
          close: draft.close,
          version: concern.version,
          ...(draft.note.trim() === '' ? {} : { note: draft.note.trim() }),
        },
      }),
    );
    setOutcome(
      m.safeguarding.outcome(
        m.words.decision[draft.decision] ?? draft.decision,
        m.safeguarding.outcomeEffect[draft.linkUpEffect] ?? '',
        after.status === 'closed',
      ),
    );
    clear();
  }
  const urgent = concern.severity === 'high' || concern.severity === 'immediate_danger';
  return (
    <>
      <p className="status-line" role="status">
        {outcome}
      </p>
      <dl className="facts card">
        <div>
          <dt>{m.safeguarding.severity}</dt>
          <dd>
            <span className={urgent ? 'pill pill-bad' : 'pill'}>
              {m.words.severity[concern.severity] ?? concern.severity}
            </span>
          </dd>
        </div>
        <div>
          <dt>{m.safeguarding.status}</dt>
          <dd>{m.words.concernStatus[concern.status] ?? concern.status}</dd>
        </div>
        <div>
          <dt>{m.safeguarding.raised}</dt>
          <dd>{formatDateTime(concern.raisedAt)}</dd>
        </div>
        {concern.status === 'open' && (
          <div>
            <dt>{m.safeguarding.triageDue}</dt>
            <dd>{formatDateTime(concern.triageDueAt)}</dd>
          </div>
        )}
        {concern.linkUpId !== null && (
          <div>
            <dt>{m.safeguarding.families}</dt>
            <dd>
              <Link to={`/link-ups/${concern.linkUpId}`}>
                {concern.familyNames.length > 0 ? concern.familyNames.join(' and ') : m.today.openLinkUp}
              </Link>
            </dd>
          </div>
        )}
      </dl>
      <p className="card">{concern.description}</p>
      <h2>History</h2>
      <ul className="plain rows">
        {concern.entries.map((e) => (
          <li key={e.id} className="row">
            <div className="row-main">
              <span className="row-title">
                {m.safeguarding.entry[e.kind] ?? e.kind}{' '}
                {e.actorName === null ? m.safeguarding.system : m.safeguarding.by(e.actorName)}
              </span>
              <span>
                {[
                  m.safeguarding.severityIs((m.words.severity[e.severity] ?? e.severity).toLowerCase()),
                  e.decision === null ? null : (m.words.decision[e.decision] ?? e.decision),
                  e.linkUpEffect === null || e.linkUpEffect === 'none'
                    ? null
                    : (m.words.effect[e.linkUpEffect] ?? e.linkUpEffect),
                  e.status === 'closed' ? m.safeguarding.closedNow : null,
                ]
                  .filter((x) => x !== null)
                  .join(' · ')}
              </span>
              {e.note !== null && <span>“{e.note}”</span>}
              <span className="meta">{formatDateTime(e.at)}</span>
            </div>
          </li>
        ))}
      </ul>
      {concern.status !== 'closed' && (
        <ActionForm label="Triage the concern" submitText="Record the triage" action={triage}>
          <h2>Triage</h2>
          <SelectField
            label="Decision"
            value={draft.decision}
            options={DECISIONS.map((d) => ({ value: d, label: m.words.decision[d] ?? d }))}
            onChange={(decision) => setDraft({ decision })}
          />
          <p className="hint">{m.safeguarding.effectHint}</p>
          <SelectField
            label="Effect on the link-up"
            value={draft.linkUpEffect}
            options={EFFECTS.map((e) => ({ value: e, label: m.words.effect[e] ?? e }))}
            onChange={(linkUpEffect) => setDraft({ linkUpEffect })}
          />
          <Field
            label="Note (staff only)"
            multiline
            value={draft.note}
            onChange={(note) => setDraft({ note })}
          />
          <p className="hint">{m.safeguarding.closeHint}</p>
          <Checkbox
            label="Close the concern"
            checked={draft.close}
            onChange={(close) => setDraft({ close })}
          />
        </ActionForm>
      )}
    </>
  );
}
