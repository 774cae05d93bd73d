import type { LogLevel, NodeEnv } from './config.schema';

export interface EmbeddedDatabaseConfig {
  readonly dataDir: string;
  readonly port: number;
}

/**
 * The validated configuration. It is a class so that Nest can inject it by type; instances come
 * only from `loadConfig`.
 */
export interface AuthConfig {
  /** `null` when JWT_SECRET is unset: see `withJwtSecret` and the access-token service. */
  readonly jwtSecret: string | null;
  readonly accessTokenTtlSeconds: number;
  /** ADMIN_EMAIL and ADMIN_PASSWORD, when both are set. */
  readonly bootstrapAdmin: { readonly email: string; readonly password: string } | null;
  readonly loginThrottle: {
    readonly windowSeconds: number;
    /** Per (email, client address): slows the one guessing, not the household sharing the address. */
    readonly maxFailuresPerAccountAndClient: number;
    /** Per email over all addresses: bounds guessing spread over many addresses. */
    readonly maxFailuresPerAccount: number;
  };
}

export interface NotificationsConfig {
  /** PUBLIC_URL without a trailing slash: links in emails start with it. */
  readonly publicUrl: string;
  /** SMTP_URL; null when emails are off (in-app notifications only). */
  readonly smtpUrl: string | null;
  readonly smtpFrom: string;
}

/** Evaluator exports (DESIGN §4.5). */
export interface ExportsConfig {
  /** `null` when EXPORT_PSEUDONYM_SECRET is unset: see `withExportPseudonymSecret`. */
  readonly pseudonymSecret: string | null;
}

export class AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly http: { readonly port: number; readonly host: string; readonly drainDeadlineMs: number };
  readonly workerPort: number;
  /** `null` on the embedded default until the embedded server has started (see `withDatabaseUrl`). */
  readonly databaseUrl: string | null;
  readonly databasePoolSize: number;
  readonly redisUrl: string | null;
  readonly queuePrefix: string;
  readonly embedded: EmbeddedDatabaseConfig;
  readonly runWorkerInApi: boolean;
  readonly runMigrations: boolean;
  readonly seedDemo: boolean;
  readonly worker: {
    readonly concurrency: number;
    readonly lockDurationMs: number;
    readonly stalledIntervalMs: number;
    /** WORKER_DRAIN_DEADLINE_MS: on shutdown, how long running jobs may finish before they are released. */
    readonly drainDeadlineMs: number;
  };
  /** METRICS_TOKEN: the bearer token `/metrics` requires; `null` when unset (then /metrics is a 404). */
  readonly metricsToken: string | null;
  readonly logLevel: LogLevel;
  /** CLOCK_OFFSET_DAYS: the clock runs this many days from the real date (testing only; 0 in production). */
  readonly clockOffsetDays: number;
  readonly auth: AuthConfig;
  readonly exports: ExportsConfig;
  /** How often the check-ins reconciler runs (RECONCILE_INTERVAL_MS). */
  readonly reconcileIntervalMs: number;
  readonly notifications: NotificationsConfig;

  constructor(
    values: Omit<
      AppConfig,
      | 'queueBackend'
      | 'isEmbedded'
      | 'withDatabaseUrl'
      | 'withJwtSecret'
      | 'withExportPseudonymSecret'
      | 'requireDatabaseUrl'
    >,
  ) {
    Object.assign(this, values);
  }

  get queueBackend(): 'redis' | 'postgres' {
    return this.redisUrl === null ? 'postgres' : 'redis';
  }

  /** True when no DATABASE_URL was given: the app starts its own PostgreSQL. */
  get isEmbedded(): boolean {
    return this.databaseUrl === null;
  }

  withDatabaseUrl(databaseUrl: string): AppConfig {
    return new AppConfig({ ...this, databaseUrl });
  }

  /** The embedded default's signing key, kept in DATA_DIR, when JWT_SECRET is unset. */
  withJwtSecret(jwtSecret: string): AppConfig {
    return new AppConfig({ ...this, auth: { ...this.auth, jwtSecret } });
  }

  /** The embedded default's pseudonym key, kept in DATA_DIR, when EXPORT_PSEUDONYM_SECRET is unset. */
  withExportPseudonymSecret(pseudonymSecret: string): AppConfig {
    return new AppConfig({ ...this, exports: { ...this.exports, pseudonymSecret } });
  }

  requireDatabaseUrl(): string {
    if (this.databaseUrl === null) {
      throw new Error('No database URL: set DATABASE_URL, or start the embedded default first.');
    }
    return this.databaseUrl;
  }
}
