import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import {
  ActionButton,
  ActionForm,
  Checkbox,
  Field,
  formatDate,
  Loader,
  SelectField,
  STAGE_WORDS,
  useDraft,
  useLoad,
  words,
} from '../../shared/ui';
import { OutcomeMeasureForm } from '../journey/outcome-measure-form';
import { FamilyInvitations } from './family-invitations';
import { messages } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';
import { useApiQuery } from '../../shared/query';
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
  const family = useApiQuery(['/api/families/{id}', id], () =>
    unwrap(api.GET('/api/families/{id}', { params: { path: { id } } })),
  );
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
  const linkUps = useLoad(
    () => unwrap(api.GET('/api/link-ups', { params: { query: { familyId: family.id } } })),
    [family.id, family.version],
  );
  const measures = useLoad(
    () => unwrap(api.GET('/api/families/{id}/outcome-measures', { params: { path: { id: family.id } } })),
    [family.id],
  );
  const [signOff, setSignOff] = useDraft(`sign-off-${family.id}`, { signOff: false });
  const forms = useOnDemand();

  async function move(to: string) {
    await unwrap(
      api.POST('/api/families/{id}/status', {
        params: { path: { id: family.id } },
        body: { to, version: family.version, ...(to === 'approved' ? { signOff: signOff.signOff } : {}) },
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
      {family.kind === 'seeking' && (
        <p>
          <Link className="button primary" to={`/coach/families/${family.id}/suggestions`}>
            Suggested Sharing families
          </Link>
        </p>
      )}

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
      {family.allowedStatusMoves.length === 0 ? (
        <p>No status change is possible from “{words(family.status)}”.</p>
      ) : (
        <div className="card">
          {family.kind === 'sharing' && family.allowedStatusMoves.includes('approved') && (
            <Checkbox
              label="I sign off this family as ready to share (coach’s sign-off)"
              checked={signOff.signOff}
              onChange={(v) => setSignOff({ signOff: v })}
            />
          )}
          {family.allowedStatusMoves.map((to) => (
            <ActionButton key={to} action={() => move(to)}>
              Move to “{words(to)}”
            </ActionButton>
          ))}
        </div>
      )}

      {family.kind === 'sharing' && (
        <>
          <h2>Training</h2>
          {family.trainingCompletedAt === null ? (
            <div className="card">
              <p>Training is not recorded as completed.</p>
              <ActionButton
                action={async () => {
                  await unwrap(
                    api.PATCH('/api/families/{id}', {
                      params: { path: { id: family.id } },
                      body: {
                        version: family.version,
                        trainingCompletedAt: new Date().toISOString() as never,
                      },
                    }),
                  );
                  reload();
                }}
              >
                Record training as completed today
              </ActionButton>
            </div>
          ) : (
            <p>Training completed on {formatDate(family.trainingCompletedAt)}.</p>
          )}
        </>
      )}

      <h2>People</h2>
      <People family={family} reload={reload} />

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

function People({ family, reload }: { family: Family; reload: () => void }) {
  const [draft, setDraft, clear] = useDraft<{
    role: 'adult' | 'child';
    preferredName: string;
    legalName: string;
    wwccNumber: string;
    wwccExpiresOn: string;
  }>(`person-${family.id}`, {
    role: 'adult',
    preferredName: '',
    legalName: '',
    wwccNumber: '',
    wwccExpiresOn: '',
  });
  async function add() {
    const optional = (value: string) => (value.trim() === '' ? undefined : (value.trim() as never));
    await unwrap(
      api.POST('/api/families/{id}/people', {
        params: { path: { id: family.id } },
        body: {
          role: draft.role,
          preferredName: draft.preferredName.trim(),
          legalName: optional(draft.legalName),
          ...(draft.role === 'adult' && family.kind === 'sharing'
            ? { wwccNumber: optional(draft.wwccNumber), wwccExpiresOn: optional(draft.wwccExpiresOn) }
            : {}),
        },
      }),
    );
    clear();
    reload();
  }
  return (
    <>
      {family.people.length === 0 ? (
        <p>No one recorded yet.</p>
      ) : (
        <ul className="plain">
          {family.people.map((p) => (
            <li key={p.id}>
              <strong>{p.preferredName}</strong> ({p.role}){p.pronouns !== null && <>, {p.pronouns}</>}
              {p.legalName !== undefined && p.legalName !== null && <> · legal name: {p.legalName}</>}
              {p.wwccExpiresOn !== undefined && p.wwccExpiresOn !== null && (
                <> · check valid until {formatDate(p.wwccExpiresOn)}</>
              )}
            </li>
          ))}
        </ul>
      )}
      <ActionForm label="Add a person" submitText="Add the person" action={add}>
        <SelectField
          label="Adult or child"
          value={draft.role}
          options={[
            { value: 'adult', label: 'Adult' },
            { value: 'child', label: 'Child' },
          ]}
          onChange={(v) => setDraft({ role: v })}
        />
        <div className="grid">
          <Field
            label="Preferred name"
            value={draft.preferredName}
            onChange={(preferredName) => setDraft({ preferredName })}
            required
          />
          <Field
            label="Legal name"
            hint="Staff only."
            value={draft.legalName}
            onChange={(legalName) => setDraft({ legalName })}
          />
        </div>
        {draft.role === 'adult' && family.kind === 'sharing' && (
          <div className="grid">
            <Field
              label="Working With Children Check number"
              value={draft.wwccNumber}
              onChange={(wwccNumber) => setDraft({ wwccNumber })}
            />
            <Field
              label="Check valid until"
              type="date"
              value={draft.wwccExpiresOn}
              onChange={(wwccExpiresOn) => setDraft({ wwccExpiresOn })}
            />
          </div>
        )}
      </ActionForm>
    </>
  );
}
