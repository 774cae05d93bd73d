import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CheckInsAndConcerns1795240622331 implements MigrationInterface {
  name = 'CheckInsAndConcerns1795240622331';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "check_ins" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "link_up_id" uuid NOT NULL, "party" character varying(8) NOT NULL, "kind" character varying(16) NOT NULL, "plan_key" character varying(160), "status" character varying(12) NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "overdue_at" TIMESTAMP WITH TIME ZONE NOT NULL, "held_at" TIMESTAMP WITH TIME ZONE, "mode" character varying(12), "notes" text, "relationship_rating" smallint, "wellbeing_rating" smallint, "completed_by" uuid, "cancelled_reason" character varying(24), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_check_ins_wellbeing_rating" CHECK ("wellbeing_rating" IS NULL OR "wellbeing_rating" BETWEEN 1 AND 5), CONSTRAINT "CHK_check_ins_relationship_rating" CHECK ("relationship_rating" IS NULL OR "relationship_rating" BETWEEN 1 AND 5), CONSTRAINT "PK_fac7f27bc829a454ad477c13f62" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_check_ins_link_up_status" ON "check_ins"  ("link_up_id", "status") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_check_ins_status_due" ON "check_ins"  ("status", "due_at") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_check_ins_plan_key" ON "check_ins"  ("link_up_id", "plan_key") WHERE "plan_key" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "safeguarding_concerns" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "site_id" uuid NOT NULL, "link_up_id" uuid, "family_id" uuid, "severity" character varying(16) NOT NULL, "status" character varying(8) NOT NULL DEFAULT 'open', "description" text NOT NULL, "triage_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "raised_by" uuid NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_safeguarding_concerns_status" CHECK ("status" IN ('open', 'triaged', 'closed')), CONSTRAINT "CHK_safeguarding_concerns_severity" CHECK ("severity" IN ('immediate_danger', 'high', 'medium', 'low')), CONSTRAINT "PK_7fd31966e8aeab206d4e1b0c49d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_safeguarding_concerns_site_status" ON "safeguarding_concerns"  ("site_id", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_safeguarding_concerns_link_up_status" ON "safeguarding_concerns"  ("link_up_id", "status") `,
    );
    await queryRunner.query(
      `ALTER TABLE "check_ins" ADD CONSTRAINT "FK_check_ins_link_up" FOREIGN KEY ("link_up_id") REFERENCES "link_ups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "check_ins" ADD CONSTRAINT "FK_check_ins_completed_by" FOREIGN KEY ("completed_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safeguarding_concerns" ADD CONSTRAINT "FK_safeguarding_concerns_site" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safeguarding_concerns" ADD CONSTRAINT "FK_safeguarding_concerns_link_up" FOREIGN KEY ("link_up_id") REFERENCES "link_ups"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safeguarding_concerns" ADD CONSTRAINT "FK_safeguarding_concerns_family" FOREIGN KEY ("family_id") REFERENCES "families"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safeguarding_concerns" ADD CONSTRAINT "FK_safeguarding_concerns_raised_by" FOREIGN KEY ("raised_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "safeguarding_concerns" DROP CONSTRAINT "FK_safeguarding_concerns_raised_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safeguarding_concerns" DROP CONSTRAINT "FK_safeguarding_concerns_family"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safeguarding_concerns" DROP CONSTRAINT "FK_safeguarding_concerns_link_up"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safeguarding_concerns" DROP CONSTRAINT "FK_safeguarding_concerns_site"`,
    );
    await queryRunner.query(`ALTER TABLE "check_ins" DROP CONSTRAINT "FK_check_ins_completed_by"`);
    await queryRunner.query(`ALTER TABLE "check_ins" DROP CONSTRAINT "FK_check_ins_link_up"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_safeguarding_concerns_link_up_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_safeguarding_concerns_site_status"`);
    await queryRunner.query(`DROP TABLE "safeguarding_concerns"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_check_ins_plan_key"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_check_ins_status_due"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_check_ins_link_up_status"`);
    await queryRunner.query(`DROP TABLE "check_ins"`);
  }
}
