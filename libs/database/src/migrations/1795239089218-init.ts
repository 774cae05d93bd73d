import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795239089218 implements MigrationInterface {
  name = 'Init1795239089218';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sites" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(120) NOT NULL, "demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4f5eccb1dfde10c9170502595a7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_sites_name" ON "sites"  ("name") `);
    await queryRunner.query(
      `CREATE TABLE "system_pings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "processed_at" TIMESTAMP WITH TIME ZONE, "processed_via" character varying(16), CONSTRAINT "PK_acd7b134fff4451d952688e4068" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "system_pings"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_sites_name"`);
    await queryRunner.query(`DROP TABLE "sites"`);
  }
}
