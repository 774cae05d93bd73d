import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CheckInsOnTheQueue1795242837044 implements MigrationInterface {
  name = 'CheckInsOnTheQueue1795242837044';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "subject_type" character varying(24) NOT NULL, "subject_id" uuid NOT NULL, "link_up_id" uuid, "facts" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, "email_status" character varying(8) NOT NULL DEFAULT 'not_sent', "emailed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_recipient_created" ON "notifications"  ("recipient_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_notifications_kind_subject_recipient" ON "notifications"  ("kind", "subject_id", "recipient_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "safeguarding_concern_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "concern_id" uuid NOT NULL, "kind" character varying(12) NOT NULL, "severity" character varying(16) NOT NULL, "status" character varying(8) NOT NULL, "decision" character varying(32), "link_up_effect" character varying(12), "note" text, "actor_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0d28eee517354ecaa9449032d22" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_safeguarding_concern_entries_concern_at" ON "safeguarding_concern_entries"  ("concern_id", "at") `,
    );
    await queryRunner.query(`ALTER TABLE "safeguarding_concerns" ADD "check_in_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "safeguarding_concerns" ADD "source" character varying(8) NOT NULL DEFAULT 'staff'`,
    );
    await queryRunner.query(`ALTER TABLE "safeguarding_concerns" ADD "triaged_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "safeguarding_concerns" ADD "escalated_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "safeguarding_concerns" ADD "version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(
      `CREATE INDEX "IDX_safeguarding_concerns_open_triage_due" ON "safeguarding_concerns"  ("triage_due_at") WHERE "status" = 'open'`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "FK_notifications_recipient" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safeguarding_concerns" ADD CONSTRAINT "FK_safeguarding_concerns_check_in" FOREIGN KEY ("check_in_id") REFERENCES "check_ins"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safeguarding_concern_entries" ADD CONSTRAINT "FK_safeguarding_concern_entries_concern" FOREIGN KEY ("concern_id") REFERENCES "safeguarding_concerns"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safeguarding_concern_entries" ADD CONSTRAINT "FK_safeguarding_concern_entries_actor" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Written by hand: a concern's history is append-only in the database too (amendments are new entries).
    await queryRunner.query(`CREATE FUNCTION "safeguarding_concern_entries_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'safeguarding_concern_entries is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
    await queryRunner.query(
      `CREATE TRIGGER "safeguarding_concern_entries_append_only" BEFORE UPDATE OR DELETE ON "safeguarding_concern_entries" FOR EACH ROW EXECUTE FUNCTION "safeguarding_concern_entries_refuse_change"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TRIGGER "safeguarding_concern_entries_append_only" ON "safeguarding_concern_entries"`,
    );
    await queryRunner.query(`DROP FUNCTION "safeguarding_concern_entries_refuse_change"()`);
    await queryRunner.query(
      `ALTER TABLE "safeguarding_concern_entries" DROP CONSTRAINT "FK_safeguarding_concern_entries_actor"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safeguarding_concern_entries" DROP CONSTRAINT "FK_safeguarding_concern_entries_concern"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safeguarding_concerns" DROP CONSTRAINT "FK_safeguarding_concerns_check_in"`,
    );
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "FK_notifications_recipient"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_safeguarding_concerns_open_triage_due"`);
    await queryRunner.query(`ALTER TABLE "safeguarding_concerns" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "safeguarding_concerns" DROP COLUMN "escalated_at"`);
    await queryRunner.query(`ALTER TABLE "safeguarding_concerns" DROP COLUMN "triaged_at"`);
    await queryRunner.query(`ALTER TABLE "safeguarding_concerns" DROP COLUMN "source"`);
    await queryRunner.query(`ALTER TABLE "safeguarding_concerns" DROP COLUMN "check_in_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_safeguarding_concern_entries_concern_at"`);
    await queryRunner.query(`DROP TABLE "safeguarding_concern_entries"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_notifications_kind_subject_recipient"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_notifications_recipient_created"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
  }
}
