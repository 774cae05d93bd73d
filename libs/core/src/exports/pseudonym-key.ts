import { AppConfig } from '@app/config';
import { pseudonymise, type PseudonymKind } from '@app/domain';
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The programme secret behind the pseudonymous ids of evaluator exports (DESIGN §4.5). The same
 * secret gives every family the same id in every export; another secret gives unrelated ids.
 */
export class PseudonymKey {
  constructor(private readonly secret: string) {}

  /** The pseudonym of an internal id (see `pseudonymise` in the domain library). */
  pseudonymOf(kind: PseudonymKind, internalId: string): string {
    return pseudonymise(this.secret, kind, internalId);
  }

  /**
   * The secret itself, for the export worker thread only (it pseudonymises in its own thread):
   * never log it, put it in a job or an export, or send it anywhere else.
   */
  secretForExportWorker(): string {
    return this.secret;
  }
}

export function pseudonymKeyFromConfig(config: AppConfig): PseudonymKey {
  if (config.exports.pseudonymSecret !== null) return new PseudonymKey(config.exports.pseudonymSecret);
  new Logger('PseudonymKey').warn(
    'EXPORT_PSEUDONYM_SECRET is unset: pseudonymous ids in exports use a random key for this process only, so they change at every restart. Set EXPORT_PSEUDONYM_SECRET and keep it.',
  );
  return new PseudonymKey(randomBytes(32).toString('hex'));
}

export const EMBEDDED_PSEUDONYM_SECRET_FILE = 'export-pseudonym-secret';

/**
 * The embedded default's pseudonym key: read from `<DATA_DIR>/export-pseudonym-secret`, or made and
 * kept there on the first start (readable by this user only), so ids stay the same across restarts.
 * A file that is there but too short (truncated, emptied) stops the start instead of being replaced:
 * a new key would silently give every family a new id, breaking the link with earlier exports.
 */
export async function ensureEmbeddedPseudonymSecret(dataDir: string): Promise<string> {
  const file = path.resolve(dataDir, EMBEDDED_PSEUDONYM_SECRET_FILE);
  let existing: string | null = null;
  try {
    existing = (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
  }
  if (existing !== null) {
    if (existing.length >= 32) return existing;
    throw new Error(
      `The export pseudonym key file ${file} holds ${existing.length} characters, fewer than 32: it looks truncated. Restore it from a backup (ids in earlier exports were made with it), or delete it on purpose to start a new key.`,
    );
  }
  const secret = randomBytes(48).toString('base64url');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return secret;
}
