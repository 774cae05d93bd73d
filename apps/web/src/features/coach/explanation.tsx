import type { Schemas } from '../../api/client';

/** A match explanation: per factor its weight, value, contribution and reason; unknown shown as such. */
export function ExplanationTable({
  factors,
  caption,
}: {
  factors: readonly Schemas['FactorExplanationView'][];
  caption: string;
}) {
  return (
    <div className="table-wrap" tabIndex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Factor</th>
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
              <td className="num">{f.contribution === null ? 'unknown' : f.contribution.toFixed(2)}</td>
              <td>{f.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
