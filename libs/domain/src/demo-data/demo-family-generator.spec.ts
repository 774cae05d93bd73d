import { DEFAULT_VOCABULARIES, unknownVocabularyKeys } from '../vocabulary';
import { ADELAIDE_SUBURBS } from './adelaide-suburbs';
import {
  demoFamilyToMatchCandidate,
  demoFamilyToMatchSeeker,
  generateDemoFamilies,
} from './demo-family-generator';
import { createSeededRandom } from './seeded-random';

const options = { seed: 7, siteId: 'site-demo', seekingCount: 60, sharingCount: 40, today: '2026-03-02' };

describe('createSeededRandom', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = createSeededRandom(1);
    const b = createSeededRandom(1);
    const c = createSeededRandom(2);
    const first = [a.next(), a.next(), a.next()];
    expect([b.next(), b.next(), b.next()]).toEqual(first);
    expect(c.next()).not.toBe(first[0]);
  });

  it.each([
    [
      'int stays in range',
      (r: ReturnType<typeof createSeededRandom>) => r.int(3, 5),
      (v: number) => v >= 3 && v <= 5 && Number.isInteger(v),
    ],
    [
      'next is in [0, 1)',
      (r: ReturnType<typeof createSeededRandom>) => r.next(),
      (v: number) => v >= 0 && v < 1,
    ],
  ])('%s', (_name, draw, ok) => {
    const random = createSeededRandom(99);
    for (let i = 0; i < 1000; i++) expect(ok(draw(random))).toBe(true);
  });

  it('samples distinct items and makes uuid-shaped ids', () => {
    const random = createSeededRandom(5);
    const sample = random.sample(['a', 'b', 'c', 'd'], 3);
    expect(new Set(sample).size).toBe(3);
    expect(random.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('generateDemoFamilies', () => {
  const data = generateDemoFamilies(options);

  it('is deterministic for a seed', () => {
    expect(generateDemoFamilies(options)).toEqual(data);
    expect(generateDemoFamilies({ ...options, seed: 8 }).seeking[0].id).not.toBe(data.seeking[0].id);
  });

  it('makes the requested families with unique ids at the site', () => {
    expect(data.seeking).toHaveLength(60);
    expect(data.sharing).toHaveLength(40);
    const ids = [...data.seeking, ...data.sharing].map((family) => family.id);
    expect(new Set(ids).size).toBe(100);
    expect([...data.seeking, ...data.sharing].every((family) => family.siteId === 'site-demo')).toBe(true);
  });

  it('uses real suburbs, the default vocabularies and valid ranges', () => {
    const postcodes = new Map(ADELAIDE_SUBURBS.map((s) => [s.name, s.postcode]));
    for (const family of [...data.seeking, ...data.sharing]) {
      expect(postcodes.get(family.suburb)).toBe(family.postcode);
      if (family.location !== null) {
        expect(family.location.lat).toBeGreaterThan(-35.3);
        expect(family.location.lat).toBeLessThan(-34.5);
      }
      expect(unknownVocabularyKeys(DEFAULT_VOCABULARIES.languages, family.languages)).toEqual([]);
      expect(unknownVocabularyKeys(DEFAULT_VOCABULARIES.ageBands, family.childrenAgeBands)).toEqual([]);
      expect(unknownVocabularyKeys(DEFAULT_VOCABULARIES.interests, family.interests ?? [])).toEqual([]);
      expect(unknownVocabularyKeys(DEFAULT_VOCABULARIES.goalThemes, family.goalThemes)).toEqual([]);
      expect(unknownVocabularyKeys(DEFAULT_VOCABULARIES.strengths, family.strengths)).toEqual([]);
      expect(family.children.length).toBeGreaterThan(0);
      expect(family.displayName.length).toBeGreaterThan(0);
    }
    for (const family of data.sharing) {
      expect(family.maxConcurrentLinkUps).toBeGreaterThanOrEqual(1);
      expect(family.maxConcurrentLinkUps).toBeLessThanOrEqual(3);
      expect(family.activeLinkUps).toBeLessThanOrEqual(family.maxConcurrentLinkUps ?? 1);
      expect(family.adults.every((adult) => /^\d{4}-\d{2}-\d{2}$/.test(adult.wwccExpiry ?? ''))).toBe(true);
    }
    // Realistic mix: some unknown data and some families not speaking English.
    expect(data.seeking.some((family) => !family.languages.includes('english'))).toBe(true);
  });

  it('can make a benchmark-style site: every Sharing family available with a fixed capacity', () => {
    const bench = generateDemoFamilies({ ...options, sharingCapacity: 2 });
    expect(
      bench.sharing.every(
        (f) => f.status === 'approved' && f.maxConcurrentLinkUps === 2 && f.activeLinkUps === 0,
      ),
    ).toBe(true);
  });

  it('converts to the matching engine inputs', () => {
    const seeker = demoFamilyToMatchSeeker(data.seeking[0]);
    const candidate = demoFamilyToMatchCandidate(data.sharing[0]);
    expect(seeker).toMatchObject({
      id: data.seeking[0].id,
      siteId: 'site-demo',
      waitingSince: data.seeking[0].waitingSince,
    });
    expect(candidate.wwccExpiries).toEqual(data.sharing[0].adults.map((adult) => adult.wwccExpiry));
    expect(candidate.maxConcurrentLinkUps).toBe(data.sharing[0].maxConcurrentLinkUps);
  });

  it('rejects a bad date', () => {
    expect(() => generateDemoFamilies({ ...options, today: 'soon' })).toThrow(/ISO date/);
  });
});
