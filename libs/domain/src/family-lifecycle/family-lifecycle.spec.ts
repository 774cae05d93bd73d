import {
  adultsWithoutCurrentCheck,
  evaluateSharingApprovalGuards,
  needsHoldForChecks,
  planFamilyStatusChange,
  waitingSinceAfter,
  type SharingApprovalFacts,
} from './family-lifecycle';

const TODAY = '2026-11-21';
const allMet: SharingApprovalFacts = {
  trainingCompleted: true,
  adults: [
    { personId: 'p1', wwccNumber: 'WWC1', wwccExpiresOn: '2028-01-01' },
    { personId: 'p2', wwccNumber: 'WWC2', wwccExpiresOn: TODAY },
  ],
  participationConsent: true,
  coachSignedOff: true,
  today: TODAY,
};

describe('family lifecycle', () => {
  it.each([
    ['seeking', 'referred', 'intake', true],
    ['seeking', 'intake', 'choosing', true],
    ['seeking', 'choosing', 'waitlisted', true],
    ['seeking', 'waitlisted', 'choosing', true],
    ['seeking', 'linked', 'completed', true],
    ['seeking', 'referred', 'withdrawn', true],
    ['seeking', 'withdrawn', 'referred', true],
    ['seeking', 'referred', 'completed', false],
    ['seeking', 'completed', 'intake', false],
    ['sharing', 'enquiry', 'in_training', true],
    ['sharing', 'approved', 'on_hold', true],
    ['sharing', 'in_training', 'exited', true],
    ['sharing', 'enquiry', 'approved', false],
    ['sharing', 'exited', 'approved', false],
  ] as const)('%s: %s → %s allowed: %s', (kind, from, to, allowed) => {
    const plan = planFamilyStatusChange(kind, from, to, allMet);
    expect(plan.ok).toBe(allowed);
    if (!allowed) expect(plan).toMatchObject({ reason: 'not_allowed' });
  });

  it.each([
    ['seeking', 'choosing', 'linked', 'set_by_choice'],
    ['seeking', 'intake', 'intake', 'same_status'],
    ['seeking', 'intake', 'approved', 'unknown_status'],
    ['sharing', 'enquiry', 'choosing', 'unknown_status'],
  ] as const)('%s: %s → %s is refused (%s)', (kind, from, to, reason) => {
    expect(planFamilyStatusChange(kind, from, to, allMet)).toEqual({ ok: false, reason });
  });

  it('approves a Sharing family that meets every guard (a check expiring today is still current)', () => {
    expect(planFamilyStatusChange('sharing', 'in_training', 'approved', allMet)).toEqual({
      ok: true,
      guarded: true,
    });
    expect(planFamilyStatusChange('sharing', 'on_hold', 'approved', allMet)).toEqual({
      ok: true,
      guarded: true,
    });
  });

  it.each([
    ['TRAINING_COMPLETED', { trainingCompleted: false }],
    ['PARTICIPATION_CONSENT', { participationConsent: false }],
    ['COACH_SIGN_OFF', { coachSignedOff: false }],
    ['WWCC_CURRENT_FOR_EVERY_ADULT', { adults: [] }],
    [
      'WWCC_CURRENT_FOR_EVERY_ADULT',
      { adults: [{ personId: 'p1', wwccNumber: 'WWC1', wwccExpiresOn: '2026-11-20' }] },
    ],
    [
      'WWCC_CURRENT_FOR_EVERY_ADULT',
      { adults: [{ personId: 'p1', wwccNumber: null, wwccExpiresOn: '2030-01-01' }] },
    ],
    [
      'WWCC_CURRENT_FOR_EVERY_ADULT',
      { adults: [{ personId: 'p1', wwccNumber: 'WWC1', wwccExpiresOn: null }] },
    ],
  ] as const)('reports %s by name when it is unmet', (guard, change) => {
    const plan = planFamilyStatusChange('sharing', 'in_training', 'approved', { ...allMet, ...change });
    expect(plan.ok).toBe(false);
    if (plan.ok || plan.reason !== 'guards_unmet') throw new Error('expected guards_unmet');
    expect(plan.unmet.map((u) => u.guard)).toEqual([guard]);
  });

  it('reports every unmet guard at once, and names the adults without a current check', () => {
    const results = evaluateSharingApprovalGuards({
      trainingCompleted: false,
      participationConsent: false,
      coachSignedOff: false,
      adults: [
        { personId: 'ok', wwccNumber: 'WWC1', wwccExpiresOn: '2030-01-01' },
        { personId: 'expired', wwccNumber: 'WWC2', wwccExpiresOn: '2020-01-01' },
      ],
      today: TODAY,
    });
    expect(results.filter((r) => !r.met).map((r) => r.guard)).toEqual([
      'TRAINING_COMPLETED',
      'WWCC_CURRENT_FOR_EVERY_ADULT',
      'PARTICIPATION_CONSENT',
      'COACH_SIGN_OFF',
    ]);
    expect(results[1]).toMatchObject({ personIds: ['expired'] });
  });

  it('puts an approved family with an expired or missing check on hold, and nothing else', () => {
    const expired = [{ personId: 'p', wwccNumber: 'W', wwccExpiresOn: '2026-11-20' }];
    const current = [{ personId: 'p', wwccNumber: 'W', wwccExpiresOn: '2026-11-21' }];
    expect(needsHoldForChecks('approved', expired, TODAY)).toBe(true);
    expect(needsHoldForChecks('approved', [], TODAY)).toBe(true);
    expect(needsHoldForChecks('approved', current, TODAY)).toBe(false);
    expect(needsHoldForChecks('on_hold', expired, TODAY)).toBe(false);
    expect(adultsWithoutCurrentCheck([...expired, { ...current[0], personId: 'q' }], TODAY)).toEqual(['p']);
  });

  it('starts the waiting clock when a family starts waiting and stops it when it stops', () => {
    const now = new Date('2026-11-21T10:00:00Z');
    const earlier = new Date('2026-10-01T00:00:00Z');
    expect(waitingSinceAfter('choosing', null, now)).toBe(now);
    expect(waitingSinceAfter('waitlisted', earlier, now)).toBe(earlier);
    expect(waitingSinceAfter('intake', earlier, now)).toBe(earlier);
    expect(waitingSinceAfter('linked', earlier, now)).toBeNull();
    expect(waitingSinceAfter('withdrawn', earlier, now)).toBeNull();
  });
});
