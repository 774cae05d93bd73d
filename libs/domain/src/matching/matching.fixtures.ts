import type { MatchCandidate, MatchContext, MatchSeeker } from './matching.types';

/** Builders for tests: a valid, eligible pair by default; override what a case is about. */
export const FIXTURE_TODAY = '2026-03-02';

export const fixtureContext = (overrides: Partial<MatchContext> = {}): MatchContext => ({
  today: FIXTURE_TODAY,
  ...overrides,
});

export function makeSeeker(overrides: Partial<MatchSeeker> = {}): MatchSeeker {
  return {
    id: 'seek-1',
    siteId: 'site-a',
    languages: ['english'],
    interpreterArranged: false,
    suburb: 'Salisbury',
    location: { lat: -34.758, lng: 138.642 },
    lifeExperiences: ['single_parenting', 'financial_hardship'],
    goalThemes: ['routines', 'money_management'],
    interests: ['parks_outdoors', 'cooking'],
    childrenAgeBands: ['age_5_9'],
    availabilitySlots: ['saturday_morning', 'weekday_evening'],
    avoidances: [],
    waitingSince: '2026-01-05',
    ...overrides,
  };
}

export function makeCandidate(overrides: Partial<MatchCandidate> = {}): MatchCandidate {
  return {
    id: 'share-1',
    siteId: 'site-a',
    status: 'approved',
    maxConcurrentLinkUps: 1,
    activeLinkUps: 0,
    wwccExpiries: ['2029-01-01'],
    languages: ['english'],
    suburb: 'Elizabeth',
    location: { lat: -34.712, lng: 138.67 },
    lifeExperiences: ['single_parenting', 'financial_hardship'],
    strengths: ['routines_and_structure', 'budgeting'],
    interests: ['parks_outdoors', 'cooking'],
    childrenAgeBands: ['age_5_9'],
    availabilitySlots: ['saturday_morning', 'weekday_evening'],
    householdTraits: [],
    ...overrides,
  };
}
