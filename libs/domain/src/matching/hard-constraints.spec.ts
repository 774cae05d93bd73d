import { evaluateMatch } from './matching-engine';
import { resolveMatchingSettings } from './matching-settings';
import { fixtureContext, makeCandidate, makeSeeker } from './matching.fixtures';
import type { HardConstraintKey, MatchCandidate, MatchContext, MatchSeeker } from './matching.types';

interface Case {
  name: string;
  seeker?: Partial<MatchSeeker>;
  candidate?: Partial<MatchCandidate>;
  context?: Partial<MatchContext>;
  failed: HardConstraintKey[];
  reason?: RegExp;
}

const CASES: Case[] = [
  { name: 'a fully eligible pair', failed: [] },
  {
    name: 'not approved (in training)',
    candidate: { status: 'in_training' },
    failed: ['status'],
    reason: /still in training/,
  },
  { name: 'on hold', candidate: { status: 'on_hold' }, failed: ['status'], reason: /On hold/ },
  { name: 'exited', candidate: { status: 'exited' }, failed: ['status'] },
  {
    name: 'participation consent withdrawn',
    candidate: { participationConsent: false },
    failed: ['consent'],
    reason: /consent to take part/,
  },
  { name: 'participation consent current', candidate: { participationConsent: true }, failed: [] },
  {
    name: 'on hold and consent withdrawn: both reported, in order',
    candidate: { status: 'on_hold', participationConsent: false },
    failed: ['status', 'consent'],
  },
  {
    name: 'no spare place',
    candidate: { maxConcurrentLinkUps: 2, activeLinkUps: 2 },
    failed: ['capacity'],
    reason: /already in 2 of 2 link-ups/,
  },
  {
    name: 'spare place with capacity 3',
    candidate: { maxConcurrentLinkUps: 3, activeLinkUps: 2 },
    failed: [],
  },
  {
    name: 'capacity defaults to 1 when not recorded',
    candidate: { maxConcurrentLinkUps: null, activeLinkUps: 1 },
    failed: ['capacity'],
  },
  {
    name: 'capacity is capped at 3',
    candidate: { maxConcurrentLinkUps: 5, activeLinkUps: 3 },
    failed: ['capacity'],
  },
  { name: 'another site', candidate: { siteId: 'site-b' }, failed: ['site'], reason: /different site/ },
  {
    name: 'excluded pair (known to each other)',
    context: {
      exclusions: [{ seekingFamilyId: 'seek-1', sharingFamilyId: 'share-1', reason: 'known_to_each_other' }],
    },
    failed: ['exclusion'],
    reason: /know each other/,
  },
  {
    name: 'previously declined pair',
    context: { exclusions: [{ seekingFamilyId: 'seek-1', sharingFamilyId: 'share-1', reason: 'declined' }] },
    failed: ['exclusion'],
    reason: /declined before/,
  },
  {
    name: 'previously declined pair, overridden by a coach',
    context: {
      exclusions: [
        { seekingFamilyId: 'seek-1', sharingFamilyId: 'share-1', reason: 'declined', overridden: true },
      ],
    },
    failed: [],
  },
  {
    name: 'an override does not lift an "ended badly" exclusion',
    context: {
      exclusions: [
        { seekingFamilyId: 'seek-1', sharingFamilyId: 'share-1', reason: 'ended_badly', overridden: true },
      ],
    },
    failed: ['exclusion'],
  },
  {
    name: 'exclusion of another pair does not apply',
    context: { exclusions: [{ seekingFamilyId: 'seek-2', sharingFamilyId: 'share-1', reason: 'declined' }] },
    failed: [],
  },
  // today 2026-03-02 + 30 weeks = 2026-09-28
  {
    name: 'check expires before the planned end',
    candidate: { wwccExpiries: ['2029-01-01', '2026-09-27'] },
    failed: ['wwcc'],
    reason: /expires on 2026-09-27, before the planned end of the link-up \(2026-09-28\)/,
  },
  { name: 'check expires on the planned end day', candidate: { wwccExpiries: ['2026-09-28'] }, failed: [] },
  {
    name: 'check already expired',
    candidate: { wwccExpiries: ['2026-01-01'] },
    failed: ['wwcc'],
    reason: /expired on 2026-01-01/,
  },
  {
    name: 'an adult without a check',
    candidate: { wwccExpiries: ['2029-01-01', null] },
    failed: ['wwcc'],
    reason: /No current/,
  },
  { name: 'no checks at all', candidate: { wwccExpiries: [] }, failed: ['wwcc'] },
  {
    name: 'no shared language',
    seeker: { languages: ['dari'] },
    failed: ['language'],
    reason: /speaks Dari; this family speaks English/,
  },
  {
    name: 'no shared language, interpreter arranged',
    seeker: { languages: ['dari'], interpreterArranged: true },
    failed: [],
  },
  {
    name: 'one of several languages shared',
    seeker: { languages: ['dari', 'english'] },
    candidate: { languages: ['greek', 'english'] },
    failed: [],
  },
  {
    name: 'no language recorded for the Seeking family',
    seeker: { languages: [] },
    failed: ['language'],
    reason: /No language recorded for the Seeking family/,
  },
  {
    name: 'too far (Salisbury to Noarlunga, about 45 km)',
    candidate: { location: { lat: -35.14, lng: 138.495 } },
    failed: ['travel_distance'],
    reason: /About 45 km apart, beyond the 25 km travel limit/,
  },
  {
    name: 'distance unknown: no location for the Seeking family',
    seeker: { location: null },
    candidate: { location: { lat: -35.14, lng: 138.495 } },
    failed: [],
  },
  {
    name: 'distance unknown: invalid candidate coordinates',
    candidate: { location: { lat: 200, lng: 0 } },
    failed: [],
  },
  {
    name: 'avoids dogs, the family has dogs',
    seeker: { avoidances: [{ kind: 'trait', trait: 'dogs' }] },
    candidate: { householdTraits: ['cats', 'dogs'] },
    failed: ['avoidance'],
    reason: /asked to avoid dogs at home/,
  },
  {
    name: 'avoids dogs, the family has cats',
    seeker: { avoidances: [{ kind: 'trait', trait: 'dogs' }] },
    candidate: { householdTraits: ['cats'] },
    failed: [],
  },
  {
    name: 'avoids a named suburb',
    seeker: { avoidances: [{ kind: 'suburb', suburb: 'elizabeth ' }] },
    failed: ['avoidance'],
    reason: /a family from Elizabeth/,
  },
  {
    name: 'avoids its own suburb',
    seeker: { avoidances: [{ kind: 'same_suburb' }] },
    candidate: { suburb: 'SALISBURY' },
    failed: ['avoidance'],
    reason: /its own suburb/,
  },
  {
    name: 'avoids its own suburb, the family lives elsewhere',
    seeker: { avoidances: [{ kind: 'same_suburb' }] },
    failed: [],
  },
  {
    name: 'several failures are all reported, in order',
    candidate: { status: 'on_hold', siteId: 'site-b', languages: ['greek'] },
    failed: ['status', 'site', 'language'],
  },
];

describe('hard constraints', () => {
  it.each(CASES)('$name', ({ seeker, candidate, context, failed, reason }) => {
    const result = evaluateMatch(makeSeeker(seeker), makeCandidate(candidate), fixtureContext(context));
    expect(result.failures.map((failure) => failure.key)).toEqual(failed);
    expect(result.eligible).toBe(failed.length === 0);
    expect(result.explanation === null).toBe(failed.length > 0);
    if (reason !== undefined)
      expect(result.failures.map((failure) => failure.reason).join(' | ')).toMatch(reason);
  });

  it('uses the planned link-up length from the settings', () => {
    const candidate = makeCandidate({ wwccExpiries: ['2026-05-01'] });
    const short = resolveMatchingSettings({ plannedLinkUpWeeks: 8 });
    expect(evaluateMatch(makeSeeker(), candidate, fixtureContext()).eligible).toBe(false);
    expect(evaluateMatch(makeSeeker(), candidate, fixtureContext({ settings: short })).eligible).toBe(true);
  });

  it('has no travel limit when maxTravelKm is null', () => {
    const far = makeCandidate({ location: { lat: -35.14, lng: 138.495 } });
    const settings = resolveMatchingSettings({ maxTravelKm: null });
    expect(evaluateMatch(makeSeeker(), far, fixtureContext({ settings })).eligible).toBe(true);
  });

  it('warns when a constraint could not be checked for lack of data', () => {
    const result = evaluateMatch(
      makeSeeker({ location: null, avoidances: [{ kind: 'trait', trait: 'smoking' }] }),
      makeCandidate({ householdTraits: null }),
      fixtureContext(),
    );
    expect(result.eligible).toBe(true);
    expect(result.explanation?.cautions).toEqual([
      'Travel distance not checked: the Seeking family has no recorded location',
      "Could not check the Seeking family's avoidances: household details not recorded for this family",
    ]);
  });
});
