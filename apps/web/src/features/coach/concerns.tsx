import { Link, useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import {
  ActionForm,
  Field,
  formatDateTime,
  Loader,
  SelectField,
  useDraft,
  useLoad,
  words,
} from '../../shared/ui';
import { SEVERITIES } from './check-in';
import { messages } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';

type Severity = Schemas['RaiseConcernDto']['severity'];

export function ConcernsPage() {
  usePageTitle(messages.titles.concerns);
  const [params] = useSearchParams();
  const linkUpId = params.get('linkUpId') ?? '';
  const concerns = useLoad(
    () => unwrap(api.GET('/api/safeguarding-concerns', { params: { query: { limit: 50 } } })),
    [],
  );
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
    await unwrap(
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
    concerns.reload();
  }
  return (
    <>
      <h1>Safeguarding concerns</h1>
      <Loader loaded={concerns} what="Loading concerns">
        {(page) =>
          page.items.length === 0 ? (
            <p>No concerns.</p>
          ) : (
            <div className="table-wrap" tabIndex={0}>
              <table>
                <caption>Most urgent first</caption>
                <thead>
                  <tr>
                    <th scope="col">Severity</th>
                    <th scope="col">Status</th>
                    <th scope="col">Raised</th>
                    <th scope="col">Triage due</th>
                    <th scope="col">Concern</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <Link to={`/safeguarding-concerns/${c.id}`}>{words(c.severity)}</Link>
                      </td>
                      <td>{words(c.status)}</td>
                      <td>{formatDateTime(c.raisedAt)}</td>
                      <td>{formatDateTime(c.triageDueAt)}</td>
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
