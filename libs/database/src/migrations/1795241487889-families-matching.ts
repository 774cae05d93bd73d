import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FamiliesMatching1795241487889 implements MigrationInterface {
  name = 'FamiliesMatching1795241487889';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "match_exclusions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seeking_family_id" uuid NOT NULL, "sharing_family_id" uuid NOT NULL, "reason" character varying(24) NOT NULL, "match_proposal_id" uuid, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "overridden_at" TIMESTAMP WITH TIME ZONE, "overridden_by" uuid, CONSTRAINT "CHK_match_exclusions_reason" CHECK ("reason" IN ('known_to_each_other', 'declined', 'ended_badly', 'other')), CONSTRAINT "PK_7fc19640141ade4d4fa2942efd4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_match_exclusions_seeking_family" ON "match_exclusions"  ("seeking_family_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_match_exclusions_sharing_family" ON "match_exclusions"  ("sharing_family_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_match_exclusions_live_pair" ON "match_exclusions"  ("seeking_family_id", "sharing_family_id") WHERE "overridden_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "match_proposals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "site_id" uuid NOT NULL, "seeking_family_id" uuid NOT NULL, "offered_by" uuid NOT NULL, "status" character varying(24) NOT NULL DEFAULT 'open', "candidates" jsonb NOT NULL, "settings_version" integer NOT NULL, "chosen_sharing_family_id" uuid, "link_up_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by" uuid, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_match_proposals_status" CHECK ("status" IN ('open', 'chosen', 'declined', 'more_options_requested', 'sharing_family_declined', 'withdrawn')), CONSTRAINT "PK_37eb97a731845dfc2f9dee1c4ee" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_match_proposals_seeking_family" ON "match_proposals"  ("seeking_family_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "families" ADD "interpreter_arranged" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "families" ADD "household_traits" text array`);
    await queryRunner.query(`ALTER TABLE "people" ADD "version" integer NOT NULL DEFAULT '1'`);
    // Widened in place (keeps the values): vocabulary keys are up to 64 characters.
    await queryRunner.query(`ALTER TABLE "people" ALTER COLUMN "age_band" TYPE character varying(64)`);
    // Widened in place (keeps the values): vocabulary keys are up to 64 characters.
    await queryRunner.query(`ALTER TABLE "people" ALTER COLUMN "language" TYPE character varying(64)`);
    await queryRunner.query(
      `ALTER TABLE "match_exclusions" ADD CONSTRAINT "FK_match_exclusions_seeking_family" FOREIGN KEY ("seeking_family_id") REFERENCES "families"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "match_exclusions" ADD CONSTRAINT "FK_match_exclusions_sharing_family" FOREIGN KEY ("sharing_family_id") REFERENCES "families"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "match_exclusions" ADD CONSTRAINT "FK_match_exclusions_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "match_proposals" ADD CONSTRAINT "FK_match_proposals_site" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "match_proposals" ADD CONSTRAINT "FK_match_proposals_seeking_family" FOREIGN KEY ("seeking_family_id") REFERENCES "families"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "match_proposals" ADD CONSTRAINT "FK_match_proposals_offered_by" FOREIGN KEY ("offered_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "match_proposals" DROP CONSTRAINT "FK_match_proposals_offered_by"`);
    await queryRunner.query(
      `ALTER TABLE "match_proposals" DROP CONSTRAINT "FK_match_proposals_seeking_family"`,
    );
    await queryRunner.query(`ALTER TABLE "match_proposals" DROP CONSTRAINT "FK_match_proposals_site"`);
    await queryRunner.query(
      `ALTER TABLE "match_exclusions" DROP CONSTRAINT "FK_match_exclusions_created_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "match_exclusions" DROP CONSTRAINT "FK_match_exclusions_sharing_family"`,
    );
    await queryRunner.query(
      `ALTER TABLE "match_exclusions" DROP CONSTRAINT "FK_match_exclusions_seeking_family"`,
    );
    await queryRunner.query(
      `ALTER TABLE "people" ALTER COLUMN "language" TYPE character varying(40) USING left("language", 40)`,
    );
    await queryRunner.query(
      `ALTER TABLE "people" ALTER COLUMN "age_band" TYPE character varying(8) USING left("age_band", 8)`,
    );
    await queryRunner.query(`ALTER TABLE "people" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "families" DROP COLUMN "household_traits"`);
    await queryRunner.query(`ALTER TABLE "families" DROP COLUMN "interpreter_arranged"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_match_proposals_seeking_family"`);
    await queryRunner.query(`DROP TABLE "match_proposals"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_match_exclusions_live_pair"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_match_exclusions_sharing_family"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_match_exclusions_seeking_family"`);
    await queryRunner.query(`DROP TABLE "match_exclusions"`);
  }
}
