/**
 * Controlled vocabularies the programme uses by default. Families are described with these keys
 * (stable, snake_case) and every screen shows the label. A programme can replace any list through
 * its settings; the matching engine only needs the keys to agree on both sides of a pair.
 */
export interface VocabularyTerm {
  readonly key: string;
  readonly label: string;
}

export type Vocabulary = readonly VocabularyTerm[];

export interface Vocabularies {
  readonly languages: Vocabulary;
  readonly goalThemes: Vocabulary;
  readonly strengths: Vocabulary;
  readonly interests: Vocabulary;
  readonly lifeExperiences: Vocabulary;
  readonly availabilitySlots: Vocabulary;
  /** Ordered youngest to oldest: neighbouring bands count as "close in age". */
  readonly ageBands: Vocabulary;
  /** Facts about a household a Seeking family may ask to avoid (pets, smoking...). */
  readonly householdTraits: Vocabulary;
}

const terms = (pairs: ReadonlyArray<readonly [string, string]>): Vocabulary =>
  Object.freeze(pairs.map(([key, label]) => Object.freeze({ key, label })));

export const DEFAULT_VOCABULARIES: Vocabularies = Object.freeze({
  languages: terms([
    ['english', 'English'],
    ['arabic', 'Arabic'],
    ['vietnamese', 'Vietnamese'],
    ['mandarin', 'Mandarin'],
    ['cantonese', 'Cantonese'],
    ['greek', 'Greek'],
    ['italian', 'Italian'],
    ['dari', 'Dari'],
    ['persian', 'Persian'],
    ['hazaragi', 'Hazaragi'],
    ['punjabi', 'Punjabi'],
    ['hindi', 'Hindi'],
    ['nepali', 'Nepali'],
    ['swahili', 'Swahili'],
    ['dinka', 'Dinka'],
    ['somali', 'Somali'],
    ['tagalog', 'Tagalog'],
    ['spanish', 'Spanish'],
    ['pitjantjatjara', 'Pitjantjatjara'],
    ['auslan', 'Auslan'],
  ]),
  goalThemes: terms([
    ['routines', 'Daily routines'],
    ['parenting_confidence', 'Confidence as a parent'],
    ['child_behaviour', "Children's behaviour"],
    ['social_connection', 'Friends and social connection'],
    ['school_engagement', 'School and learning'],
    ['health_wellbeing', 'Health and wellbeing'],
    ['money_management', 'Managing money'],
    ['housing', 'Housing'],
    ['family_relationships', 'Family relationships'],
    ['community_services', 'Using community services'],
    ['self_care', 'Looking after myself'],
    ['fun_together', 'Having fun together'],
  ]),
  strengths: terms([
    ['routines_and_structure', 'Routines and structure'],
    ['calm_parenting', 'Calm, confident parenting'],
    ['managing_behaviour', 'Managing tricky behaviour'],
    ['making_friends', 'Making friends and connections'],
    ['school_liaison', 'Working with schools'],
    ['healthy_habits', 'Healthy habits'],
    ['budgeting', 'Budgeting'],
    ['cooking_on_a_budget', 'Cooking on a budget'],
    ['housing_know_how', 'Housing know-how'],
    ['repairing_relationships', 'Repairing relationships'],
    ['navigating_services', 'Navigating services'],
    ['self_care_practices', 'Self-care'],
    ['play_and_activities', 'Play and activities'],
  ]),
  interests: terms([
    ['parks_outdoors', 'Parks and the outdoors'],
    ['beach', 'The beach'],
    ['cooking', 'Cooking'],
    ['sport', 'Sport'],
    ['arts_crafts', 'Arts and crafts'],
    ['music', 'Music'],
    ['reading_library', 'Reading and the library'],
    ['gardening', 'Gardening'],
    ['animals', 'Animals'],
    ['faith_community', 'Faith community'],
    ['games', 'Board and video games'],
    ['swimming', 'Swimming'],
    ['bike_riding', 'Bike riding'],
    ['markets', 'Markets'],
  ]),
  lifeExperiences: terms([
    ['single_parenting', 'Single parenting'],
    ['separation', 'Separation or divorce'],
    ['family_violence', 'Family violence'],
    ['mental_health', 'Mental health challenges'],
    ['disability', 'Disability in the family'],
    ['migration', 'Migration or refugee journey'],
    ['grief_loss', 'Grief and loss'],
    ['financial_hardship', 'Financial hardship'],
    ['housing_insecurity', 'Housing insecurity'],
    ['child_protection', 'Child protection involvement'],
    ['blended_family', 'Blended family'],
    ['young_parent', 'Young parent'],
    ['chronic_illness', 'Chronic illness'],
    ['addiction_recovery', 'Recovery from addiction'],
    ['kinship_care', 'Kinship care'],
  ]),
  availabilitySlots: terms([
    ['weekday_morning', 'Weekday mornings'],
    ['weekday_afternoon', 'Weekday afternoons'],
    ['weekday_evening', 'Weekday evenings'],
    ['saturday_morning', 'Saturday mornings'],
    ['saturday_afternoon', 'Saturday afternoons'],
    ['sunday_morning', 'Sunday mornings'],
    ['sunday_afternoon', 'Sunday afternoons'],
    ['school_holidays', 'School holidays'],
  ]),
  ageBands: terms([
    ['age_0_4', 'under 5'],
    ['age_5_9', '5 to 9'],
    ['age_10_14', '10 to 14'],
    ['age_15_17', '15 to 17'],
    ['age_18_plus', '18 and over'],
  ]),
  householdTraits: terms([
    ['dogs', 'Dogs at home'],
    ['cats', 'Cats at home'],
    ['smoking', 'Someone smokes at home'],
    ['large_household', 'A large household (6 or more people)'],
    ['teenagers', 'Teenagers at home'],
  ]),
});

/**
 * Which Sharing strengths speak to each Seeking goal theme. A goal theme is "covered" by a Sharing
 * family that has at least one of the strengths listed for it.
 */
export const DEFAULT_GOAL_THEME_STRENGTHS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  routines: ['routines_and_structure'],
  parenting_confidence: ['calm_parenting', 'managing_behaviour'],
  child_behaviour: ['managing_behaviour', 'calm_parenting'],
  social_connection: ['making_friends', 'play_and_activities'],
  school_engagement: ['school_liaison', 'routines_and_structure'],
  health_wellbeing: ['healthy_habits', 'self_care_practices'],
  money_management: ['budgeting', 'cooking_on_a_budget'],
  housing: ['housing_know_how', 'navigating_services'],
  family_relationships: ['repairing_relationships', 'calm_parenting'],
  community_services: ['navigating_services', 'making_friends'],
  self_care: ['self_care_practices', 'healthy_habits'],
  fun_together: ['play_and_activities', 'cooking_on_a_budget'],
});

/** The keys of a vocabulary, in order. */
export function vocabularyKeys(vocabulary: Vocabulary): string[] {
  return vocabulary.map((term) => term.key);
}

/**
 * A label lookup for one vocabulary. Unknown keys fall back to a readable form of the key, so an
 * explanation never shows a blank.
 */
export function createLabeller(vocabulary: Vocabulary): (key: string) => string {
  const labels = new Map(vocabulary.map((term) => [term.key, term.label]));
  return (key) => labels.get(key) ?? humaniseKey(key);
}

export function humaniseKey(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words.length === 0 ? key : words.charAt(0).toUpperCase() + words.slice(1);
}

/** Keys that a list uses but the vocabulary does not know, for validating family input. */
export function unknownVocabularyKeys(vocabulary: Vocabulary, keys: readonly string[]): string[] {
  const known = new Set(vocabularyKeys(vocabulary));
  return keys.filter((key) => !known.has(key));
}
