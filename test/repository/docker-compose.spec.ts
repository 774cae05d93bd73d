import { CONFIG_VARIABLES, loadConfig } from '@app/config';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

// There is no Docker engine on the build machines: these checks keep the compose file and the
// Dockerfiles honest by reading them.

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const root = path.resolve(__dirname, '../..');
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const services = compose.services;
const known = new Set(CONFIG_VARIABLES.map((v) => v.name));

/**
 * Compose interpolation: `${NAME:-default}` → `default`; `${NAME:?message}` (must be given by the
 * operator) → a stand-in secret, so the values can be validated like real ones.
 */
const resolve = (value: string): string =>
  value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1').replace(/\$\{[A-Z_]+:\?[^}]*\}/g, 'x'.repeat(48));

describe('docker-compose.yml', () => {
  it('runs postgres, redis, a one-shot migration, the api and the worker', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'migrate', 'postgres', 'redis', 'worker']);
  });

  it.each(['migrate', 'api', 'worker'])(
    '%s passes only variables the config schema knows, and they validate',
    (name) => {
      const environment = services[name].environment ?? {};
      expect(Object.keys(environment).filter((key) => !known.has(key))).toEqual([]);
      const env = Object.fromEntries(Object.entries(environment).map(([k, v]) => [k, resolve(String(v))]));
      const config = loadConfig(env);
      // Production shape: external PostgreSQL and Redis, nothing embedded, no demo data.
      expect(config.isEmbedded).toBe(false);
      expect(config.queueBackend).toBe('redis');
      expect(config.seedDemo).toBe(false);
    },
  );

  it('points the apps at the compose services', () => {
    for (const name of ['migrate', 'api', 'worker']) {
      const env = services[name].environment ?? {};
      expect(new URL(resolve(env.DATABASE_URL)).host).toBe('postgres:5432');
      expect(new URL(env.REDIS_URL).host).toBe('redis:6379');
    }
  });

  it('starts the api and worker only after the migration succeeded and Redis is healthy', () => {
    for (const name of ['api', 'worker']) {
      expect(services[name].depends_on).toEqual({
        migrate: { condition: 'service_completed_successfully' },
        redis: { condition: 'service_healthy' },
      });
    }
    expect(services.migrate.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(services.migrate.command).toEqual(['node', 'dist/libs/database/src/cli.js', 'run']);
  });

  it('gives every long-running service a health check; the apps check readiness', () => {
    for (const name of ['postgres', 'redis', 'api', 'worker'])
      expect(services[name].healthcheck).toBeDefined();
    expect(services.api.healthcheck?.test.join(' ')).toContain('3000/health/ready');
    expect(services.worker.healthcheck?.test.join(' ')).toContain('3001/health/ready');
  });

  it('builds from Dockerfiles that exist, are multi-stage, run as a non-root user and start the right entry point', () => {
    const entry: Record<string, string> = {
      api: 'dist/apps/api/src/main.js',
      worker: 'dist/apps/worker/src/main.js',
    };
    for (const name of ['migrate', 'api', 'worker']) {
      const build = services[name].build;
      expect(build).toBeDefined();
      const file = path.join(root, build?.dockerfile ?? '');
      expect(existsSync(file)).toBe(true);
      const dockerfile = readFileSync(file, 'utf8');
      expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
      expect(dockerfile).toMatch(/^USER app$/m);
      expect(dockerfile).toContain('npm run build');
      if (name in entry) {
        expect(dockerfile).toContain(`CMD ["node", "${entry[name]}"]`);
        expect(existsSync(path.join(root, entry[name].replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(
          true,
        );
      }
    }
  });
});
