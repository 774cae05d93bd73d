import { CONFIG_VARIABLES } from './config.schema';
import { ConfigValidationError, loadConfig } from './load-config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('runs the embedded default with no variables at all', () => {
    const config = loadConfig({});
    expect(config.isEmbedded).toBe(true);
    expect(config.databaseUrl).toBeNull();
    expect(config.queueBackend).toBe('postgres');
    expect(config.http).toEqual({ port: 3000, host: '127.0.0.1', drainDeadlineMs: 8000 });
    expect(config.embedded).toEqual({ dataDir: '.data', port: 54329 });
    expect([config.runWorkerInApi, config.runMigrations, config.seedDemo]).toEqual([true, true, true]);
  });

  it('uses external services, and starts nothing embedded, when their URLs are set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/fl', REDIS_URL: 'redis://cache:6379' });
    expect(config.isEmbedded).toBe(false);
    expect(config.queueBackend).toBe('redis');
    expect([config.runWorkerInApi, config.runMigrations, config.seedDemo]).toEqual([false, false, false]);
  });

  it('listens on every interface with external services, or where HOST says', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://db/fl' }).http.host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }).http.host).toBe('0.0.0.0');
  });

  it('refuses demo accounts (published password) on an external database', () => {
    expect(problemsOf({ DATABASE_URL: 'postgres://db/fl', SEED_DEMO: 'true' })).toEqual([
      'SEED_DEMO=true needs the embedded default (no DATABASE_URL): the demo accounts have a published password',
    ]);
  });

  it('lets the embedded-default switches be overridden', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://db/fl', RUN_WORKER_IN_API: 'yes', SEED_DEMO: '0' });
    expect(loadConfig({ RUN_MIGRATIONS: 'false' }).runMigrations).toBe(false);
    expect(config.runWorkerInApi).toBe(true);
    expect(config.seedDemo).toBe(false);
  });

  it('lists every problem at once, and never prints a secret', () => {
    const problems = problemsOf({
      PORT: '70000',
      DATABASE_URL: 'mysql://root:hunter2@db/fl',
      REDIS_URL: 'not a url',
      LOG_LEVEL: 'loud',
      RUN_MIGRATIONS: 'maybe',
      WORKER_CONCURRENCY: '2.5',
    });
    expect(problems).toEqual([
      'PORT must be between 1 and 65535, got "70000"',
      'DATABASE_URL must start with postgres:// or postgresql://',
      'REDIS_URL must be a URL, got (hidden)',
      'RUN_MIGRATIONS must be true or false, got "maybe"',
      'WORKER_CONCURRENCY must be a whole number, got "2.5"',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: ' ' }).databaseUrl).toBeNull();
  });

  it('has a description and a valid default for every variable', () => {
    for (const spec of CONFIG_VARIABLES) {
      expect(spec.description.length).toBeGreaterThan(10);
      if (spec.default !== undefined) expect(problemsOf({ [spec.name]: spec.default })).toEqual([]);
    }
  });

  it('reads the check-in reconciler and notification settings (issue 6)', () => {
    const defaults = loadConfig({});
    expect(defaults.reconcileIntervalMs).toBe(300_000);
    expect(defaults.notifications).toEqual({
      publicUrl: 'http://localhost:3000',
      smtpUrl: null,
      smtpFrom: 'no-reply@family-link.local',
    });
    const set = loadConfig({
      RECONCILE_INTERVAL_MS: '2000',
      PUBLIC_URL: 'https://link.example.org/',
      SMTP_URL: 'smtp://mail.internal:2525',
      SMTP_FROM: 'programme@example.org',
    });
    expect(set.reconcileIntervalMs).toBe(2000);
    expect(set.notifications).toEqual({
      publicUrl: 'https://link.example.org',
      smtpUrl: 'smtp://mail.internal:2525',
      smtpFrom: 'programme@example.org',
    });
    expect(
      problemsOf({
        RECONCILE_INTERVAL_MS: '10',
        SMTP_URL: 'http://mail',
        SMTP_FROM: 'nobody',
        PUBLIC_URL: 'ftp://x',
      }),
    ).toEqual([
      'RECONCILE_INTERVAL_MS must be between 1000 and 86400000, got "10"',
      'PUBLIC_URL must start with http:// or https://',
      'SMTP_URL must start with smtp:// or smtps://',
      'SMTP_FROM must be an email address, got "nobody"',
    ]);
  });

  it('opens /metrics only with a METRICS_TOKEN of 16 characters or more, never echoed', () => {
    expect(loadConfig({}).metricsToken).toBeNull();
    expect(loadConfig({ METRICS_TOKEN: 'a-metrics-token-of-enough-length' }).metricsToken).toBe(
      'a-metrics-token-of-enough-length',
    );
    expect(problemsOf({ METRICS_TOKEN: 'short-secret' })).toEqual([
      'METRICS_TOKEN must be at least 16 characters long',
    ]);
  });
});
