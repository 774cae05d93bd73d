import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: a shortlist waits for the Sharing family's answer after the Seeking family chose
 * (`awaiting_sharing_family`), and an exclusion lifted by a coach keeps why (`lift_reason`).
 */
export class DecisionSteps1796577169108 implements MigrationInterface {
  name = 'DecisionSteps1796577169108';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "match_proposals" DROP CONSTRAINT "CHK_match_proposals_status"`);
    await queryRunner.query(
      `ALTER TABLE "match_proposals" ADD CONSTRAINT "CHK_match_proposals_status" CHECK ("status" IN ('open', 'awaiting_sharing_family', 'chosen', 'declined', 'more_options_requested', 'sharing_family_declined', 'withdrawn'))`,
    );
    await queryRunner.query(`ALTER TABLE "match_exclusions" ADD "lift_reason" character varying(24)`);
    await queryRunner.query(
      `ALTER TABLE "match_exclusions" ADD CONSTRAINT "CHK_match_exclusions_lift_reason" CHECK ("lift_reason" IS NULL OR "lift_reason" IN ('recorded_in_error', 'family_changed_mind', 'circumstances_changed', 'other'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "match_exclusions" DROP CONSTRAINT "CHK_match_exclusions_lift_reason"`,
    );
    await queryRunner.query(`ALTER TABLE "match_exclusions" DROP COLUMN "lift_reason"`);
    await queryRunner.query(
      `UPDATE "match_proposals" SET "status" = 'withdrawn' WHERE "status" = 'awaiting_sharing_family'`,
    );
    await queryRunner.query(`ALTER TABLE "match_proposals" DROP CONSTRAINT "CHK_match_proposals_status"`);
    await queryRunner.query(
      `ALTER TABLE "match_proposals" ADD CONSTRAINT "CHK_match_proposals_status" CHECK ("status" IN ('open', 'chosen', 'declined', 'more_options_requested', 'sharing_family_declined', 'withdrawn'))`,
    );
  }
}
