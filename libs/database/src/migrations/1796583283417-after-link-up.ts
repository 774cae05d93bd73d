import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 16, item 1: a family's status history, and a re-match's link to the link-up before it. */
export class AfterLinkUp1796583283417 implements MigrationInterface {
  name = 'AfterLinkUp1796583283417';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "family_status_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "family_id" uuid NOT NULL, "from_status" character varying(16), "to_status" character varying(16) NOT NULL, "cause" character varying(24) NOT NULL, "link_up_id" uuid, "reason" character varying(40), "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid, CONSTRAINT "PK_186aad8abcd79b769ce69f7a374" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_family_status_events_family_at" ON "family_status_events"  ("family_id", "at") `,
    );
    await queryRunner.query(`ALTER TABLE "link_ups" ADD "previous_link_up_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "link_ups" ADD CONSTRAINT "FK_link_ups_previous_link_up" FOREIGN KEY ("previous_link_up_id") REFERENCES "link_ups"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_status_events" ADD CONSTRAINT "FK_family_status_events_family" FOREIGN KEY ("family_id") REFERENCES "families"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "family_status_events" DROP CONSTRAINT "FK_family_status_events_family"`,
    );
    await queryRunner.query(`ALTER TABLE "link_ups" DROP CONSTRAINT "FK_link_ups_previous_link_up"`);
    await queryRunner.query(`ALTER TABLE "link_ups" DROP COLUMN "previous_link_up_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_family_status_events_family_at"`);
    await queryRunner.query(`DROP TABLE "family_status_events"`);
  }
}
