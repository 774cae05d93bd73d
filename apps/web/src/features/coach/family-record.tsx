import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { ActionButton, formatDate, Loader, STAGE_WORDS, useLoad, words } from '../../shared/ui';
import { OutcomeMeasureForm } from '../journey/outcome-measure-form';
import { FamilyInvitations } from './family-invitations';
import { messages, useMessages } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';
import { useApiQuery } from '../../shared/query';
import { setTimeZone } from '../../shared/time';
import { ApprovalChecklist, People, Training } from './approval';
import { FamilyExclusions } from './exclusions';
import { Household } from './household';
import { MatchingProfile } from './matching-profile';
import { useOnDemand } from './on-demand';

type Family = Schemas['FamilyDetailView'];

const CONSENT_WORDS: Record<string, string> = {
  participation: 'Takes part in the programme',
  share_with_partner_family: 'Shares goals and wins with the partner family',
  evaluation_use: 'Its de-identified outcomes may be used for evaluation',
};

export function FamilyRecordPage() {
  const { id = '' } = useParams();
  const family = useApiQuery(['/api/families/{id}', id], async () => {
    const f = await unwrap(api.GET('/api/families/{id}', { params: { path: { id } } }));
    // Dates on this page read in the family's site's zone.
    setTimeZone(f.timeZone);
    return f;
  });
  usePageTitle(
    family.data === undefined ? messages.titles.families : messages.titles.family(family.data.displayName),
  );
  return (
    <Loader loaded={family} what="Loading the family">
      {(f) => <FamilyRecord family={f} reload={family.reload} />}
    </Loader>
  );
}

function FamilyRecord({ family, reload }: { family: Family; reload: () => void }) {
  const m = useMessages().familyRecord;
  const linkUps = useLoad(
    () => unwrap(api.GET('/api/link-ups', { params: { query: { familyId: family.id } } })),
    [family.id, family.version],
  );
  const measures = useLoad(
    () => unwrap(api.GET('/api/families/{id}/outcome-measures', { params: { path: { id: family.id } } })),
    [family.id],
  );
  const forms = useOnDemand();
  const [status, setStatus] = useState<string | null>(null);
  const awaitingApproval = family.approvalChecklist !== null;
  // A form opened (or the page changed) leaves the last confirmation behind.
  const done = (text: string) => setStatus(text);

  async function move(to: string) {
    await unwrap(
      api.POST('/api/families/{id}/status', {
        params: { path: { id: family.id } },
        body: { to, version: family.version },
      }),
    );
    reload();
  }

  return (
    <>
      <h1>{family.displayName}</h1>
      <p>
        <span className="pill">{family.kind === 'seeking' ? 'Seeking family' : 'Sharing family'}</span>{' '}
        <span className="pill">Status: {words(family.status)}</span>
        {family.suburb !== null && <> · {family.suburb}</>}
      </p>
      <p className="status-line met" role="status">
        {status !== null && forms.open === null && <>✓ {status}</>}
      </p>
      {family.kind === 'seeking' && (
        <p>
          <Link className="button primary" to={`/coach/families/${family.id}/suggestions`}>
            Suggested Sharing families
          </Link>
        </p>
      )}

      {awaitingApproval && <ApprovalChecklist family={family} forms={forms} onApproved={done} />}

      <Household family={family} forms={forms} onDone={done} />

      <MatchingProfile family={family} forms={forms} />

      <h2>Link-ups</h2>
      <Loader loaded={linkUps} what="Loading link-ups">
        {(page) =>
          page.items.length === 0 ? (
            <p>Not in a link-up.</p>
          ) : (
            <ul className="plain">
              {page.items.map((l) => (
                <li key={l.id}>
                  <Link to={`/link-ups/${l.id}`}>
                    {l.seekingFamily.displayName} with {l.sharingFamily.displayName}
                  </Link>{' '}
                  — {STAGE_WORDS[l.stage] ?? words(l.stage)}, {words(l.status)}
                </li>
              ))}
            </ul>
          )
        }
      </Loader>

      <h2>Moving on</h2>
      {moves(family).length === 0 ? (
        <p>
          {awaitingApproval ? m.approveAbove : `No status change is possible from “${words(family.status)}”.`}
        </p>
      ) : (
        <div className="card">
          {awaitingApproval && <p className="hint">{m.approveAbove}</p>}
          {moves(family).map((to) => (
            <ActionButton key={to} action={() => move(to)}>
              Move to “{words(to)}”
            </ActionButton>
          ))}
        </div>
      )}

      {family.kind === 'sharing' && <Training family={family} forms={forms} onDone={done} />}

      <People family={family} forms={forms} onDone={done} />

      <FamilyInvitations familyId={family.id} />

      <h2>Consent</h2>
      <ul className="plain">
        {family.consents.map((c) => (
          <li key={c.kind}>
            <strong>{CONSENT_WORDS[c.kind] ?? words(c.kind)}</strong>:{' '}
            {c.granted ? `yes, since ${formatDate(c.since)}` : 'not given'}{' '}
            <ActionButton
              action={async () => {
                await unwrap(
                  api.POST('/api/families/{id}/consents', {
                    params: { path: { id: family.id } },
                    body: { kind: c.kind, action: c.granted ? 'withdraw' : 'grant' },
                  }),
                );
                reload();
              }}
            >
              {c.granted ? 'Record it withdrawn' : 'Record it given'}
            </ActionButton>
          </li>
        ))}
      </ul>

      <FamilyExclusions family={family} forms={forms} onDone={done} />

      <h2>Outcome measures</h2>
      <Loader loaded={measures} what="Loading measures">
        {(list) =>
          list.length === 0 ? (
            <p>None recorded yet.</p>
          ) : (
            <ul className="plain">
              {list.map((m) => (
                <li key={m.id}>
                  {m.instrument}, {words(m.timepoint)}:{' '}
                  {m.declined ? `declined (${words(m.declineReason)})` : m.score} on{' '}
                  {formatDate(m.administeredAt)}
                </li>
              ))}
            </ul>
          )
        }
      </Loader>
      <OutcomeMeasureForm familyId={family.id} onDone={measures.reload} />
    </>
  );
}

/** The hand moves offered under "Moving on": approving is the checklist's, with its sign-off. */
function moves(family: Family): string[] {
  return family.allowedStatusMoves.filter((to) => !(to === 'approved' && family.approvalChecklist !== null));
}
