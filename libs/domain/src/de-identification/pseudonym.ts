import { createHmac } from 'node:crypto';

/**
 * Stable pseudonymous ids for evaluator exports (DESIGN §4.5).
 *
 * pseudonym = prefix + '-' + Crockford base32 of the first 80 bits of
 *             HMAC-SHA-256(secret, 'family-link:pseudonym:v1:' + kind + ':' + internalId)
 *
 * - Stable: the same secret, kind and id always give the same pseudonym, so a family keeps its id
 *   across every export and every run.
 * - Unrelated across secrets: HMAC is a pseudorandom function keyed by the secret; without the
 *   secret nobody can compute a pseudonym from an internal id, link two exports made under
 *   different secrets, or recover the id from the pseudonym.
 * - Namespaced by kind: the same uuid used as a family id and as a link-up id gives unrelated
 *   values, and the prefix (`F-`, `L-`, ...) tells a reader what the id refers to.
 * - Versioned input (`v1`): a future change of scheme changes every id, never some of them.
 *
 * Collision analysis. 80 bits = 16 base32 characters. Within one kind the chance that any two of
 * n distinct ids share a pseudonym is about n^2 / 2^81 (birthday bound): for n = 10^4 families
 * that is 4e-17, for n = 10^6 (far beyond any programme) 4e-13. Different kinds cannot collide
 * because their prefixes differ. Truncating HMAC-SHA-256 output to 80 bits keeps it a PRF; guessing
 * a pseudonym for a chosen id without the secret succeeds with probability 2^-80.
 */

/** Entities that may appear in an export, with the prefix their pseudonyms carry. */
export const PSEUDONYM_PREFIXES = Object.freeze({
  family: 'F',
  person: 'P',
  link_up: 'L',
  goal: 'G',
  outcome_measure: 'M',
  check_in: 'C',
} as const);

export type PseudonymKind = keyof typeof PSEUDONYM_PREFIXES;

/** A programme secret shorter than this is rejected (the config should supply 32 random bytes). */
export const MIN_PSEUDONYM_SECRET_BYTES = 16;

/** Number of base32 characters after the prefix: 16 characters carry 80 bits. */
export const PSEUDONYM_LENGTH = 16;

const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SCHEME = 'family-link:pseudonym:v1';
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Matches any pseudonym this module produces: a kind prefix, `-`, 16 Crockford base32 characters. */
export const PSEUDONYM_PATTERN = new RegExp(
  `^[${Object.values(PSEUDONYM_PREFIXES).join('')}]-[0-9A-HJKMNP-TV-Z]{${PSEUDONYM_LENGTH}}$`,
);

/**
 * The pseudonym of `internalId` under `secret`. UUIDs are compared case-insensitively (they are
 * lower-cased first), so the same row read through different drivers keeps its pseudonym.
 */
export function pseudonymise(secret: string | Uint8Array, kind: PseudonymKind, internalId: string): string {
  const secretBytes = typeof secret === 'string' ? Buffer.byteLength(secret, 'utf8') : secret.byteLength;
  if (secretBytes < MIN_PSEUDONYM_SECRET_BYTES) {
    throw new RangeError(`pseudonym secret must be at least ${MIN_PSEUDONYM_SECRET_BYTES} bytes`);
  }
  const prefix = PSEUDONYM_PREFIXES[kind];
  if (prefix === undefined) {
    throw new RangeError(`unknown pseudonym kind: ${String(kind)}`);
  }
  if (internalId.length === 0) {
    throw new RangeError('internal id must not be empty');
  }
  const id = UUID_PATTERN.test(internalId) ? internalId.toLowerCase() : internalId;
  const digest = createHmac('sha256', secret).update(`${SCHEME}:${kind}:${id}`, 'utf8').digest();
  return `${prefix}-${crockfordBase32(digest.subarray(0, (PSEUDONYM_LENGTH * 5) / 8))}`;
}

/** True when `value` has the shape of a pseudonym (of `kind`, when given). */
export function isPseudonym(value: string, kind?: PseudonymKind): boolean {
  if (!PSEUDONYM_PATTERN.test(value)) return false;
  return kind === undefined || value.startsWith(`${PSEUDONYM_PREFIXES[kind]}-`);
}

function crockfordBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD_ALPHABET[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += CROCKFORD_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}
