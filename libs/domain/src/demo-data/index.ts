export { ADELAIDE_SUBURBS } from './adelaide-suburbs';
export type { DemoSuburb } from './adelaide-suburbs';
export {
  demoFamilyToMatchCandidate,
  demoFamilyToMatchSeeker,
  generateDemoFamilies,
} from './demo-family-generator';
export type {
  DemoAdult,
  DemoChild,
  DemoData,
  DemoDataOptions,
  DemoFamily,
  DemoSeekingStatus,
} from './demo-family-generator';
export { createSeededRandom } from './seeded-random';
export type { SeededRandom } from './seeded-random';
export { createMatchingBenchmarkScenario } from './matching-scenario';
export type { MatchingBenchmarkOptions, MatchingBenchmarkScenario } from './matching-scenario';
