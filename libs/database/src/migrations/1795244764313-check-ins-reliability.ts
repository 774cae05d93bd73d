import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CheckInsReliability1795244764313 implements MigrationInterface {
  name = 'CheckInsReliability1795244764313';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_check_ins_pending_overdue" ON "check_ins"  ("overdue_at") WHERE "status" IN ('scheduled', 'due')`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_check_ins_pending_due" ON "check_ins"  ("due_at") WHERE "status" IN ('scheduled', 'due')`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_email_pending_created" ON "notifications"  ("created_at") WHERE "email_status" = 'pending'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_notifications_email_pending_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_check_ins_pending_due"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_check_ins_pending_overdue"`);
  }
}
