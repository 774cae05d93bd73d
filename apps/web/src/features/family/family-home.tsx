import { useEffect } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { useUser } from '../../shared/session';
import { formatDate, Loader, useLoad } from '../../shared/ui';
import { GetTogetherForm, getTogetherWords, GoalRating, SmallWinForm } from '../journey/journey';
import { messages } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';

type LinkUp = Schemas['LinkUpDetailsView'];

/** The family's own page: phone first, plain words, big buttons, preferred names. */
export function FamilyHome() {
  usePageTitle(messages.titles.familyHome);
  const user = useUser();
  useEffect(() => {
    document.body.classList.add('family');
    return () => document.body.classList.remove('family');
  }, []);
  const data = useLoad(async () => {
    const familyId = user.familyId ?? '';
    const [family, linkUps] = await Promise.all([
      unwrap(api.GET('/api/families/{id}', { params: { path: { id: familyId } } })),
      unwrap(api.GET('/api/link-ups', { params: { query: { limit: 10 } } })),
    ]);
    const current =
      linkUps.items.find((l) => l.status === 'active' || l.status === 'paused') ?? linkUps.items[0];
    const linkUp =
      current === undefined
        ? null
        : await unwrap(api.GET('/api/link-ups/{id}', { params: { path: { id: current.id } } }));
    return { family, linkUp };
  }, [user.familyId]);

  return (
    <Loader loaded={data} what="Loading your page">
      {({ family, linkUp }) => {
        const names = family.people.filter((p) => p.role === 'adult').map((p) => p.preferredName);
        return (
          <>
            <h1>Hi{names.length > 0 ? `, ${names.join(' and ')}` : ''}</h1>
            {linkUp === null ? (
              <p>You are not linked up with another family yet. Your coach will be in touch.</p>
            ) : (
              <LinkUpForFamily linkUp={linkUp} familyId={family.id} reload={data.reload} />
            )}
          </>
        );
      }}
    </Loader>
  );
}

function LinkUpForFamily({
  linkUp,
  familyId,
  reload,
}: {
  linkUp: LinkUp;
  familyId: string;
  reload: () => void;
}) {
  const weAreSeeking = linkUp.seekingFamily.id === familyId;
  const partner = weAreSeeking ? linkUp.sharingFamily : linkUp.seekingFamily;
  const ourWins = linkUp.smallWins.filter((w) => w.familyId === familyId);
  const theirWins = linkUp.smallWins.filter((w) => w.familyId !== familyId);
  const goals = linkUp.goals.filter((g) => g.status === 'active' || g.status === 'achieved');
  return (
    <>
      <p>
        You are linked up with <strong>{partner.displayName}</strong>. Your coach is{' '}
        {linkUp.coach.displayName}.
      </p>
      {linkUp.status === 'paused' && <p className="notice">Your link-up is paused for now.</p>}

      <h2>{weAreSeeking ? 'Our goals' : `${partner.displayName}'s goals`}</h2>
      {goals.length === 0 ? (
        <p>
          {weAreSeeking ? 'No goals written yet. You can write them with your coach.' : 'Nothing shared yet.'}
        </p>
      ) : (
        <ul className="plain">
          {goals.map((g) => (
            <li key={g.id}>
              <h3>“{g.text}”</h3>
              {g.status === 'achieved' && <p className="met">Achieved!</p>}
              {weAreSeeking && (
                <>
                  <p>How are we going?</p>
                  <GoalRating goal={g} ratedBy="family" onDone={reload} />
                </>
              )}
            </li>
          ))}
        </ul>
      )}

      <h2>Log a small win</h2>
      <SmallWinForm linkUpId={linkUp.id} goals={weAreSeeking ? goals : []} staff={false} onDone={reload} />

      <h2>Our small wins</h2>
      {ourWins.length === 0 ? (
        <p>No small wins yet. Every step counts!</p>
      ) : (
        <ul className="plain" aria-label="Our small wins">
          {ourWins.map((w) => (
            <li key={w.id}>
              <strong>{w.text}</strong> — {formatDate(w.occurredOn)}
            </li>
          ))}
        </ul>
      )}

      <h2>{partner.displayName}'s small wins</h2>
      {theirWins.length === 0 ? (
        <p>
          {linkUp.partnerShares === false
            ? `${partner.displayName} keeps its wins private.`
            : 'None shared yet.'}
        </p>
      ) : (
        <ul className="plain" aria-label={`${partner.displayName}'s small wins`}>
          {theirWins.map((w) => (
            <li key={w.id}>
              <strong>{w.text}</strong> — {formatDate(w.occurredOn)}
            </li>
          ))}
        </ul>
      )}

      <h2>Log a get-together</h2>
      <GetTogetherForm linkUpId={linkUp.id} onDone={reload} />
      {linkUp.getTogethers.length > 0 && (
        <>
          <h2>Our get-togethers</h2>
          <ul className="plain">
            {linkUp.getTogethers.map((g) => (
              <li key={g.id}>
                {formatDate(g.heldOn)}: {getTogetherWords(g.kind)}
                {g.childrenInvolved && ', with the children'}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
