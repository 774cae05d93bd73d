import { AppConfig } from './app-config';
import { CONFIG_VARIABLES, LogLevel, NodeEnv, VariableSpec } from './config.schema';

export type Environment = Readonly<Record<string, string | undefined>>;

/** Thrown when the environment does not validate; `problems` lists every one of them. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

type Parsed = string | number | boolean | undefined;

function parseVariable(spec: VariableSpec, raw: string | undefined, problems: string[]): Parsed {
  const value = raw === undefined || raw.trim() === '' ? spec.default : raw.trim();
  if (value === undefined) {
    if (spec.required === true) problems.push(`${spec.name} is required: ${spec.description}`);
    return undefined;
  }
  const shown = spec.secret === true ? '(hidden)' : JSON.stringify(value);
  switch (spec.kind) {
    case 'string':
      if (spec.minLength !== undefined && value.length < spec.minLength) {
        problems.push(`${spec.name} must be at least ${spec.minLength} characters long`);
        return undefined;
      }
      return value;
    case 'integer': {
      const n = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
      if (!Number.isSafeInteger(n)) {
        problems.push(`${spec.name} must be a whole number, got ${shown}`);
        return undefined;
      }
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
        problems.push(
          `${spec.name} must be between ${spec.min ?? '-∞'} and ${spec.max ?? '∞'}, got ${shown}`,
        );
        return undefined;
      }
      return n;
    }
    case 'boolean': {
      const lowered = value.toLowerCase();
      if (['true', '1', 'yes'].includes(lowered)) return true;
      if (['false', '0', 'no'].includes(lowered)) return false;
      problems.push(`${spec.name} must be true or false, got ${shown}`);
      return undefined;
    }
    case 'enum':
      if (spec.values?.includes(value) !== true) {
        problems.push(`${spec.name} must be one of ${(spec.values ?? []).join(', ')}, got ${shown}`);
        return undefined;
      }
      return value;
    case 'url': {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        problems.push(`${spec.name} must be a URL, got ${shown}`);
        return undefined;
      }
      if (spec.protocols !== undefined && !spec.protocols.includes(url.protocol)) {
        problems.push(`${spec.name} must start with ${spec.protocols.map((p) => `${p}//`).join(' or ')}`);
        return undefined;
      }
      return value;
    }
  }
}

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Rules that involve more than one variable, checked once each variable is valid on its own. */
function crossFieldProblems(values: ReadonlyMap<string, Parsed>): string[] {
  const problems: string[] = [];
  const adminEmail = values.get('ADMIN_EMAIL');
  const adminPassword = values.get('ADMIN_PASSWORD');
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together (or neither)');
  }
  if (typeof adminEmail === 'string' && !EMAIL_SHAPE.test(adminEmail)) {
    // The value is not echoed: it is an email address, and start-up errors go to the logs.
    problems.push('ADMIN_EMAIL must be an email address');
  }
  if (values.get('SEED_DEMO') === true && values.get('DATABASE_URL') !== undefined) {
    problems.push(
      'SEED_DEMO=true needs the embedded default (no DATABASE_URL): the demo accounts have a published password',
    );
  }
  const smtpFrom = values.get('SMTP_FROM');
  if (typeof smtpFrom === 'string' && !EMAIL_SHAPE.test(smtpFrom)) {
    problems.push(`SMTP_FROM must be an email address, got ${JSON.stringify(smtpFrom)}`);
  }
  if (values.get('NODE_ENV') === 'production' && values.get('JWT_SECRET') === undefined) {
    problems.push('JWT_SECRET is required when NODE_ENV=production (at least 32 random characters)');
  }
  if (values.get('NODE_ENV') === 'production' && values.get('EXPORT_PSEUDONYM_SECRET') === undefined) {
    problems.push(
      'EXPORT_PSEUDONYM_SECRET is required when NODE_ENV=production (at least 32 random characters, kept for the life of the programme)',
    );
  }
  const offset = values.get('CLOCK_OFFSET_DAYS');
  if (values.get('NODE_ENV') === 'production' && typeof offset === 'number' && offset !== 0) {
    problems.push('CLOCK_OFFSET_DAYS is for testing: it must be 0 (or unset) when NODE_ENV=production');
  }
  return problems;
}

/**
 * Validates the environment against `CONFIG_VARIABLES` and returns the typed configuration.
 * Every problem is collected before throwing, so one run shows them all.
 */
export function loadConfig(env: Environment): AppConfig {
  const problems: string[] = [];
  const values = new Map<string, Parsed>();
  for (const spec of CONFIG_VARIABLES) values.set(spec.name, parseVariable(spec, env[spec.name], problems));
  problems.push(...crossFieldProblems(values));
  if (problems.length > 0) throw new ConfigValidationError(problems);

  const str = (name: string): string => values.get(name) as string;
  const num = (name: string): number => values.get(name) as number;
  const optional = (name: string): string | null => (values.get(name) as string | undefined) ?? null;
  const flag = (name: string, fallback: boolean): boolean =>
    (values.get(name) as boolean | undefined) ?? fallback;

  const databaseUrl = optional('DATABASE_URL');
  const adminEmail = optional('ADMIN_EMAIL')?.toLowerCase() ?? null;
  const adminPassword = optional('ADMIN_PASSWORD');
  const embedded = databaseUrl === null;
  return new AppConfig({
    nodeEnv: str('NODE_ENV') as NodeEnv,
    // The embedded default listens on loopback unless told otherwise: its demo accounts have a published password.
    http: {
      port: num('PORT'),
      host: optional('HOST') ?? (embedded ? '127.0.0.1' : '0.0.0.0'),
      drainDeadlineMs: num('HTTP_DRAIN_DEADLINE_MS'),
    },
    workerPort: num('WORKER_PORT'),
    databaseUrl,
    databasePoolSize: num('DATABASE_POOL_SIZE'),
    redisUrl: optional('REDIS_URL'),
    queuePrefix: str('QUEUE_PREFIX'),
    embedded: { dataDir: str('DATA_DIR'), port: num('EMBEDDED_POSTGRES_PORT') },
    runWorkerInApi: flag('RUN_WORKER_IN_API', embedded),
    runMigrations: flag('RUN_MIGRATIONS', embedded),
    seedDemo: flag('SEED_DEMO', embedded),
    worker: {
      concurrency: num('WORKER_CONCURRENCY'),
      lockDurationMs: num('WORKER_LOCK_DURATION_MS'),
      stalledIntervalMs: num('WORKER_STALLED_INTERVAL_MS'),
      drainDeadlineMs: num('WORKER_DRAIN_DEADLINE_MS'),
    },
    metricsToken: optional('METRICS_TOKEN'),
    logLevel: str('LOG_LEVEL') as LogLevel,
    clockOffsetDays: num('CLOCK_OFFSET_DAYS'),
    reconcileIntervalMs: num('RECONCILE_INTERVAL_MS'),
    notifications: {
      publicUrl: str('PUBLIC_URL').replace(/\/+$/, ''),
      smtpUrl: optional('SMTP_URL'),
      smtpFrom: str('SMTP_FROM'),
    },
    auth: {
      jwtSecret: optional('JWT_SECRET'),
      accessTokenTtlSeconds: num('ACCESS_TOKEN_TTL_SECONDS'),
      bootstrapAdmin:
        adminEmail === null || adminPassword === null ? null : { email: adminEmail, password: adminPassword },
      loginThrottle: {
        windowSeconds: num('LOGIN_THROTTLE_WINDOW_SECONDS'),
        maxFailuresPerAccountAndClient: num('LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_CLIENT'),
        maxFailuresPerAccount: num('LOGIN_MAX_FAILURES_PER_ACCOUNT'),
      },
    },
    exports: { pseudonymSecret: optional('EXPORT_PSEUDONYM_SECRET') },
  });
}

/** The process environment; the one place outside tests that reads it. */
export function loadConfigFromProcess(): AppConfig {
  return loadConfig(process.env);
}

/** The test servers named by the environment (DESIGN §7): `null` where unset. */
export function readTestServers(env: Environment = process.env): {
  databaseUrl: string | null;
  redisUrl: string | null;
  /** CLOCK_OFFSET_DAYS as given (the shifted-clock runs): test apps start their clock there. */
  clockOffsetDays: string | null;
} {
  const pick = (name: string): string | null => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? null : value;
  };
  return {
    databaseUrl: pick('TEST_DATABASE_URL'),
    redisUrl: pick('TEST_REDIS_URL'),
    clockOffsetDays: pick('CLOCK_OFFSET_DAYS'),
  };
}
