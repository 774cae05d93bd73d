import { useEffect } from 'react';
import { api, unwrap } from '../../api/client';
import { useMessages } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';
import { useApiQuery } from '../../shared/query';
import { useUser } from '../../shared/session';
import { formatDate, Loader } from '../../shared/ui';
import { GetTogetherForm, SmallWinForm } from '../journey/journey';
import { FamilyFeedback } from './family-feedback';
import { FamilyGoals, PartnerGoals } from './family-goals';
import { JourneyTimeline } from './family-journey';
import { Saved, useFamilyNames, useOwnFamily, useSaved, type LinkUp } from './family-shared';

const STAGES = ['relationship_building', 'doing_with', 'doing_without'] as const;

/** The family's own page: phone first, plain words, big buttons, preferred names. */
export function FamilyHome() {
  const m = useMessages();
  usePageTitle(m.titles.familyHome);
  const user = useUser();
  useEffect(() => {
    document.body.classList.add('family');
    return () => document.body.classList.remove('family');
  }, []);
  const family = useOwnFamily();
  const names = useFamilyNames(family.data);
  const linkUp = useApiQuery(['/api/link-ups', 'family-current', user.familyId], async () => {
    const linkUps = await unwrap(api.GET('/api/link-ups', { params: { query: { limit: 10 } } }));
    const current =
      linkUps.items.find((l) => l.status === 'active' || l.status === 'paused') ?? linkUps.items[0];
    return current === undefined
      ? null
      : await unwrap(api.GET('/api/link-ups/{id}', { params: { path: { id: current.id } } }));
  });

  return (
    <Loader loaded={family} what={m.family.loading}>
      {(own) => (
        <>
          <h1>{m.family.hello(names)}</h1>
          <Loader loaded={linkUp} what={m.family.loading}>
            {(current) =>
              current === null ? (
                <p>{m.family.notLinked}</p>
              ) : (
                <LinkUpForFamily linkUp={current} familyId={own.id} />
              )
            }
          </Loader>
        </>
      )}
    </Loader>
  );
}

function LinkUpForFamily({ linkUp, familyId }: { linkUp: LinkUp; familyId: string }) {
  const m = useMessages();
  const weAreSeeking = linkUp.seekingFamily.id === familyId;
  const partner = weAreSeeking ? linkUp.sharingFamily : linkUp.seekingFamily;
  const open = linkUp.status === 'active' || linkUp.status === 'paused';
  const [winSaved, showWinSaved] = useSaved();
  const [togetherSaved, showTogetherSaved] = useSaved();
  const goals = linkUp.goals.filter((g) => g.status === 'active' || g.status === 'achieved');
  return (
    <>
      <p>{m.family.linkedWith(partner.displayName)}</p>
      <StageCard linkUp={linkUp} />
      <CoachCard linkUp={linkUp} />

      {weAreSeeking ? (
        <FamilyGoals linkUp={linkUp} familyId={familyId} open={open} />
      ) : (
        <PartnerGoals linkUp={linkUp} partner={partner.displayName} />
      )}

      {open && (
        <section aria-labelledby="log-win">
          <h2 id="log-win">{m.family.winHeading}</h2>
          <SmallWinForm
            linkUpId={linkUp.id}
            goals={weAreSeeking ? goals.filter((g) => g.status === 'active') : []}
            staff={false}
            onDone={() => showWinSaved(m.family.saved.win)}
          />
          <Saved text={winSaved} />
        </section>
      )}

      {open && (
        <section aria-labelledby="log-together">
          <h2 id="log-together">{m.family.togetherHeading}</h2>
          <GetTogetherForm linkUpId={linkUp.id} onDone={() => showTogetherSaved(m.family.saved.together)} />
          <Saved text={togetherSaved} />
        </section>
      )}

      {open && <FamilyFeedback linkUp={linkUp} weAreSeeking={weAreSeeking} partner={partner.displayName} />}

      <JourneyTimeline linkUp={linkUp} familyId={familyId} partner={partner.displayName} />
    </>
  );
}

function StageCard({ linkUp }: { linkUp: LinkUp }) {
  const m = useMessages();
  const step = STAGES.indexOf(linkUp.stage as (typeof STAGES)[number]);
  return (
    <section className="card stage-card" aria-labelledby="stage-heading">
      <h2 id="stage-heading">{m.family.stageHeading}</h2>
      {step >= 0 && <p className="step">{m.family.stageOf(step + 1, STAGES.length)}</p>}
      <p className="stage-name">
        <strong>{m.family.stageWords[linkUp.stage] ?? linkUp.stage}</strong>
      </p>
      <p>{m.family.stageExplained[linkUp.stage] ?? ''}</p>
      <ol className="steps" aria-label={m.family.stageHeading}>
        {STAGES.map((stage, i) => (
          <li key={stage} className={i < step ? 'done' : i === step ? 'now' : 'later'}>
            <span aria-hidden="true">{i < step ? '✓' : i === step ? '●' : '○'}</span>{' '}
            {m.family.stageWords[stage]}
            {i === step && <span className="visually-hidden"> (now)</span>}
          </li>
        ))}
      </ol>
      {linkUp.status === 'active' && (
        <p>{m.family.weeksTogether(Math.floor(linkUp.durations.activeWeeks))}</p>
      )}
      {linkUp.status === 'paused' && <p className="notice warn">{m.family.paused}</p>}
      {linkUp.status === 'completed' && <p className="notice">{m.family.completed}</p>}
      {linkUp.status === 'ended_early' && (
        <p className="notice">
          {m.family.endedEarly} {formatDate(linkUp.endedAt)}
        </p>
      )}
    </section>
  );
}

function CoachCard({ linkUp }: { linkUp: LinkUp }) {
  const m = useMessages();
  const coach = linkUp.coach;
  return (
    <section className="card" aria-labelledby="coach-heading">
      <h2 id="coach-heading">{m.family.coachHeading}</h2>
      <p>{m.family.coachIs(coach.displayName)}</p>
      <p>{m.family.coachReach}</p>
      {coach.email !== '' && (
        <a className="button" href={`mailto:${coach.email}`}>
          {m.family.emailCoach(coach.displayName)}
        </a>
      )}
    </section>
  );
}
