import { Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The key that signs access tokens and keys the hashes of throttle counters. */
export class SigningKey {
  /**
   * The secret as a key object, made once. Given a string, jsonwebtoken parses it again on every
   * verification (first trying it as a public key, which throws): 12 % of the API's CPU under a load of
   * `GET /api/me` (BENCHMARKS.md). The bytes are the same (UTF-8), so tokens signed either way verify.
   */
  readonly tokenKey: KeyObject;

  constructor(readonly secret: string) {
    this.tokenKey = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  /** HMAC-SHA-256 of `value` for one `purpose`, hex: correlates without keeping the value. */
  keyedHash(purpose: string, value: string): string {
    return createHmac('sha256', this.secret).update(`${purpose}:${value}`).digest('hex');
  }
}

export function signingKeyFromConfig(config: AppConfig): SigningKey {
  if (config.auth.jwtSecret !== null) return new SigningKey(config.auth.jwtSecret);
  new Logger('SigningKey').warn(
    'JWT_SECRET is unset: signing access tokens with a random key for this process only. Set JWT_SECRET so tokens survive restarts and work across instances.',
  );
  return new SigningKey(randomBytes(32).toString('hex'));
}

export const EMBEDDED_SECRET_FILE = 'jwt-secret';

/**
 * The embedded default's signing key: read from `<DATA_DIR>/jwt-secret`, or made and kept there on
 * the first start (readable by this user only), so `npm start` needs no setup and sign-ins survive
 * restarts.
 */
export async function ensureEmbeddedJwtSecret(dataDir: string): Promise<string> {
  const file = path.resolve(dataDir, EMBEDDED_SECRET_FILE);
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(48).toString('base64url');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return secret;
}
