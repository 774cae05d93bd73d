import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useUser } from '../../shared/session';
import { ActionButton, ActionForm } from '../../shared/ui';
import { scoreWords } from './explanation';
import { messages } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';

export function CohortPage() {
  usePageTitle(messages.titles.cohort);
  const user = useUser();
  const [answer, setAnswer] = useState<Schemas['CohortResponseView'] | null>(null);
  async function propose() {
    if (user.siteId === null) throw new Error('no site');
    setAnswer(await unwrap(api.POST('/api/matching/cohort', { body: { siteId: user.siteId } })));
  }
  const navigate = useNavigate();
  const name = (id: string) => answer?.displayNames[id] ?? 'A family';
  const family = (id: string) => <Link to={`/coach/families/${id}`}>{name(id)}</Link>;
  /** One proposed pair becomes a shortlist of one for that Seeking family to decide on. */
  async function offer(pair: Schemas['CohortAssignmentView']) {
    const proposal = await unwrap(
      api.POST('/api/match-proposals', {
        body: { seekingFamilyId: pair.seekingFamilyId, sharingFamilyIds: [pair.sharingFamilyId] },
      }),
    );
    void navigate(`/coach/proposals/${proposal.id}`);
  }
  return (
    <>
      <h1>Cohort proposal</h1>
      <p>
        The best overall assignment of the site's waiting Seeking families to Sharing families, with a little
        extra weight for families who have waited longer. It is a proposal only: each family still chooses.
      </p>
      <ActionForm
        label="Propose a cohort"
        submitText="Work out a proposal"
        busyText="Working it out…"
        action={propose}
      >
        {null}
      </ActionForm>
      {answer !== null && (
        <>
          <h2>Proposed pairs ({answer.assignments.length})</h2>
          {answer.assignments.length > 0 && (
            <p>
              {answer.assignments.length} of {answer.assignments.length + answer.unassigned.length} waiting
              families paired; average fit {Math.round((answer.totalFit / answer.assignments.length) * 100)}%;
              together they have waited {answer.assignments.reduce((sum, a) => sum + a.weeksWaiting, 0)}{' '}
              weeks.
            </p>
          )}
          {answer.assignments.length === 0 ? (
            <p>No pairs could be proposed.</p>
          ) : (
            <div className="table-wrap" tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Seeking family</th>
                    <th scope="col">Sharing family</th>
                    <th scope="col">Fit</th>
                    <th scope="col">Weeks waiting</th>
                    <th scope="col">Why</th>
                    <th scope="col">Next step</th>
                  </tr>
                </thead>
                <tbody>
                  {answer.assignments.map((a) => (
                    <tr key={a.seekingFamilyId}>
                      <td>{family(a.seekingFamilyId)}</td>
                      <td>{family(a.sharingFamilyId)}</td>
                      <td>{scoreWords(a.fit)}</td>
                      <td>{a.weeksWaiting}</td>
                      <td>{a.explanation.summary}</td>
                      <td>
                        <ActionButton
                          action={() => offer(a)}
                          aria-label={`Offer as a shortlist: ${name(a.sharingFamilyId)} for ${name(a.seekingFamilyId)}`}
                        >
                          Offer as a shortlist
                        </ActionButton>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2>Not assigned ({answer.unassigned.length})</h2>
          <ul className="plain">
            {answer.unassigned.map((u) => (
              <li key={u.seekingFamilyId}>
                <strong>{family(u.seekingFamilyId)}</strong>: {u.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
