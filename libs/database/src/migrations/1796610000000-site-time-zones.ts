import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 (item 5) and issue 11: each site keeps its own time zone (an IANA name), in which its
 * "today", due dates and check expiries are read. Existing sites get the programme's default.
 */
export class SiteTimeZones1796610000000 implements MigrationInterface {
  name = 'SiteTimeZones1796610000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "sites" ADD "time_zone" character varying(64) NOT NULL DEFAULT 'Australia/Adelaide'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sites" DROP COLUMN "time_zone"`);
  }
}
