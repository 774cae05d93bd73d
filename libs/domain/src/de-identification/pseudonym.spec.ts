import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { PSEUDONYM_PATTERN, isPseudonym, pseudonymise } from './pseudonym';

const SECRET = 'test-secret-0123456789abcdef';
const OTHER_SECRET = 'another-secret-fedcba9876543210';
const FAMILY_ID = '3f2b8c1e-5d4a-4e7b-9c6d-1a2b3c4d5e6f';

/** Independent reference: first 80 bits of the HMAC as a big integer, written in Crockford base32. */
function referencePseudonym(secret: string, kind: string, prefix: string, id: string): string {
  const digest = createHmac('sha256', secret).update(`family-link:pseudonym:v1:${kind}:${id}`).digest();
  let value = BigInt(`0x${digest.subarray(0, 10).toString('hex')}`);
  let text = '';
  for (let i = 0; i < 16; i += 1) {
    text = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[Number(value & 31n)] + text;
    value >>= 5n;
  }
  return `${prefix}-${text}`;
}

describe('pseudonymise', () => {
  it('gives a known, fixed value (changing it would re-identify every past export as new people)', () => {
    expect(pseudonymise(SECRET, 'family', FAMILY_ID)).toBe('F-DMC1K26N352RDZJ7');
  });

  it('matches an independent computation of HMAC-SHA-256, truncated to 80 bits, in Crockford base32', () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        expect(pseudonymise(SECRET, 'link_up', id)).toBe(referencePseudonym(SECRET, 'link_up', 'L', id));
      }),
      { numRuns: 200 },
    );
  });

  it('is stable: the same secret gives the same id every time, whether the secret is text or bytes', () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        const first = pseudonymise(SECRET, 'family', id);
        expect(pseudonymise(SECRET, 'family', id)).toBe(first);
        expect(pseudonymise(Buffer.from(SECRET, 'utf8'), 'family', id)).toBe(first);
      }),
      { numRuns: 200 },
    );
  });

  it('gives different ids under another secret', () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        expect(pseudonymise(OTHER_SECRET, 'family', id)).not.toBe(pseudonymise(SECRET, 'family', id));
      }),
      { numRuns: 200 },
    );
    expect(pseudonymise(OTHER_SECRET, 'family', FAMILY_ID)).toBe(
      referencePseudonym(OTHER_SECRET, 'family', 'F', FAMILY_ID),
    );
  });

  it('gives distinct families distinct ids', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.uuid(), { minLength: 2, maxLength: 50 }), (ids) => {
        const pseudonyms = new Set(ids.map((id) => pseudonymise(SECRET, 'family', id)));
        expect(pseudonyms.size).toBe(ids.length);
      }),
      { numRuns: 100 },
    );
  });

  it('namespaces by kind: the same internal id gives unrelated values with their own prefixes', () => {
    const family = pseudonymise(SECRET, 'family', FAMILY_ID);
    const linkUp = pseudonymise(SECRET, 'link_up', FAMILY_ID);
    expect(family.startsWith('F-')).toBe(true);
    expect(linkUp.startsWith('L-')).toBe(true);
    expect(linkUp.slice(2)).not.toBe(family.slice(2));
    expect(pseudonymise(SECRET, 'person', FAMILY_ID)).toMatch(/^P-/);
    expect(pseudonymise(SECRET, 'goal', FAMILY_ID)).toMatch(/^G-/);
    expect(pseudonymise(SECRET, 'outcome_measure', FAMILY_ID)).toMatch(/^M-/);
    expect(pseudonymise(SECRET, 'check_in', FAMILY_ID)).toMatch(/^C-/);
  });

  it('reads a UUID case-insensitively, other ids exactly', () => {
    expect(pseudonymise(SECRET, 'family', FAMILY_ID.toUpperCase())).toBe('F-DMC1K26N352RDZJ7');
    expect(pseudonymise(SECRET, 'family', 'abc')).not.toBe(pseudonymise(SECRET, 'family', 'ABC'));
  });

  it('never contains the internal id and is short and readable', () => {
    const pseudonym = pseudonymise(SECRET, 'family', FAMILY_ID);
    expect(pseudonym).toHaveLength(18);
    expect(pseudonym).toMatch(PSEUDONYM_PATTERN);
    expect(pseudonym).not.toMatch(/[ILOU]/);
    expect(isPseudonym(pseudonym)).toBe(true);
    expect(isPseudonym(pseudonym, 'family')).toBe(true);
    expect(isPseudonym(pseudonym, 'link_up')).toBe(false);
    expect(isPseudonym(FAMILY_ID)).toBe(false);
  });

  it.each([
    ['an empty secret', '', FAMILY_ID, 'pseudonym secret must be at least 16 bytes'],
    ['a 15-byte secret', 'x'.repeat(15), FAMILY_ID, 'pseudonym secret must be at least 16 bytes'],
    ['an empty id', SECRET, '', 'internal id must not be empty'],
  ])('rejects %s', (_case, secret, id, message) => {
    expect(() => pseudonymise(secret, 'family', id)).toThrow(new RangeError(message));
  });

  it('rejects an unknown kind', () => {
    expect(() => pseudonymise(SECRET, 'site' as never, FAMILY_ID)).toThrow(
      new RangeError('unknown pseudonym kind: site'),
    );
  });
});
