import { ConfigValidationError, loadConfig } from '@app/config';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureEmbeddedJwtSecret } from './signing-key';

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
};

describe('account configuration', () => {
  it('has working defaults: 15-minute tokens, no bootstrap admin, 5 / 20 failures per 15 minutes', () => {
    const { auth } = loadConfig({});
    expect(auth).toEqual({
      jwtSecret: null,
      accessTokenTtlSeconds: 900,
      bootstrapAdmin: null,
      loginThrottle: { windowSeconds: 900, maxFailuresPerAccountAndClient: 5, maxFailuresPerAccount: 25 },
    });
  });

  it('requires a long JWT_SECRET in production and never prints it', () => {
    expect(problemsOf({ NODE_ENV: 'production', EXPORT_PSEUDONYM_SECRET: 'p'.repeat(32) })).toEqual([
      expect.stringContaining('JWT_SECRET is required'),
    ]);
    const short = problemsOf({ JWT_SECRET: 'short-secret-value' });
    expect(short).toEqual(['JWT_SECRET must be at least 32 characters long']);
    expect(
      loadConfig({
        NODE_ENV: 'production',
        JWT_SECRET: 'x'.repeat(32),
        EXPORT_PSEUDONYM_SECRET: 'p'.repeat(32),
      }).auth.jwtSecret,
    ).toBe('x'.repeat(32));
  });

  it('takes ADMIN_EMAIL and ADMIN_PASSWORD together, normalising the email', () => {
    expect(problemsOf({ ADMIN_EMAIL: 'a@example.org' })).toEqual([expect.stringContaining('set together')]);
    expect(problemsOf({ ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'long-enough-secret' })).toEqual([
      expect.stringContaining('ADMIN_EMAIL must be an email address'),
    ]);
    expect(problemsOf({ ADMIN_EMAIL: 'a@example.org', ADMIN_PASSWORD: 'short' })).toEqual([
      'ADMIN_PASSWORD must be at least 12 characters long',
      expect.stringContaining('set together'),
    ]);
    const { auth } = loadConfig({ ADMIN_EMAIL: ' Admin@Example.org ', ADMIN_PASSWORD: 'long-enough-secret' });
    expect(auth.bootstrapAdmin).toEqual({ email: 'admin@example.org', password: 'long-enough-secret' });
  });

  it('keeps the embedded default’s signing key in DATA_DIR, readable by its owner only, across starts', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fl-secret-'));
    const first = await ensureEmbeddedJwtSecret(dir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(await ensureEmbeddedJwtSecret(dir)).toBe(first);
    expect(readFileSync(path.join(dir, 'jwt-secret'), 'utf8').trim()).toBe(first);
    expect(statSync(path.join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
  });
});
