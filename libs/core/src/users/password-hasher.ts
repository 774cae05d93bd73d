import { Injectable } from '@nestjs/common';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** argon2id with the library's defaults (19 MiB, 2 passes, 1 lane: OWASP's recommended minimum). */
const ARGON2ID = 2 as Algorithm;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

@Injectable()
export class PasswordHasher {
  /** A hash of nothing anyone knows, verified against when the account does not exist. */
  private readonly decoy: Promise<string> = hash('decoy-password-for-constant-time', { algorithm: ARGON2ID });

  hashPassword(password: string): Promise<string> {
    return hash(password, { algorithm: ARGON2ID });
  }

  async verifyPassword(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  /** Spends the time of a real verification, so an unknown email cannot be told from a wrong password. */
  async verifyDecoy(password: string): Promise<void> {
    await this.verifyPassword(await this.decoy, password);
  }
}
