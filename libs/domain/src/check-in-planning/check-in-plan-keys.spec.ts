import {
  cadencePlanKey,
  closurePlanKey,
  FIRST_CONTACT_PLAN_KEY,
  parsePlanKey,
  resumePlanKey,
  stageChangePlanKey,
} from './check-in-plan-keys';

const AT = new Date('2026-03-02T10:00:00.000Z');

describe('plan keys', () => {
  it.each([
    [FIRST_CONTACT_PLAN_KEY, 'first-contact', { kind: 'first_contact' }],
    [
      stageChangePlanKey('doing_with', AT),
      'stage:doing_with:2026-03-02T10:00:00.000Z',
      { kind: 'stage_change', stage: 'doing_with', segmentStart: AT },
    ],
    [resumePlanKey(AT), 'resume:2026-03-02T10:00:00.000Z', { kind: 'resume', segmentStart: AT }],
    [
      cadencePlanKey('seeking', 'relationship_building', AT, 12),
      'cadence:seeking:relationship_building:2026-03-02T10:00:00.000Z:12',
      { kind: 'cadence', party: 'seeking', stage: 'relationship_building', segmentStart: AT, occurrence: 12 },
    ],
    [closurePlanKey(AT), 'closure:2026-03-02T10:00:00.000Z', { kind: 'closure', segmentStart: AT }],
  ])('%s is %s and parses back', (key, literal, parsed) => {
    expect(key).toBe(literal);
    expect(parsePlanKey(key)).toEqual(parsed);
  });

  it.each([
    '',
    'first-contact ',
    'stage:doing_lots:2026-03-02T10:00:00.000Z',
    'stage:doing_with:2026-03-02',
    'stage:doing_with:2026-02-30T10:00:00.000Z',
    'resume:yesterday',
    'cadence:both:doing_with:2026-03-02T10:00:00.000Z:1',
    'cadence:sharing:doing_with:2026-03-02T10:00:00.000Z:0',
    'cadence:sharing:doing_with:2026-03-02T10:00:00.000Z:01',
    'cadence:sharing:doing_with:2026-03-02T10:00:00.000Z',
    'closure',
    'adhoc:123',
  ])('%j is not a plan key', (key) => {
    expect(parsePlanKey(key)).toBeNull();
  });
});
