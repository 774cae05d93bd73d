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
    expect(config.http).toEqual({ port: 3000, host: '0.0.0.0' });
    expect(config.embedded).toEqual({ dataDir: '.data', port: 54329 });
    expect([config.runWorkerInApi, config.runMigrations, config.seedDemo]).toEqual([true, true, true]);
  });

  it('uses external services, and starts nothing embedded, when their URLs are set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/fl', REDIS_URL: 'redis://cache:6379' });
    expect(config.isEmbedded).toBe(false);
    expect(config.queueBackend).toBe('redis');
    expect([config.runWorkerInApi, config.runMigrations, config.seedDemo]).toEqual([false, false, false]);
  });

  it('lets the embedded-default switches be overridden', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://db/fl', RUN_WORKER_IN_API: 'yes', SEED_DEMO: '0' });
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
});
