import { hasEvaluationConsent } from './evaluation-consent';

const at = new Date('2025-06-01T00:00:00Z');
const d = (iso: string): Date => new Date(iso);

describe('hasEvaluationConsent', () => {
  it.each([
    ['no consents at all', [], false],
    [
      'evaluation consent granted earlier',
      [{ kind: 'evaluation_use', grantedAt: d('2025-01-01'), withdrawnAt: null }],
      true,
    ],
    ['granted at that very moment', [{ kind: 'evaluation_use', grantedAt: at, withdrawnAt: null }], true],
    [
      'granted only later',
      [{ kind: 'evaluation_use', grantedAt: d('2025-07-01'), withdrawnAt: null }],
      false,
    ],
    [
      'withdrawn before',
      [{ kind: 'evaluation_use', grantedAt: d('2025-01-01'), withdrawnAt: d('2025-05-01') }],
      false,
    ],
    [
      'withdrawn at that moment',
      [{ kind: 'evaluation_use', grantedAt: d('2025-01-01'), withdrawnAt: at }],
      false,
    ],
    [
      'withdrawn only later',
      [{ kind: 'evaluation_use', grantedAt: d('2025-01-01'), withdrawnAt: d('2025-07-01') }],
      true,
    ],
    [
      'withdrawn, then granted again',
      [
        { kind: 'evaluation_use', grantedAt: d('2024-01-01'), withdrawnAt: d('2024-06-01') },
        { kind: 'evaluation_use', grantedAt: d('2025-02-01'), withdrawnAt: null },
      ],
      true,
    ],
    [
      'only other kinds of consent',
      [
        { kind: 'participation', grantedAt: d('2025-01-01'), withdrawnAt: null },
        { kind: 'share_with_partner_family', grantedAt: d('2025-01-01'), withdrawnAt: null },
      ],
      false,
    ],
  ])('%s: %p', (_case, consents, expected) => {
    expect(hasEvaluationConsent(consents, at)).toBe(expected);
  });

  it('rejects an invalid date', () => {
    expect(() => hasEvaluationConsent([], new Date('nonsense'))).toThrow(new RangeError('invalid date'));
  });
});
