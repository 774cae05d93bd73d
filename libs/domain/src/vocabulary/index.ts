export {
  DEFAULT_GOAL_THEME_STRENGTHS,
  DEFAULT_VOCABULARIES,
  createLabeller,
  humaniseKey,
  unknownVocabularyKeys,
  vocabularyKeys,
} from './default-vocabularies';
export type { Vocabularies, Vocabulary, VocabularyTerm } from './default-vocabularies';
