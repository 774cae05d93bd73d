/**
 * Every environment variable the apps read, in one declarative list. The loader validates against it,
 * the README's configuration table is checked against it, and the docker-compose test compares the
 * variables the services pass with it.
 */
export type VariableKind = 'string' | 'url' | 'integer' | 'boolean' | 'enum';

export interface VariableSpec {
  readonly name: string;
  readonly kind: VariableKind;
  readonly description: string;
  /** Shown in the README; `undefined` means the variable is optional and has no default. */
  readonly default?: string;
  readonly required?: boolean;
  readonly values?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly protocols?: readonly string[];
  /** For strings: the fewest characters accepted. */
  readonly minLength?: number;
  /** Secrets are never printed, not even in validation errors. */
  readonly secret?: boolean;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

export const CONFIG_VARIABLES: readonly VariableSpec[] = [
  {
    name: 'NODE_ENV',
    kind: 'enum',
    values: NODE_ENVS,
    default: 'development',
    description: 'Runtime environment.',
  },
  {
    name: 'PORT',
    kind: 'integer',
    min: 1,
    max: 65535,
    default: '3000',
    description: 'HTTP port of the API.',
  },
  {
    name: 'HOST',
    kind: 'string',
    description:
      'Interface the API listens on. Default: 127.0.0.1 on the embedded default (its demo accounts have a published password), 0.0.0.0 with DATABASE_URL.',
  },
  {
    name: 'WORKER_PORT',
    kind: 'integer',
    min: 1,
    max: 65535,
    default: '3001',
    description: 'Health port of the separate worker process (`npm run start:worker`).',
  },
  {
    name: 'DATABASE_URL',
    kind: 'url',
    protocols: ['postgres:', 'postgresql:'],
    secret: true,
    description:
      'PostgreSQL connection URL. Unset: the embedded default starts its own PostgreSQL in DATA_DIR and runs the worker in the API process.',
  },
  {
    name: 'DATABASE_POOL_SIZE',
    kind: 'integer',
    min: 1,
    max: 200,
    default: '10',
    description: 'Connections in the app’s database pool.',
  },
  {
    name: 'REDIS_URL',
    kind: 'url',
    protocols: ['redis:', 'rediss:'],
    secret: true,
    description:
      'Redis URL for the BullMQ queue. Unset: BullMQ runs on its PostgreSQL backend in the app’s database.',
  },
  {
    name: 'QUEUE_PREFIX',
    kind: 'string',
    default: 'family-link',
    description: 'Key prefix of the BullMQ queues on Redis.',
  },
  {
    name: 'DATA_DIR',
    kind: 'string',
    default: '.data',
    description:
      'Folder of the embedded default (PostgreSQL data); relative paths are resolved from the working directory.',
  },
  {
    name: 'EMBEDDED_POSTGRES_PORT',
    kind: 'integer',
    min: 1024,
    max: 65535,
    default: '54329',
    description: 'Port of the embedded PostgreSQL (loopback only).',
  },
  {
    name: 'RUN_WORKER_IN_API',
    kind: 'boolean',
    description:
      'Run the queue worker inside the API process. Default: true on the embedded default, false with DATABASE_URL.',
  },
  {
    name: 'RUN_MIGRATIONS',
    kind: 'boolean',
    description:
      'Apply pending migrations at start. Default: true on the embedded default, false with DATABASE_URL.',
  },
  {
    name: 'SEED_DEMO',
    kind: 'boolean',
    description:
      'Create the demo site once at start. Default: true on the embedded default, false with DATABASE_URL.',
  },
  {
    name: 'WORKER_CONCURRENCY',
    kind: 'integer',
    min: 1,
    max: 100,
    default: '5',
    description: 'Jobs one worker processes at once.',
  },
  {
    name: 'WORKER_LOCK_DURATION_MS',
    kind: 'integer',
    min: 1000,
    max: 600000,
    default: '30000',
    description: 'How long a worker holds a job before it counts as stalled.',
  },
  {
    name: 'WORKER_DRAIN_DEADLINE_MS',
    kind: 'integer',
    min: 0,
    max: 600000,
    default: '8000',
    description:
      'On SIGTERM, how long the worker lets running jobs finish (taking no new ones) before it releases them to run again elsewhere.',
  },
  {
    name: 'HTTP_DRAIN_DEADLINE_MS',
    kind: 'integer',
    min: 0,
    max: 600000,
    default: '8000',
    description:
      'On SIGTERM, how long the API answers requests in flight before cutting connections (keep it below the orchestrator’s grace period).',
  },
  {
    name: 'WORKER_STALLED_INTERVAL_MS',
    kind: 'integer',
    min: 1000,
    max: 600000,
    default: '30000',
    description: 'How often a worker looks for stalled jobs.',
  },
  {
    name: 'RECONCILE_INTERVAL_MS',
    kind: 'integer',
    min: 1000,
    max: 86400000,
    default: '300000',
    description:
      'How often the worker’s reconciler re-plans check-ins, handles those whose time passed while no worker ran and re-creates lost queue jobs.',
  },
  {
    name: 'PUBLIC_URL',
    kind: 'url',
    protocols: ['http:', 'https:'],
    default: 'http://localhost:3000',
    description: 'Address of the app as users reach it: the links in notification emails start with it.',
  },
  {
    name: 'SMTP_URL',
    kind: 'url',
    protocols: ['smtp:', 'smtps:'],
    secret: true,
    description:
      'SMTP relay for notification emails: `smtp://host:port` (STARTTLS when the relay offers it), `smtp://user:password@host:port` (AUTH, STARTTLS required) or `smtps://user:password@host:465` (TLS from the start); URL-encode special characters in the password. Each email carries a Message-ID derived from its notice, so a repeat after a crash is recognisable. Unset: notifications are in-app only.',
  },
  {
    name: 'SMTP_FROM',
    kind: 'string',
    default: 'no-reply@family-link.local',
    description: 'Sender address of notification emails.',
  },
  {
    name: 'JWT_SECRET',
    kind: 'string',
    secret: true,
    minLength: 32,
    description:
      'Key that signs access tokens (at least 32 characters). Required when NODE_ENV=production. Unset: the embedded default keeps a random one in DATA_DIR; otherwise a random one per process (tokens then do not survive a restart).',
  },
  {
    name: 'ACCESS_TOKEN_TTL_SECONDS',
    kind: 'integer',
    min: 60,
    max: 86400,
    default: '900',
    description: 'Lifetime of an access token in seconds.',
  },
  {
    name: 'ADMIN_EMAIL',
    kind: 'string',
    description: 'With ADMIN_PASSWORD: at start, an admin with this email is created if no user has it yet.',
  },
  {
    name: 'ADMIN_PASSWORD',
    kind: 'string',
    secret: true,
    minLength: 12,
    description: 'Password of the ADMIN_EMAIL admin when it is created (at least 12 characters).',
  },
  {
    name: 'LOGIN_THROTTLE_WINDOW_SECONDS',
    kind: 'integer',
    min: 10,
    max: 86400,
    default: '900',
    description: 'Window over which failed sign-ins are counted for throttling.',
  },
  {
    name: 'LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_CLIENT',
    kind: 'integer',
    min: 1,
    max: 1000,
    default: '5',
    description:
      'Failed sign-ins for one email from one client address within the window before that address gets 429 for that email (the guesser is slowed; other accounts behind the same address, and the same account elsewhere, are not).',
  },
  {
    name: 'LOGIN_MAX_FAILURES_PER_ACCOUNT',
    kind: 'integer',
    min: 1,
    max: 1000,
    default: '25',
    description:
      'Failed sign-ins for one email from all addresses together within the window before every attempt at it gets 429 (against guessing spread over many addresses; 25 in 15 minutes keeps under the 100 an hour of OWASP ASVS 2.2.1).',
  },
  {
    name: 'EXPORT_PSEUDONYM_SECRET',
    kind: 'string',
    secret: true,
    minLength: 32,
    description:
      'Key of the pseudonymous ids in evaluator exports (HMAC-SHA-256; at least 32 characters). Keep it for the life of the programme: another key gives unrelated ids. Required when NODE_ENV=production. Unset: the embedded default keeps a random one in DATA_DIR; otherwise a random one per process (ids then change on every restart).',
  },
  {
    name: 'METRICS_TOKEN',
    kind: 'string',
    secret: true,
    minLength: 16,
    description:
      'Bearer token that `GET /metrics` (Prometheus text format) requires, on the API and on the worker’s WORKER_PORT (at least 16 characters). Unset: /metrics answers 404.',
  },
  {
    name: 'LOG_LEVEL',
    kind: 'enum',
    values: LOG_LEVELS,
    default: 'info',
    description: 'Minimum level of the JSON logs.',
  },
  {
    name: 'CLOCK_OFFSET_DAYS',
    kind: 'integer',
    min: -3650,
    max: 3650,
    default: '0',
    description:
      'Testing only: runs the programme’s clock this many days from the real date (the suite’s shifted-clock runs). Refused when NODE_ENV=production.',
  },
];
