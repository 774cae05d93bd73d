import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LinkUpFeedback1796544602405 implements MigrationInterface {
  name = 'LinkUpFeedback1796544602405';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "link_up_feedback_alerts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "link_up_id" uuid NOT NULL, "key" character varying(64) NOT NULL, "kind" character varying(8) NOT NULL, "period" integer NOT NULL, "question" character varying(16) NOT NULL, "low_viewpoint" character varying(8) NOT NULL, "low_rating" smallint NOT NULL, "high_viewpoint" character varying(8) NOT NULL, "high_rating" smallint NOT NULL, "detected_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_link_up_feedback_alerts_kind" CHECK ("kind" IN ('diverged', 'dropped')), CONSTRAINT "PK_77500dde8bea6d40b7330640082" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_link_up_feedback_alerts_link_up_key" ON "link_up_feedback_alerts"  ("link_up_id", "key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "link_up_feedback" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "link_up_id" uuid NOT NULL, "viewpoint" character varying(8) NOT NULL, "period" integer NOT NULL, "relationship" smallint NOT NULL, "change" smallint NOT NULL, "words" text, "given_by" uuid NOT NULL, "given_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_link_up_feedback_period" CHECK ("period" >= 1), CONSTRAINT "CHK_link_up_feedback_change" CHECK ("change" BETWEEN 1 AND 5), CONSTRAINT "CHK_link_up_feedback_relationship" CHECK ("relationship" BETWEEN 1 AND 5), CONSTRAINT "CHK_link_up_feedback_viewpoint" CHECK ("viewpoint" IN ('seeking', 'sharing', 'coach')), CONSTRAINT "PK_5ae664d877d69d342cf27633763" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_link_up_feedback_link_up_viewpoint_period" ON "link_up_feedback"  ("link_up_id", "viewpoint", "period") `,
    );
    await queryRunner.query(
      `ALTER TABLE "link_up_feedback_alerts" ADD CONSTRAINT "FK_link_up_feedback_alerts_link_up" FOREIGN KEY ("link_up_id") REFERENCES "link_ups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "link_up_feedback" ADD CONSTRAINT "FK_link_up_feedback_link_up" FOREIGN KEY ("link_up_id") REFERENCES "link_ups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "link_up_feedback" ADD CONSTRAINT "FK_link_up_feedback_given_by" FOREIGN KEY ("given_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "link_up_feedback" DROP CONSTRAINT "FK_link_up_feedback_given_by"`);
    await queryRunner.query(`ALTER TABLE "link_up_feedback" DROP CONSTRAINT "FK_link_up_feedback_link_up"`);
    await queryRunner.query(
      `ALTER TABLE "link_up_feedback_alerts" DROP CONSTRAINT "FK_link_up_feedback_alerts_link_up"`,
    );
    await queryRunner.query(`DROP INDEX "public"."UQ_link_up_feedback_link_up_viewpoint_period"`);
    await queryRunner.query(`DROP TABLE "link_up_feedback"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_link_up_feedback_alerts_link_up_key"`);
    await queryRunner.query(`DROP TABLE "link_up_feedback_alerts"`);
  }
}
