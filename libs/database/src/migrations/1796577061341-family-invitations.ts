import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FamilyInvitations1796577061341 implements MigrationInterface {
  name = 'FamilyInvitations1796577061341';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "family_invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "family_id" uuid NOT NULL, "email" character varying(254) NOT NULL, "display_name" character varying(120) NOT NULL, "token_hash" character varying(64) NOT NULL, "code_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "joined_at" TIMESTAMP WITH TIME ZONE, "joined_user_id" uuid, "invited_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_194a34606a15ead627d3d943353" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_family_invitations_family" ON "family_invitations"  ("family_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_family_invitations_token_hash" ON "family_invitations"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_family_invitations_code_hash" ON "family_invitations"  ("code_hash") `,
    );
    await queryRunner.query(
      `ALTER TABLE "family_invitations" ADD CONSTRAINT "FK_family_invitations_family" FOREIGN KEY ("family_id") REFERENCES "families"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_invitations" ADD CONSTRAINT "FK_family_invitations_joined_user" FOREIGN KEY ("joined_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_invitations" ADD CONSTRAINT "FK_family_invitations_invited_by" FOREIGN KEY ("invited_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "family_invitations" DROP CONSTRAINT "FK_family_invitations_invited_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_invitations" DROP CONSTRAINT "FK_family_invitations_joined_user"`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_invitations" DROP CONSTRAINT "FK_family_invitations_family"`,
    );
    await queryRunner.query(`DROP INDEX "public"."UQ_family_invitations_code_hash"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_family_invitations_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_family_invitations_family"`);
    await queryRunner.query(`DROP TABLE "family_invitations"`);
  }
}
