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
 * The figure suggestions are ordered by (the matching engine's ranking score): the fit of what is
 * known, with each unknown fact counted as a neutral 50%. When part is unknown, the fit of the known
 * facts is shown beside it and the note says why the two differ, so the figure never contradicts
 * the order.
 */
export function rankingScoreOf(e: { score: number; knownWeightShare: number }): number {
  return e.knownWeightShare * e.score + (1 - e.knownWeightShare) * 0.5;
}

export function FitFigure({ explanation }: { explanation: { score: number; knownWeightShare: number } }) {
  const m = useMessages().matching;
  const known = explanation.knownWeightShare;
  const ranked = Math.round(rankingScoreOf(explanation) * 100);
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
