import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MatchingIndexes1795242971507 implements MigrationInterface {
  name = 'MatchingIndexes1795242971507';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_match_proposals_chosen_sharing_family" ON "match_proposals"  ("chosen_sharing_family_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_match_proposals_link_up" ON "match_proposals"  ("link_up_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_match_exclusions_match_proposal" ON "match_exclusions"  ("match_proposal_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "match_proposals" ADD CONSTRAINT "FK_match_proposals_chosen_sharing_family" FOREIGN KEY ("chosen_sharing_family_id") REFERENCES "families"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "match_proposals" ADD CONSTRAINT "FK_match_proposals_link_up" FOREIGN KEY ("link_up_id") REFERENCES "link_ups"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "match_exclusions" ADD CONSTRAINT "FK_match_exclusions_match_proposal" FOREIGN KEY ("match_proposal_id") REFERENCES "match_proposals"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "match_exclusions" DROP CONSTRAINT "FK_match_exclusions_match_proposal"`,
    );
    await queryRunner.query(`ALTER TABLE "match_proposals" DROP CONSTRAINT "FK_match_proposals_link_up"`);
    await queryRunner.query(
      `ALTER TABLE "match_proposals" DROP CONSTRAINT "FK_match_proposals_chosen_sharing_family"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_match_exclusions_match_proposal"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_match_proposals_link_up"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_match_proposals_chosen_sharing_family"`);
  }
}
