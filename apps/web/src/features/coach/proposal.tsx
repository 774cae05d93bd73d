import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { ConfirmButton } from '../../shared/confirm-dialog';
import { useMessages } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';
import { useApiQuery } from '../../shared/query';
import { ActionForm, ErrorMessage, Field, formatDate, Loader, useDraft } from '../../shared/ui';
import { LiftForm } from './exclusions';
import { ExplanationTable, FitFigure } from './explanation';
import './matching.css';

type Proposal = Schemas['MatchProposalView'];
type Decision = '' | `chose:${string}` | 'more_options' | 'declined';

/**
 * A shortlist, in the order things happen: the Seeking family's decision (step 1), then, when
 * they chose, the Sharing family's answer (step 2, pending until recorded). A decline of any kind
 * asks for confirmation naming the family, and can be undone here (the exclusion is lifted, with a
 * reason). Every state ends with what to do next.
 */
export function ProposalPage() {
  const m = useMessages();
  const { id = '' } = useParams();
  const proposal = useApiQuery(['/api/match-proposals/{id}', id], () =>
    unwrap(api.GET('/api/match-proposals/{id}', { params: { path: { id } } })),
  );
  const seekingId = proposal.data?.seekingFamilyId ?? '';
  const seeking = useApiQuery(
    ['/api/families/{id}', seekingId],
    () => unwrap(api.GET('/api/families/{id}', { params: { path: { id: seekingId } } })),
    seekingId !== '',
  );
  const seekingName = seeking.data?.displayName;
  usePageTitle(seekingName === undefined ? m.titles.shortlist : m.matching.shortlistFor(seekingName));
  return (
    <>
      <h1>{seekingName === undefined ? m.titles.shortlist : m.matching.shortlistFor(seekingName)}</h1>
      <Loader loaded={proposal} what="Loading the shortlist">
        {(p) => <ProposalView proposal={p} seekingName={seekingName ?? m.matching.aSharingFamily} />}
      </Loader>
    </>
  );
}

function ProposalView({ proposal, seekingName }: { proposal: Proposal; seekingName: string }) {
  const m = useMessages().matching;
  const nameOf = (id: string | null) =>
    proposal.candidates.find((c) => c.sharingFamilyId === id)?.displayName ?? m.aSharingFamily;
  const chosenName = nameOf(proposal.chosenSharingFamilyId);
  return (
    <>
      <p>
        <span className={`pill status-${proposal.status}`}>
          {m.status[proposal.status] ?? proposal.status}
        </span>{' '}
        {m.offeredOn(formatDate(proposal.createdAt))}
      </p>
      <State proposal={proposal} seekingName={seekingName} chosenName={chosenName} />
      <div className="grid">
        {proposal.candidates.map((c) => {
          const name = c.displayName ?? m.aSharingFamily;
          return (
            <section key={c.sharingFamilyId} className="card" aria-label={name}>
              <h2>
                {c.rank}. {name}
                {proposal.chosenSharingFamilyId === c.sharingFamilyId && <span className="pill">Chosen</span>}
              </h2>
              <p>
                <FitFigure explanation={c.explanation} /> — {c.explanation.summary}
              </p>
              <details>
                <summary>{m.whyHeading(name)}</summary>
                <ExplanationTable factors={c.explanation.factors} caption={m.whyHeading(name)} />
              </details>
            </section>
          );
        })}
      </div>
    </>
  );
}

/** What has happened, and what to do now. */
function State({
  proposal,
  seekingName,
  chosenName,
}: {
  proposal: Proposal;
  seekingName: string;
  chosenName: string;
}) {
  const m = useMessages().matching;
  const findMore = (
    <p>
      <strong>{m.whatNext}:</strong>{' '}
      <Link className="button primary" to={`/coach/families/${proposal.seekingFamilyId}/suggestions`}>
        {m.findMore(seekingName)}
      </Link>{' '}
      <Link to={`/coach/families/${proposal.seekingFamilyId}`}>{m.backToFamily(seekingName)}</Link>
    </p>
  );
  switch (proposal.status) {
    case 'open':
      return <ChoiceStep proposal={proposal} seekingName={seekingName} />;
    case 'awaiting_sharing_family':
      return <AnswerStep proposal={proposal} seekingName={seekingName} chosenName={chosenName} />;
    case 'chosen':
      return (
        <div className="notice" role="status">
          <p>{m.linkedUp(seekingName, chosenName)}</p>
          {proposal.linkUpId !== null && (
            <p>
              <strong>{m.whatNext}:</strong>{' '}
              <Link className="button primary" to={`/link-ups/${proposal.linkUpId}`}>
                {m.openLinkUp}
              </Link>
            </p>
          )}
        </div>
      );
    case 'sharing_family_declined':
      return (
        <div className="notice" role="status">
          <p>{m.sharingDeclined(seekingName, chosenName)}</p>
          <UndoDeclines
            proposal={proposal}
            sharingFamilyIds={proposal.chosenSharingFamilyId === null ? [] : [proposal.chosenSharingFamilyId]}
          />
          {findMore}
        </div>
      );
    case 'declined':
      return (
        <div className="notice" role="status">
          <p>{m.allDeclined(seekingName)}</p>
          <UndoDeclines
            proposal={proposal}
            sharingFamilyIds={proposal.candidates.map((c) => c.sharingFamilyId)}
          />
          {findMore}
        </div>
      );
    case 'more_options_requested':
      return (
        <div className="notice" role="status">
          <p>{m.moreOptionsAsked(seekingName)}</p>
          {findMore}
        </div>
      );
    default:
      return (
        <div className="notice" role="status">
          <p>{m.withdrawnText(seekingName)}</p>
          <p>
            <strong>{m.whatNext}:</strong>{' '}
            <Link to={`/coach/families/${proposal.seekingFamilyId}`}>{m.backToFamily(seekingName)}</Link>
          </p>
        </div>
      );
  }
}

/** Step 1: the Seeking family's decision. Nothing is chosen for the coach. */
function ChoiceStep({ proposal, seekingName }: { proposal: Proposal; seekingName: string }) {
  const m = useMessages().matching;
  const [draft, setDraft, clear] = useDraft<{ decision: Decision }>(`decision-${proposal.id}`, {
    decision: '',
  });
  const [missing, setMissing] = useState(false);
  const names = proposal.candidates.map((c) => c.displayName ?? m.aSharingFamily);
  const decide = async (body: Schemas['RecordDecisionDto']) => {
    await unwrap(
      api.POST('/api/match-proposals/{id}/decision', { params: { path: { id: proposal.id } }, body }),
    );
    clear();
  };
  const options: { value: Decision; label: string }[] = [
    ...proposal.candidates.map((c) => ({
      value: `chose:${c.sharingFamilyId}` as Decision,
      label: m.choseOption(c.displayName ?? m.aSharingFamily),
    })),
    { value: 'more_options', label: m.moreOptions },
    { value: 'declined', label: m.declinedAll },
  ];
  return (
    <section className="card step" aria-labelledby="step-1">
      <h2 id="step-1">{m.step1(seekingName)}</h2>
      <p className="hint">{m.step1Hint}</p>
      <fieldset className="group">
        <legend>{m.decisionLegend}</legend>
        {options.map((o) => (
          <div className="check" key={o.value}>
            <input
              type="radio"
              id={`decision-${o.value}`}
              name="decision"
              checked={draft.decision === o.value}
              onChange={() => {
                setMissing(false);
                setDraft({ decision: o.value });
              }}
            />
            <label htmlFor={`decision-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </fieldset>
      {missing && (
        <p className="error" role="alert">
          {m.pickOne}
        </p>
      )}
      {draft.decision === 'declined' ? (
        <ConfirmButton
          danger
          title={m.confirmDeclineAllTitle(seekingName)}
          body={<p>{m.confirmDeclineAllBody(names.join(', '))}</p>}
          confirmText={m.confirmDeclineAll}
          action={() => decide({ decision: 'declined', version: proposal.version })}
        >
          {m.recordChoice}
        </ConfirmButton>
      ) : (
        <RecordButton
          text={m.recordChoice}
          action={async () => {
            if (draft.decision === '') {
              setMissing(true);
              return;
            }
            await decide(
              draft.decision === 'more_options'
                ? { decision: 'more_options', version: proposal.version }
                : {
                    decision: 'chose',
                    sharingFamilyId: draft.decision.slice('chose:'.length),
                    version: proposal.version,
                  },
            );
          }}
        />
      )}
    </section>
  );
}

/** A plain submit-like button with a busy state and the error in words. */
function RecordButton({ text, action }: { text: string; action: () => Promise<void> }) {
  return (
    <ActionForm label={text} submitText={text} action={action} className="inline-form">
      {null}
    </ActionForm>
  );
}

/** Step 2: the Sharing family's answer, pending until recorded. */
function AnswerStep({
  proposal,
  seekingName,
  chosenName,
}: {
  proposal: Proposal;
  seekingName: string;
  chosenName: string;
}) {
  const m = useMessages().matching;
  const [draft, setDraft, clear] = useDraft(`answer-${proposal.id}`, { plannedWeeks: '' });
  const answer = async (value: 'accepted' | 'declined') => {
    await unwrap(
      api.POST('/api/match-proposals/{id}/sharing-family-answer', {
        params: { path: { id: proposal.id } },
        body: {
          answer: value,
          version: proposal.version,
          ...(value === 'accepted' && draft.plannedWeeks !== ''
            ? { plannedWeeks: Number(draft.plannedWeeks) }
            : {}),
        },
      }),
    );
    clear();
  };
  return (
    <section className="card step" aria-labelledby="step-2">
      <h2 id="step-2">{m.step2(chosenName)}</h2>
      <p className="notice" role="status">
        {m.waitingFor(seekingName, chosenName)}
      </p>
      <ActionForm
        label={m.accepted(chosenName)}
        submitText={m.accepted(chosenName)}
        action={() => answer('accepted')}
        className="inline-form"
      >
        <Field
          label={m.plannedWeeks}
          hint={m.plannedWeeksHint}
          type="number"
          min="10"
          max="30"
          value={draft.plannedWeeks}
          onChange={(plannedWeeks) => setDraft({ plannedWeeks })}
        />
      </ActionForm>
      <ConfirmButton
        danger
        title={m.confirmSharingDeclineTitle(chosenName)}
        body={<p>{m.confirmSharingDeclineBody(seekingName, chosenName)}</p>}
        confirmText={m.confirmSharingDecline(chosenName)}
        action={() => answer('declined')}
      >
        {m.declinedByThem(chosenName)}
      </ConfirmButton>
    </section>
  );
}

/** The live declines this shortlist recorded, each with a way to lift it (with a reason). */
function UndoDeclines({ proposal, sharingFamilyIds }: { proposal: Proposal; sharingFamilyIds: string[] }) {
  const m = useMessages().matching;
  const exclusions = useApiQuery(['/api/families/{id}/exclusions', proposal.seekingFamilyId], () =>
    unwrap(api.GET('/api/families/{id}/exclusions', { params: { path: { id: proposal.seekingFamilyId } } })),
  );
  const [lifted, setLifted] = useState<string[]>([]);
  if (exclusions.error !== undefined) return <ErrorMessage error={exclusions.error} />;
  const live = (exclusions.data ?? []).filter(
    (e) =>
      e.seekingFamilyId === proposal.seekingFamilyId &&
      e.reason === 'declined' &&
      sharingFamilyIds.includes(e.sharingFamilyId),
  );
  return (
    <>
      {lifted.map((name) => (
        <p key={name} className="met">
          ✓ {m.liftedAgain(name)}
        </p>
      ))}
      {live.length > 0 && (
        <>
          <h3>{m.undoTitle}</h3>
          {live.map((e) => (
            <LiftForm
              key={e.id}
              exclusion={e}
              onLifted={() => setLifted((l) => [...l, e.sharingFamilyName])}
            />
          ))}
        </>
      )}
    </>
  );
}
