import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useMessages } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';
import { useApiQuery } from '../../shared/query';
import { ActionForm, Checkbox, Loader, useDraft } from '../../shared/ui';
import { ExplanationTable, FitFigure } from './explanation';
import './matching.css';

type Excluded = Schemas['ExcludedView'];

export function SuggestionsPage() {
  const m = useMessages();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [includeDeclined, setIncludeDeclined] = useState(false);
  const family = useApiQuery(['/api/families/{id}', id], () =>
    unwrap(api.GET('/api/families/{id}', { params: { path: { id } } })),
  );
  const answer = useApiQuery(['/api/families/{id}/suggestions', id, includeDeclined], () =>
    unwrap(
      api.GET('/api/families/{id}/suggestions', {
        params: { path: { id }, query: { limit: 10, ...(includeDeclined ? { includeDeclined: true } : {}) } },
      }),
    ),
  );
  const name = family.data?.displayName;
  usePageTitle(name === undefined ? undefined : m.titles.suggestions(name));
  const [shortlist, setShortlist, clear] = useDraft('shortlist', { ids: [] as string[] });
  const [emptyTried, setEmptyTried] = useState(false);

  async function offer() {
    if (shortlist.ids.length === 0) {
      setEmptyTried(true);
      return;
    }
    const proposal = await unwrap(
      api.POST('/api/match-proposals', {
        body: {
          seekingFamilyId: id,
          sharingFamilyIds: shortlist.ids,
          ...(includeDeclined ? { overrideDeclined: true } : {}),
        },
      }),
    );
    clear();
    void navigate(`/coach/proposals/${proposal.id}`);
  }

  return (
    <>
      <h1>{name === undefined ? m.titles.suggestions('') : m.matching.suggestionsFor(name)}</h1>
      <p>{m.matching.suggestionsIntro}</p>
      <p className="hint">{m.matching.orderExplained}</p>
      {name !== undefined && (
        <p>
          <Link to={`/coach/families/${id}?do=profile`}>{m.matching.editRecord(name)}</Link>
        </p>
      )}
      <Checkbox label={m.matching.showDeclined} checked={includeDeclined} onChange={setIncludeDeclined} />
      <Loader loaded={answer} what="Finding Sharing families">
        {(a) => (
          <>
            <h2>{m.matching.suggestedCount(a.suggestions.length, a.candidateCount)}</h2>
            {a.suggestions.length === 0 ? (
              <p>{m.matching.noneSuggested}</p>
            ) : (
              <ActionForm label={m.matching.offer} submitText={m.matching.offer} action={offer}>
                <div className="grid">
                  {a.suggestions.map((s) => (
                    <section className="card" key={s.sharingFamilyId} aria-label={s.displayName}>
                      <h3>
                        {s.rank}. {s.displayName}
                      </h3>
                      <p>
                        <FitFigure explanation={s} />
                        {s.distanceKm !== null && <> · {m.matching.away(s.distanceKm.toFixed(1))}</>}
                        {s.suburb !== null && <> · {s.suburb}</>}
                      </p>
                      <p>{s.summary}</p>
                      {s.previouslyDeclined && <p className="warn">{m.matching.previouslyDeclined}</p>}
                      {s.cautions.length > 0 && (
                        <ul className="warn">
                          {s.cautions.map((c) => (
                            <li key={c}>{c}</li>
                          ))}
                        </ul>
                      )}
                      <details>
                        <summary>{m.matching.whyHeading(s.displayName)}</summary>
                        <ExplanationTable
                          factors={s.factors}
                          caption={m.matching.whyHeading(s.displayName)}
                        />
                      </details>
                      <Checkbox
                        label={m.matching.addToShortlist(s.displayName)}
                        checked={shortlist.ids.includes(s.sharingFamilyId)}
                        onChange={(on) => {
                          setEmptyTried(false);
                          setShortlist({
                            ids: on
                              ? [...shortlist.ids, s.sharingFamilyId]
                              : shortlist.ids.filter((x) => x !== s.sharingFamilyId),
                          });
                        }}
                      />
                    </section>
                  ))}
                </div>
                <p>{m.matching.onShortlist(shortlist.ids.length)}</p>
                {emptyTried && shortlist.ids.length === 0 && (
                  <p className="error" role="alert">
                    {m.matching.emptyShortlist}
                  </p>
                )}
              </ActionForm>
            )}
            <h2>{m.matching.whyNotHeading(a.excludedCount)}</h2>
            {a.excluded.length === 0 ? <p>{m.matching.noneLeftOut}</p> : <WhyNot excluded={a.excluded} />}
          </>
        )}
      </Loader>
    </>
  );
}

/** The families left out, grouped by the must-have they fail (a family may appear under several). */
function WhyNot({ excluded }: { excluded: readonly Excluded[] }) {
  const m = useMessages().matching;
  const groups = new Map<string, { name: string; reason: string }[]>();
  for (const e of excluded) {
    for (const f of e.failures) {
      const list = groups.get(f.key) ?? [];
      list.push({ name: e.displayName, reason: f.reason });
      groups.set(f.key, list);
    }
  }
  const sorted = [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
  return (
    <div className="why-not">
      {sorted.map(([key, list]) => (
        <details key={key} open={sorted.length <= 2}>
          <summary>{m.whyNotGroup(m.constraints[key] ?? key.replace(/_/g, ' '), list.length)}</summary>
          <ul>
            {list.map((f, i) => (
              <li key={`${f.name}-${i}`}>
                <strong>{f.name}</strong>: {f.reason}
              </li>
            ))}
          </ul>
        </details>
      ))}
    </div>
  );
}
