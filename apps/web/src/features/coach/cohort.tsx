import { useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { useUser } from '../../shared/session';
import { ActionForm } from '../../shared/ui';
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
  const name = (id: string) => answer?.displayNames[id] ?? 'A family';
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
                  </tr>
                </thead>
                <tbody>
                  {answer.assignments.map((a) => (
                    <tr key={a.seekingFamilyId}>
                      <td>{name(a.seekingFamilyId)}</td>
                      <td>{name(a.sharingFamilyId)}</td>
                      <td>{scoreWords(a.fit)}</td>
                      <td>{a.weeksWaiting}</td>
                      <td>{a.explanation.summary}</td>
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
                <strong>{name(u.seekingFamilyId)}</strong>: {u.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
