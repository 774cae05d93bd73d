import type { AppConfig } from '@app/config';
import path from 'node:path';
import { EmbeddedPostgresServer } from './embedded-postgres.server';

export const EMBEDDED_DATABASE_NAME = 'family_link';

/** Starts the embedded default's PostgreSQL in `<DATA_DIR>/postgres`. */
export function startEmbeddedDatabase(
  config: AppConfig,
  log: { notice: (message: string) => void; serverLine?: (line: string) => void },
): Promise<EmbeddedPostgresServer> {
  return EmbeddedPostgresServer.start({
    dataDir: path.resolve(config.embedded.dataDir, 'postgres'),
    port: config.embedded.port,
    database: EMBEDDED_DATABASE_NAME,
    relocateIfUnreachable: true,
    onNotice: log.notice,
    onLog: log.serverLine,
  });
}
