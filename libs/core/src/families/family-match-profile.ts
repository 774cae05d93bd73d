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

/** One row of the bulk candidate query (FamiliesService.loadMatchCandidates), live link-ups added. */
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

/**
 * Sharing families with what the hard constraints need: each adult's check expiry (null without a
 * number or a date) and whether participation consent is current (the live link-ups holding a place
 * are counted by link-ups, through `FamilyLinkUps`).
 */
const MATCH_CANDIDATE_SELECT = `
  SELECT f.id, f.site_id, f.status, f.display_name, f.max_concurrent_link_ups,
         f.languages, f.suburb, f.latitude, f.longitude, f.life_experiences, f.strengths,
         f.interests, f.children_age_bands, f.availability_slots, f.household_traits,
         COALESCE((SELECT array_agg(CASE WHEN p.wwcc_number IS NULL THEN NULL
                                         ELSE to_char(p.wwcc_expires_on, 'YYYY-MM-DD') END)
                     FROM people p WHERE p.family_id = f.id AND p.role = 'adult'), '{}') AS wwcc_expiries,
         EXISTS (SELECT 1 FROM consents c WHERE c.family_id = f.id AND c.kind = 'participation'
                   AND c.withdrawn_at IS NULL) AS participation_consent
    FROM families f`;

/** The Sharing families of site `$1` that matching considers (approved, or on hold to say why not). */
export const MATCH_CANDIDATES_SQL = `${MATCH_CANDIDATE_SELECT}
   WHERE f.site_id = $1 AND f.kind = 'sharing' AND f.status IN ('approved', 'on_hold')`;

/** The Sharing families with ids `$1` (any status). */
export const MATCH_CANDIDATES_BY_ID_SQL = `${MATCH_CANDIDATE_SELECT}
   WHERE f.id = ANY($1::uuid[]) AND f.kind = 'sharing'`;
