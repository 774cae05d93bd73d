import { ConfigValidationError, loadConfig } from '@app/config';
import { pseudonymise } from '@app/domain';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureEmbeddedPseudonymSecret, pseudonymKeyFromConfig } from './pseudonym-key';

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
};

const ID = '3f2b8c1e-5d4a-4e7b-9c6d-1a2b3c4d5e6f';

describe('the pseudonym key (EXPORT_PSEUDONYM_SECRET)', () => {
  it('is required in production, at least 32 characters, and never printed', () => {
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'j'.repeat(32) })).toEqual([
      expect.stringContaining('EXPORT_PSEUDONYM_SECRET is required when NODE_ENV=production'),
    ]);
    const short = problemsOf({ EXPORT_PSEUDONYM_SECRET: 'too-short-secret-hunter2' });
    expect(short).toEqual(['EXPORT_PSEUDONYM_SECRET must be at least 32 characters long']);
    expect(short.join('\n')).not.toContain('hunter2');
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'j'.repeat(32),
      EXPORT_PSEUDONYM_SECRET: 's'.repeat(40),
    });
    expect(config.exports.pseudonymSecret).toBe('s'.repeat(40));
  });

  it('gives the ids pseudonymise gives under that secret', () => {
    const key = pseudonymKeyFromConfig(loadConfig({ EXPORT_PSEUDONYM_SECRET: 's'.repeat(40) }));
    expect(key.pseudonymOf('family', ID)).toBe(pseudonymise('s'.repeat(40), 'family', ID));
  });

  it('without a secret outside production, uses a random key (different per process)', () => {
    const a = pseudonymKeyFromConfig(loadConfig({}));
    const b = pseudonymKeyFromConfig(loadConfig({}));
    expect(a.pseudonymOf('family', ID)).not.toBe(b.pseudonymOf('family', ID));
  });

  it('on the embedded default keeps one in DATA_DIR, readable by its owner only, across starts', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fl-pseudonym-'));
    const first = await ensureEmbeddedPseudonymSecret(dir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(await ensureEmbeddedPseudonymSecret(dir)).toBe(first);
    expect(readFileSync(path.join(dir, 'export-pseudonym-secret'), 'utf8').trim()).toBe(first);
    expect(statSync(path.join(dir, 'export-pseudonym-secret')).mode & 0o777).toBe(0o600);
    const config = loadConfig({}).withExportPseudonymSecret(first);
    expect(pseudonymKeyFromConfig(config).pseudonymOf('family', ID)).toBe(pseudonymise(first, 'family', ID));
  });

  it('refuses to start on a truncated key file instead of replacing it (ids would all change)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fl-pseudonym-'));
    const file = path.join(dir, 'export-pseudonym-secret');
    for (const truncated of ['abc123\n', '']) {
      writeFileSync(file, truncated);
      await expect(ensureEmbeddedPseudonymSecret(dir)).rejects.toThrow(/looks truncated/);
      expect(readFileSync(file, 'utf8')).toBe(truncated);
    }
  });
});
