import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { ActionForm, Field, Loader, SelectField, useDraft } from '../../shared/ui';
import { useApiQuery } from '../../shared/query';
import { formatDateTime } from '../../shared/time';
import { SEVERITIES } from './check-in-form';
import { useMessages } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';

type Severity = Schemas['RaiseConcernDto']['severity'];
type Concern = Schemas['ConcernView'];

export function ConcernsPage() {
  const m = useMessages();
  usePageTitle(m.titles.concerns);
  const [params] = useSearchParams();
  const linkUpId = params.get('linkUpId') ?? '';
  const concerns = useApiQuery(['/api/safeguarding-concerns', 'list'], () =>
    unwrap(api.GET('/api/safeguarding-concerns', { params: { query: { limit: 50 } } })),
  );
  const [raised, setRaised] = useState<Concern | null>(null);
  // The link-up always comes from the address (never from a draft), and each link-up has its own draft.
  const [draft, setDraft, clear] = useDraft<{
    severity: Severity;
    description: string;
    source: 'staff' | 'family';
  }>(`raise-concern:${linkUpId}`, {
    severity: 'medium',
    description: '',
    source: 'staff',
  });
  async function raise() {
    const concern = await unwrap(
      api.POST('/api/safeguarding-concerns', {
        body: {
          severity: draft.severity,
          description: draft.description.trim(),
          source: draft.source,
          ...(linkUpId === '' ? {} : { linkUpId }),
        },
      }),
    );
    clear();
    setRaised(concern);
  }
  const names = (c: Concern) =>
    c.familyNames.length > 0 ? c.familyNames.join(' and ') : m.safeguarding.notAboutFamily;
  return (
    <>
      <h1>{m.titles.concerns}</h1>
      <div role="status" className={raised === null ? 'status-line' : 'status-line saved-concern'}>
        {raised !== null && (
          <>
            <p>{m.safeguarding.raisedNotice(names(raised), formatDateTime(raised.triageDueAt))}</p>
            {(raised.severity === 'high' || raised.severity === 'immediate_danger') && (
              <p>{m.safeguarding.raisedUrgent}</p>
            )}
            <p>
              <Link to={`/safeguarding-concerns/${raised.id}`}>{m.safeguarding.openIt}</Link>
              {raised.linkUpId !== null && (
                <>
                  {' · '}
                  <Link to={`/link-ups/${raised.linkUpId}`}>{m.safeguarding.backToLinkUp}</Link>
                </>
              )}
            </p>
          </>
        )}
      </div>
      <Loader loaded={concerns} what="Loading concerns">
        {(page) =>
          page.items.length === 0 ? (
            <p>{m.safeguarding.none}</p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label={m.safeguarding.caption}>
              <table>
                <caption>{m.safeguarding.caption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{m.safeguarding.families}</th>
                    <th scope="col">{m.safeguarding.severity}</th>
                    <th scope="col">{m.safeguarding.status}</th>
                    <th scope="col">{m.safeguarding.raised}</th>
                    <th scope="col">{m.safeguarding.triageDue}</th>
                    <th scope="col">{m.safeguarding.concern}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <Link to={`/safeguarding-concerns/${c.id}`}>{names(c)}</Link>
                      </td>
                      <td>{m.words.severity[c.severity] ?? c.severity}</td>
                      <td>{m.words.concernStatus[c.status] ?? c.status}</td>
                      <td>{formatDateTime(c.raisedAt)}</td>
                      <td>{c.status === 'open' ? formatDateTime(c.triageDueAt) : '—'}</td>
                      <td>{c.description}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loader>
      <h2>Raise a concern</h2>
      <ActionForm label="Raise a concern" submitText="Raise the concern" action={raise}>
        {linkUpId === '' ? (
          <p>
            Not about a particular link-up. To raise one about a link-up, use “Raise a concern” on its page.
          </p>
        ) : (
          <p>
            About <Link to={`/link-ups/${linkUpId}`}>this link-up</Link>.
          </p>
        )}
        <SelectField
          label="How serious?"
          value={draft.severity}
          options={SEVERITIES}
          onChange={(v) => setDraft({ severity: v })}
        />
        <SelectField
          label="Who raised it?"
          value={draft.source}
          options={[
            { value: 'staff', label: 'Staff' },
            { value: 'family', label: 'A family, through its coach' },
          ]}
          onChange={(v) => setDraft({ source: v })}
        />
        <Field
          label="What is the concern?"
          multiline
          value={draft.description}
          onChange={(description) => setDraft({ description })}
          required
        />
      </ActionForm>
    </>
  );
}
