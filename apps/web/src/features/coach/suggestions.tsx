import { useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ActionForm, Checkbox, Loader, useDraft, useLoad } from '../../shared/ui';
import { ExplanationTable, rankedWords } from './explanation';
import { messages } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';

export function SuggestionsPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const family = useLoad(() => unwrap(api.GET('/api/families/{id}', { params: { path: { id } } })), [id]);
  const answer = useLoad(
    () =>
      unwrap(api.GET('/api/families/{id}/suggestions', { params: { path: { id }, query: { limit: 10 } } })),
    [id],
  );
  usePageTitle(family.data === undefined ? undefined : messages.titles.suggestions(family.data.displayName));
  const [shortlist, setShortlist, clear] = useDraft('shortlist', { ids: [] as string[] });

  async function offer() {
    const proposal = await unwrap(
      api.POST('/api/match-proposals', { body: { seekingFamilyId: id, sharingFamilyIds: shortlist.ids } }),
    );
    clear();
    void navigate(`/coach/proposals/${proposal.id}`);
  }

  return (
    <>
      <h1>Suggestions{family.data !== undefined && <> for {family.data.displayName}</>}</h1>
      <p>
        Sharing families that meet every must-have, best fit first. Tick the ones to offer the family: the
        family chooses.
      </p>
      <Loader loaded={answer} what="Finding Sharing families">
        {(a) => (
          <>
            <h2>
              Suggested ({a.suggestions.length} of {a.candidateCount})
            </h2>
            {a.suggestions.length === 0 && <p>No Sharing family meets every must-have right now.</p>}
            <ActionForm
              label="Offer a shortlist"
              submitText="Offer this shortlist to the family"
              action={offer}
            >
              <div className="grid">
                {a.suggestions.map((s) => (
                  <section className="card" key={s.sharingFamilyId} aria-label={s.displayName}>
                    <h3>
                      {s.rank}. {s.displayName}
                    </h3>
                    <p>
                      <strong>{rankedWords(s)}</strong>
                      {s.distanceKm !== null && <> · {s.distanceKm.toFixed(1)} km away</>}
                      {s.suburb !== null && <> · {s.suburb}</>}
                    </p>
                    <p>{s.summary}</p>
                    {s.cautions.length > 0 && (
                      <ul className="warn">
                        {s.cautions.map((c) => (
                          <li key={c}>{c}</li>
                        ))}
                      </ul>
                    )}
                    <ExplanationTable factors={s.factors} caption={`Why ${s.displayName}`} />
                    <Checkbox
                      label={`Add ${s.displayName} to the shortlist`}
                      checked={shortlist.ids.includes(s.sharingFamilyId)}
                      onChange={(on) =>
                        setShortlist({
                          ids: on
                            ? [...shortlist.ids, s.sharingFamilyId]
                            : shortlist.ids.filter((x) => x !== s.sharingFamilyId),
                        })
                      }
                    />
                  </section>
                ))}
              </div>
              <p>{shortlist.ids.length} on the shortlist.</p>
            </ActionForm>

            <h2>Why not the others ({a.excludedCount})</h2>
            {a.excluded.length === 0 ? (
              <p>No Sharing family was left out.</p>
            ) : (
              <ul className="plain" aria-label="Families left out">
                {a.excluded.map((e) => (
                  <li key={e.sharingFamilyId}>
                    <strong>{e.displayName}</strong>
                    <ul>
                      {e.failures.map((f) => (
                        <li key={f.key}>{f.reason}</li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Loader>
    </>
  );
}
