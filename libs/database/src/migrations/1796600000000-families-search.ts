import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: the families list searches part of a household name, a person's preferred name or a
 * suburb (`ILIKE '%…%'`), which a b-tree cannot serve; trigram indexes can. pg_trgm is a trusted
 * extension (PostgreSQL 13+), so the database owner may create it.
 */
export class FamiliesSearch1796600000000 implements MigrationInterface {
  name = 'FamiliesSearch1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "IDX_families_display_name_trgm" ON "families" USING gin ("display_name" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_families_suburb_trgm" ON "families" USING gin ("suburb" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_people_preferred_name_trgm" ON "people" USING gin ("preferred_name" gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_people_preferred_name_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_families_suburb_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_families_display_name_trgm"`);
  }
}
