import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Rows per table of the app's schema (not the queue's): to show a refused request wrote nothing. */
export async function countRows(app: INestApplicationContext): Promise<Record<string, number>> {
  const dataSource = app.get(DataSource);
  const tables = await dataSource.query<{ name: string }[]>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('migrations')
      ORDER BY table_name`,
  );
  if (tables.length === 0) return {};
  const union = tables
    .map((t) => `SELECT '${t.name}' AS name, count(*)::int AS n FROM "${t.name}"`)
    .join(' UNION ALL ');
  const rows = await dataSource.query<{ name: string; n: number }[]>(union);
  return Object.fromEntries(rows.map((r) => [r.name, r.n]));
}
