/**
 * Checks on a request body made before (depth) and right after (values, keys) it is parsed into
 * objects, so that no input can reach code that would fail on it with a 500.
 */

/** How deep objects and arrays may nest in a JSON body. Every DTO of the API needs far fewer. */
export const MAX_JSON_DEPTH = 32;

/** Raised from the body parser's `verify` hook; the error filter answers it with 400. */
export class BodyTooDeepError extends Error {
  readonly type = 'entity.too.deep';

  constructor() {
    super(`The request body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  }
}

/**
 * The deepest nesting of `{` and `[` in raw JSON bytes, outside strings, stopping early once past
 * `limit`. Runs on the bytes before JSON.parse, so a body nested thousands of levels deep never
 * becomes objects that recursive code (ours, class-transformer's) would overflow the stack on.
 * UTF-8 continuation bytes are all ≥ 0x80, so they cannot be mistaken for brackets or quotes.
 */
export function jsonNestingDepth(raw: Uint8Array, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < raw.length; i += 1) {
    const byte = raw[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === 0x5c) escaped = true;
      else if (byte === 0x22) inString = false;
      continue;
    }
    if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (byte === 0x7d || byte === 0x5d) depth -= 1;
  }
  return deepest;
}

/** The body parser's `verify` hook: refuses a body nested deeper than MAX_JSON_DEPTH. */
export function refuseDeepJson(_req: unknown, _res: unknown, raw: Buffer): void {
  if (jsonNestingDepth(raw, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) throw new BodyTooDeepError();
}

/**
 * Keys that name a built-in property of every object (`__proto__`, `constructor`, `toString`…).
 * class-transformer skips them silently instead of letting the whitelist refuse them, so they are
 * refused here like any other unknown field.
 */
export function isBuiltInPropertyKey(key: string): boolean {
  return key === '__proto__' || key in Object.prototype;
}

/** A string with a lone UTF-16 surrogate (`"\ud800"`): not text, and no validator expects it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function isMalformedText(value: string): boolean {
  return LONE_SURROGATE.test(value);
}

export type BodyValueProblem = { field: string; problem: string };

/**
 * The first place in a parsed body or query that no route accepts: a string holding a NUL
 * character (PostgreSQL stores none) or a lone surrogate, or a key naming a built-in property.
 * Depth is already bounded by `refuseDeepJson` (bodies) and the flat query parser.
 */
export function findUnacceptableValue(value: unknown, path = ''): BodyValueProblem | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { field: path, problem: `${path} must not contain a NUL character` };
    if (isMalformedText(value)) return { field: path, problem: `${path} must be well-formed Unicode text` };
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findUnacceptableValue(value[i], path === '' ? String(i) : `${path}.${i}`);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (key.includes('\u0000') || isMalformedText(key)) {
        return { field: at, problem: 'a field name must be well-formed text without NUL characters' };
      }
      if (isBuiltInPropertyKey(key)) return { field: at, problem: `property ${key} should not exist` };
      const found = findUnacceptableValue((value as Record<string, unknown>)[key], at);
      if (found !== null) return found;
    }
  }
  return null;
}
