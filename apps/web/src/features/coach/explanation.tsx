import type { Schemas } from '../../api/client';
import { useMessages } from '../../shared/messages';

/** A match explanation: per factor its weight, value, contribution and reason; unknown shown as such. */
export function ExplanationTable({
  factors,
  caption,
}: {
  factors: readonly Schemas['FactorExplanationView'][];
  caption: string;
}) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">What we compared</th>
            <th scope="col" className="num">
              Weight
            </th>
            <th scope="col" className="num">
              Points
            </th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {factors.map((f) => (
            <tr key={f.key}>
              <th scope="row">{f.label}</th>
              <td className="num">{f.weight}</td>
              <td className="num">{f.contribution === null ? 'not known' : f.contribution.toFixed(2)}</td>
              <td>{f.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The figure suggestions and shortlists are ordered by (the API's rankingScore: the fit of what is
 * known, each unknown fact counted as a neutral 50%). When part is unknown, the fit of the known
 * facts is shown beside it and the note says why the two differ, so the figure never contradicts
 * the order.
 */
export function FitFigure({
  explanation,
}: {
  explanation: { score: number; knownWeightShare: number; rankingScore: number };
}) {
  const m = useMessages().matching;
  const known = explanation.knownWeightShare;
  const ranked = Math.round(explanation.rankingScore * 100);
  return (
    <>
      <strong>{m.fitWords(ranked)}</strong>
      {known < 1 && (
        <span className="fit-note">
          {m.partlyKnown(Math.round(explanation.score * 100), Math.round(known * 100))}
        </span>
      )}
    </>
  );
}

export function scoreWords(score: number): string {
  return `${Math.round(score * 100)}% fit`;
}

/**
 * The figure a suggestion is ranked by, with how much of it is known (issue 16): "62% ranked
 * (fit 90% on 29% of the weight)", or just the fit when everything is known.
 */
export function rankedWords(s: { score: number; rankingScore: number; knownWeightShare: number }): string {
  const ranked = Math.round(s.rankingScore * 100);
  if (s.knownWeightShare >= 1) return `${ranked}% fit`;
  return `${ranked}% ranked (fit ${Math.round(s.score * 100)}% on ${Math.round(s.knownWeightShare * 100)}% of the weight known)`;
}
