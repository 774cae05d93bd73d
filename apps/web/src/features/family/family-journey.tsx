import { useMessages } from '../../shared/messages';
import { formatDate } from '../../shared/ui';
import { getTogetherWords } from '../journey/journey';
import type { LinkUp } from './family-shared';

interface Moment {
  readonly key: string;
  readonly day: string;
  readonly kind: 'win' | 'together' | 'start' | 'stage';
  readonly label: string;
  readonly text: string;
}

/** "Look how far you've come": the link-up's wins, get-togethers and steps, newest first. */
export function JourneyTimeline({
  linkUp,
  familyId,
  partner,
}: {
  linkUp: LinkUp;
  familyId: string;
  partner: string;
}) {
  const m = useMessages();
  const wins = linkUp.smallWins;
  const moments: Moment[] = [
    ...wins.map((w): Moment => ({
      key: `w-${w.id}`,
      day: w.occurredOn,
      kind: 'win',
      label: w.familyId === familyId ? m.family.journeyWinOurs : m.family.journeyWinTheirs(partner),
      text: w.text,
    })),
    ...linkUp.getTogethers.map((g): Moment => ({
      key: `g-${g.id}`,
      day: g.heldOn,
      kind: 'together',
      label: m.family.journeyTogether,
      text: `${getTogetherWords(g.kind)}${g.childrenInvolved ? m.family.withChildren : ''}`,
    })),
    {
      key: 'start',
      day: linkUp.startedAt.slice(0, 10),
      kind: 'start' as const,
      label: formatDate(linkUp.startedAt),
      text: m.family.journeyStarted(partner),
    },
    ...linkUp.history
      .filter((h) => h.kind === 'stage_advanced' && h.toStage !== null)
      .map((h): Moment => ({
        key: `s-${h.at}`,
        day: h.at.slice(0, 10),
        kind: 'stage',
        label: formatDate(h.at),
        text: m.family.journeyStage(m.family.stageWords[h.toStage ?? ''] ?? h.toStage ?? ''),
      })),
  ].sort((a, b) => (a.day === b.day ? 0 : a.day < b.day ? 1 : -1));
  const ourWins = wins.filter((w) => w.familyId === familyId).length;
  return (
    <section aria-labelledby="journey-heading">
      <h2 id="journey-heading">{m.family.journeyHeading}</h2>
      <p>
        {ourWins + linkUp.getTogethers.length === 0
          ? m.family.journeyEmpty
          : m.family.journeyIntro(ourWins, linkUp.getTogethers.length)}
      </p>
      {linkUp.partnerShares === false && <p className="hint">{m.family.keepsPrivate(partner)}</p>}
      <ol className="timeline" aria-label={m.family.journeyHeading}>
        {moments.map((moment) => (
          <li key={moment.key} className={`moment ${moment.kind}`}>
            <span className="when">{formatDate(moment.day)}</span>
            <span className="what">
              {moment.kind === 'win' || moment.kind === 'together' ? (
                <>
                  <span className="label">{moment.label}: </span>
                  <strong>{moment.text}</strong>
                </>
              ) : (
                <strong>{moment.text}</strong>
              )}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
