import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { ActionForm, Checkbox, Field, Loader, SelectField, useDraft, useLoad, words } from '../../shared/ui';
import { ExplanationTable, scoreWords } from './explanation';
import { messages } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';

type Proposal = Schemas['MatchProposalView'];
type Decision = 'chose' | 'declined' | 'more_options';

export function ProposalPage() {
  usePageTitle(messages.titles.shortlist);
  const { id = '' } = useParams();
  const proposal = useLoad(
    () => unwrap(api.GET('/api/match-proposals/{id}', { params: { path: { id } } })),
    [id],
  );
  return (
    <>
      <h1>Shortlist</h1>
      <Loader loaded={proposal} what="Loading the shortlist">
        {(p) => <ProposalView proposal={p} reload={proposal.reload} />}
      </Loader>
    </>
  );
}

function ProposalView({ proposal, reload }: { proposal: Proposal; reload: () => void }) {
  const [draft, setDraft, clear] = useDraft<{
    decision: Decision;
    sharingFamilyId: string;
    accepted: boolean;
    plannedWeeks: string;
  }>(`decision-${proposal.id}`, {
    decision: 'chose',
    sharingFamilyId: proposal.candidates[0]?.sharingFamilyId ?? '',
    // Not pre-filled: the coach says so only once the Sharing family has said yes.
    accepted: false,
    plannedWeeks: '',
  });
  async function record() {
    await unwrap(
      api.POST('/api/match-proposals/{id}/decision', {
        params: { path: { id: proposal.id } },
        body: {
          decision: draft.decision,
          version: proposal.version,
          ...(draft.decision === 'chose'
            ? {
                sharingFamilyId: draft.sharingFamilyId,
                sharingFamilyAccepted: draft.accepted,
                ...(draft.plannedWeeks === '' ? {} : { plannedWeeks: Number(draft.plannedWeeks) }),
              }
            : {}),
        },
      }),
    );
    clear();
    reload();
  }
  const nameOf = (id: string | null) =>
    proposal.candidates.find((c) => c.sharingFamilyId === id)?.displayName ?? 'the Sharing family';
  return (
    <>
      <p>
        Status: <strong>{words(proposal.status)}</strong>
      </p>
      {proposal.linkUpId !== null && (
        <p className="notice" role="status">
          The family chose {nameOf(proposal.chosenSharingFamilyId)}.{' '}
          <Link to={`/link-ups/${proposal.linkUpId}`}>Open the link-up</Link>
        </p>
      )}
      <div className="grid">
        {proposal.candidates.map((c) => (
          <section key={c.sharingFamilyId} className="card" aria-label={c.displayName ?? 'A Sharing family'}>
            <h2>{c.displayName ?? 'A Sharing family'}</h2>
            <p>
              <strong>{scoreWords(c.score)}</strong> — {c.explanation.summary}
            </p>
            <ExplanationTable
              factors={c.explanation.factors}
              caption={`Why ${c.displayName ?? 'this family'}`}
            />
          </section>
        ))}
      </div>
      {proposal.decidedAt === null && (
        <ActionForm label="Record the family's decision" submitText="Record the decision" action={record}>
          <h2>The family’s decision</h2>
          <SelectField
            label="What did the family decide?"
            value={draft.decision}
            options={[
              { value: 'chose', label: 'Chose a Sharing family' },
              { value: 'declined', label: 'Declined all of them' },
              { value: 'more_options', label: 'Asked for more options' },
            ]}
            onChange={(v) => setDraft({ decision: v })}
          />
          {draft.decision === 'chose' && (
            <>
              <SelectField
                label="Which family did they choose?"
                value={draft.sharingFamilyId}
                options={proposal.candidates.map((c) => ({
                  value: c.sharingFamilyId,
                  label: c.displayName ?? c.sharingFamilyId,
                }))}
                onChange={(sharingFamilyId) => setDraft({ sharingFamilyId })}
              />
              <Checkbox
                label="The Sharing family has accepted"
                checked={draft.accepted}
                onChange={(accepted) => setDraft({ accepted })}
              />
              <Field
                label="Planned length in weeks"
                hint="10 to 30 weeks; leave empty for the programme's default."
                type="number"
                min="10"
                max="30"
                value={draft.plannedWeeks}
                onChange={(plannedWeeks) => setDraft({ plannedWeeks })}
              />
            </>
          )}
        </ActionForm>
      )}
    </>
  );
}
