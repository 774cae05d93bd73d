import type { MatchAvoidance, MatchCandidate, MatchSeeker, SharingFamilyStatus } from '@app/domain';
import type { Family } from './family.entity';
import type { FamilyAvoidance } from './family.types';

/** A stored avoidance in the matching engine's terms (unknown shapes are dropped). */
export function toMatchAvoidance(avoidance: FamilyAvoidance): MatchAvoidance | null {
  switch (avoidance.kind) {
    case 'trait':
      return avoidance.value === undefined ? null : { kind: 'trait', trait: avoidance.value };
    case 'suburb':
      return avoidance.value === undefined ? null : { kind: 'suburb', suburb: avoidance.value };
    case 'same_suburb':
      return { kind: 'same_suburb' };
  }
}

const point = (family: { latitude: number | null; longitude: number | null }) =>
  family.latitude === null || family.longitude === null
    ? null
    : { lat: family.latitude, lng: family.longitude };

/** A Seeking family as the matching engine sees it: no names, only what matching reads. */
export function toMatchSeeker(family: Family): MatchSeeker {
  return {
    id: family.id,
    siteId: family.siteId,
    languages: family.languages,
    interpreterArranged: family.interpreterArranged,
    suburb: family.suburb,
    location: point(family),
    lifeExperiences: family.lifeExperiences,
    goalThemes: family.goalThemes,
    interests: family.interests,
    childrenAgeBands: family.childrenAgeBands,
    availabilitySlots: family.availabilitySlots,
    avoidances: family.avoidances.map(toMatchAvoidance).filter((a): a is MatchAvoidance => a !== null),
    waitingSince: family.waitingSince?.toISOString().slice(0, 10) ?? null,
  };
}

/** One row of the bulk candidate query (FamilyMatchCandidates.loadMatchCandidates), live link-ups added. */
export interface MatchCandidateRow {
  readonly id: string;
  readonly site_id: string;
  readonly status: string;
  readonly display_name: string;
  readonly max_concurrent_link_ups: number;
  readonly live_link_ups: number;
  readonly participation_consent: boolean;
  readonly wwcc_expiries: (string | null)[];
  readonly languages: string[];
  readonly suburb: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly life_experiences: string[] | null;
  readonly strengths: string[] | null;
  readonly interests: string[] | null;
  readonly children_age_bands: string[] | null;
  readonly availability_slots: string[] | null;
  readonly household_traits: string[] | null;
}

/** A candidate row as the families tables give it: the live link-ups are link-ups' to count. */
export type MatchCandidateRowOfFamilies = Omit<MatchCandidateRow, 'live_link_ups'>;

export function rowToMatchCandidate(row: MatchCandidateRow): MatchCandidate {
  return {
    id: row.id,
    siteId: row.site_id,
    status: row.status as SharingFamilyStatus,
    maxConcurrentLinkUps: row.max_concurrent_link_ups,
    activeLinkUps: row.live_link_ups,
    wwccExpiries: row.wwcc_expiries,
    participationConsent: row.participation_consent,
    languages: row.languages,
    suburb: row.suburb,
    location: point(row),
    lifeExperiences: row.life_experiences,
    strengths: row.strengths,
    interests: row.interests,
    childrenAgeBands: row.children_age_bands,
    availabilitySlots: row.availability_slots,
    householdTraits: row.household_traits,
  };
}
