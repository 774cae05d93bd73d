import { unknownVocabularyKeys, type ProgrammeSettings, type Vocabularies } from '@app/domain';
import type { FieldProblem } from '../errors';
import type { FamilyAvoidance, FamilyKind } from './family.types';

/** The descriptive fields of a family, as registered or changed (each optional on a change). */
export interface FamilyProfileInput {
  readonly languages?: readonly string[];
  readonly interests?: readonly string[] | null;
  readonly lifeExperiences?: readonly string[] | null;
  readonly goalThemes?: readonly string[] | null;
  readonly strengths?: readonly string[] | null;
  readonly availabilitySlots?: readonly string[] | null;
  readonly childrenAgeBands?: readonly string[] | null;
  readonly householdTraits?: readonly string[] | null;
  readonly avoidances?: readonly FamilyAvoidance[];
  readonly maxConcurrentLinkUps?: number;
  readonly latitude?: number | null;
  readonly longitude?: number | null;
}

const LISTS: readonly [keyof FamilyProfileInput, keyof Vocabularies][] = [
  ['languages', 'languages'],
  ['interests', 'interests'],
  ['lifeExperiences', 'lifeExperiences'],
  ['goalThemes', 'goalThemes'],
  ['strengths', 'strengths'],
  ['availabilitySlots', 'availabilitySlots'],
  ['childrenAgeBands', 'ageBands'],
  ['householdTraits', 'householdTraits'],
];

const SEEKING_ONLY: readonly (keyof FamilyProfileInput)[] = ['goalThemes', 'avoidances'];
const SHARING_ONLY: readonly (keyof FamilyProfileInput)[] = ['strengths', 'householdTraits'];

const isGiven = (value: unknown): boolean =>
  value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);

/**
 * What the programme settings say about a family's profile: every list uses keys of the current
 * vocabularies, fields belong to the family's kind, capacity within the programme cap. One problem
 * per field, naming the bad values.
 */
export function familyProfileProblems(
  kind: FamilyKind,
  input: FamilyProfileInput,
  settings: ProgrammeSettings,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [field, vocabulary] of LISTS) {
    const value = input[field] as readonly string[] | null | undefined;
    if (value === undefined || value === null) continue;
    const unknown = unknownVocabularyKeys(settings.vocabularies[vocabulary], value);
    if (unknown.length > 0) {
      problems.push({
        field,
        problems: [`${field} has values the programme does not know: ${[...new Set(unknown)].join(', ')}`],
      });
    }
  }
  for (const field of kind === 'seeking' ? SHARING_ONLY : SEEKING_ONLY) {
    if (isGiven(input[field])) {
      problems.push({
        field,
        problems: [`${field} is only for ${kind === 'seeking' ? 'Sharing' : 'Seeking'} families`],
      });
    }
  }
  const capacity = input.maxConcurrentLinkUps;
  if (capacity !== undefined) {
    const cap = Math.min(3, settings.matching.maxConcurrentLinkUpsCap);
    if (kind === 'seeking' && capacity !== 1) {
      problems.push({
        field: 'maxConcurrentLinkUps',
        problems: ['maxConcurrentLinkUps is only for Sharing families'],
      });
    } else if (!Number.isInteger(capacity) || capacity < 1 || capacity > cap) {
      problems.push({
        field: 'maxConcurrentLinkUps',
        problems: [`maxConcurrentLinkUps must be from 1 to ${cap}`],
      });
    }
  }
  // A location is both coordinates or neither: half a point would silently skip the travel limit.
  const missingCoordinate = halfLocation(input.latitude, input.longitude);
  if (missingCoordinate !== null) {
    const other = missingCoordinate === 'latitude' ? 'longitude' : 'latitude';
    problems.push({
      field: missingCoordinate,
      problems: [`${missingCoordinate} must be given with ${other} (both or neither)`],
    });
  }
  if ((input.avoidances ?? []).some((a) => a.kind === 'same_suburb' && a.value !== undefined)) {
    problems.push({
      field: 'avoidances',
      problems: ['avoidances of kind same_suburb take no value'],
    });
  }
  const traits = (input.avoidances ?? []).filter((a) => a.kind === 'trait').map((a) => a.value ?? '');
  const unknownTraits = unknownVocabularyKeys(settings.vocabularies.householdTraits, traits);
  if (unknownTraits.length > 0) {
    problems.push({
      field: 'avoidances',
      problems: [`avoidances name household traits the programme does not know: ${unknownTraits.join(', ')}`],
    });
  }
  return problems;
}

/** The coordinate missing from a half-given location (given means present, null included), or null. */
function halfLocation(
  latitude: number | null | undefined,
  longitude: number | null | undefined,
): 'latitude' | 'longitude' | null {
  const latitudeKnown = latitude !== undefined && latitude !== null;
  const longitudeKnown = longitude !== undefined && longitude !== null;
  if (latitudeKnown !== longitudeKnown) return latitudeKnown ? 'longitude' : 'latitude';
  if ((latitude === undefined) !== (longitude === undefined))
    return latitude === undefined ? 'latitude' : 'longitude';
  return null;
}

/** A person's language and age band must be vocabulary keys too. */
export function personProblems(
  input: { language?: string | null; ageBand?: string | null },
  settings: ProgrammeSettings,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (
    input.language !== undefined &&
    input.language !== null &&
    unknownVocabularyKeys(settings.vocabularies.languages, [input.language]).length > 0
  ) {
    problems.push({
      field: 'language',
      problems: [`language ${input.language} is not a language of the programme`],
    });
  }
  if (
    input.ageBand !== undefined &&
    input.ageBand !== null &&
    unknownVocabularyKeys(settings.vocabularies.ageBands, [input.ageBand]).length > 0
  ) {
    problems.push({
      field: 'ageBand',
      problems: [`ageBand ${input.ageBand} is not an age band of the programme`],
    });
  }
  return problems;
}
