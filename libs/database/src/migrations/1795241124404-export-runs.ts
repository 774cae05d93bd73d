import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ExportRuns1795241124404 implements MigrationInterface {
  name = 'ExportRuns1795241124404';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "export_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(24) NOT NULL, "actor_id" uuid NOT NULL, "actor_role" character varying(16) NOT NULL, "request_id" character varying(64), "filters" jsonb NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'running', "row_count" integer, "byte_count" bigint, "sha256" character(64), "failure_code" character varying(32), "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_export_runs_status" CHECK ("status" IN ('running', 'finished', 'failed')), CONSTRAINT "CHK_export_runs_kind" CHECK ("kind" IN ('link_ups', 'goals', 'outcome_measures', 'summary_report')), CONSTRAINT "PK_951ec57b7d6f6ad02ea305f4ee0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_export_runs_actor" ON "export_runs"  ("actor_id", "started_at") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_export_runs_started_at" ON "export_runs"  ("started_at") `);
    await queryRunner.query(
      `ALTER TABLE "export_runs" ADD CONSTRAINT "FK_export_runs_actor" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "export_runs" DROP CONSTRAINT "FK_export_runs_actor"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_export_runs_started_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_export_runs_actor"`);
    await queryRunner.query(`DROP TABLE "export_runs"`);
  }
}
