import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LinkUpJourney1795241172849 implements MigrationInterface {
  name = 'LinkUpJourney1795241172849';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "get_togethers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "link_up_id" uuid NOT NULL, "held_on" date NOT NULL, "kind" character varying(24) NOT NULL, "children_involved" boolean NOT NULL, "recorded_by" uuid NOT NULL, "recorded_by_role" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_get_togethers_kind" CHECK ("kind" IN ('chat', 'fun_activity', 'side_by_side', 'community_connection')), CONSTRAINT "PK_d843a8a977565a586f51585e8d2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_get_togethers_link_up_held" ON "get_togethers"  ("link_up_id", "held_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "goals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "link_up_id" uuid NOT NULL, "family_id" uuid NOT NULL, "text" character varying(500) NOT NULL, "theme" character varying(64) NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'active', "status_changed_at" TIMESTAMP WITH TIME ZONE, "recorded_by" uuid NOT NULL, "recorded_by_role" character varying(16) NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_goals_status" CHECK ("status" IN ('active', 'achieved', 'set_aside')), CONSTRAINT "PK_26e17b251afab35580dff769223" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_goals_family" ON "goals"  ("family_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_goals_link_up_status" ON "goals"  ("link_up_id", "status") `);
    await queryRunner.query(
      `CREATE TABLE "goal_ratings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "goal_id" uuid NOT NULL, "link_up_id" uuid NOT NULL, "rating" smallint NOT NULL, "rated_by" character varying(8) NOT NULL, "rated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_goal_ratings_rated_by" CHECK ("rated_by" IN ('family', 'coach', 'joint')), CONSTRAINT "CHK_goal_ratings_rating" CHECK ("rating" BETWEEN -2 AND 2), CONSTRAINT "PK_e7eed2949e7cbe210a51edcbc9d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_goal_ratings_link_up_rated_at" ON "goal_ratings"  ("link_up_id", "rated_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_goal_ratings_goal_rated_at" ON "goal_ratings"  ("goal_id", "rated_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "small_wins" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "link_up_id" uuid NOT NULL, "family_id" uuid NOT NULL, "goal_id" uuid, "text" character varying(280) NOT NULL, "occurred_on" date NOT NULL, "visibility" character varying(12) NOT NULL, "recorded_by" uuid NOT NULL, "recorded_by_role" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_small_wins_visibility" CHECK ("visibility" IN ('link_up', 'coach_only')), CONSTRAINT "PK_d36c689b0d987a2e242b6f7d47d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_small_wins_link_up_occurred" ON "small_wins"  ("link_up_id", "occurred_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "outcome_measures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "family_id" uuid NOT NULL, "link_up_id" uuid, "instrument" character varying(40) NOT NULL, "timepoint" character varying(12) NOT NULL, "score" double precision, "declined" boolean NOT NULL DEFAULT false, "decline_reason" character varying(24), "administered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "assessed_by" character varying(8) NOT NULL, "recorded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_outcome_measures_score_or_declined" CHECK (("declined" AND "score" IS NULL AND "decline_reason" IS NOT NULL) OR (NOT "declined" AND "score" IS NOT NULL AND "decline_reason" IS NULL)), CONSTRAINT "CHK_outcome_measures_timepoint" CHECK ("timepoint" IN ('baseline', 'review', 'exit', 'follow_up')), CONSTRAINT "PK_fe0031f37f50292db0d7ac496a9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_outcome_measures_link_up" ON "outcome_measures"  ("link_up_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_outcome_measures_family_timepoint" ON "outcome_measures"  ("family_id", "timepoint", "administered_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "get_togethers" ADD CONSTRAINT "FK_get_togethers_link_up" FOREIGN KEY ("link_up_id") REFERENCES "link_ups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "get_togethers" ADD CONSTRAINT "FK_get_togethers_recorded_by" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "goals" ADD CONSTRAINT "FK_goals_link_up" FOREIGN KEY ("link_up_id") REFERENCES "link_ups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "goals" ADD CONSTRAINT "FK_goals_family" FOREIGN KEY ("family_id") REFERENCES "families"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "goals" ADD CONSTRAINT "FK_goals_recorded_by" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "goal_ratings" ADD CONSTRAINT "FK_goal_ratings_goal" FOREIGN KEY ("goal_id") REFERENCES "goals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "goal_ratings" ADD CONSTRAINT "FK_goal_ratings_link_up" FOREIGN KEY ("link_up_id") REFERENCES "link_ups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "goal_ratings" ADD CONSTRAINT "FK_goal_ratings_recorded_by" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "small_wins" ADD CONSTRAINT "FK_small_wins_link_up" FOREIGN KEY ("link_up_id") REFERENCES "link_ups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "small_wins" ADD CONSTRAINT "FK_small_wins_family" FOREIGN KEY ("family_id") REFERENCES "families"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "small_wins" ADD CONSTRAINT "FK_small_wins_goal" FOREIGN KEY ("goal_id") REFERENCES "goals"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "small_wins" ADD CONSTRAINT "FK_small_wins_recorded_by" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "outcome_measures" ADD CONSTRAINT "FK_outcome_measures_family" FOREIGN KEY ("family_id") REFERENCES "families"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "outcome_measures" ADD CONSTRAINT "FK_outcome_measures_link_up" FOREIGN KEY ("link_up_id") REFERENCES "link_ups"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "outcome_measures" ADD CONSTRAINT "FK_outcome_measures_recorded_by" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "outcome_measures" DROP CONSTRAINT "FK_outcome_measures_recorded_by"`,
    );
    await queryRunner.query(`ALTER TABLE "outcome_measures" DROP CONSTRAINT "FK_outcome_measures_link_up"`);
    await queryRunner.query(`ALTER TABLE "outcome_measures" DROP CONSTRAINT "FK_outcome_measures_family"`);
    await queryRunner.query(`ALTER TABLE "small_wins" DROP CONSTRAINT "FK_small_wins_recorded_by"`);
    await queryRunner.query(`ALTER TABLE "small_wins" DROP CONSTRAINT "FK_small_wins_goal"`);
    await queryRunner.query(`ALTER TABLE "small_wins" DROP CONSTRAINT "FK_small_wins_family"`);
    await queryRunner.query(`ALTER TABLE "small_wins" DROP CONSTRAINT "FK_small_wins_link_up"`);
    await queryRunner.query(`ALTER TABLE "goal_ratings" DROP CONSTRAINT "FK_goal_ratings_recorded_by"`);
    await queryRunner.query(`ALTER TABLE "goal_ratings" DROP CONSTRAINT "FK_goal_ratings_link_up"`);
    await queryRunner.query(`ALTER TABLE "goal_ratings" DROP CONSTRAINT "FK_goal_ratings_goal"`);
    await queryRunner.query(`ALTER TABLE "goals" DROP CONSTRAINT "FK_goals_recorded_by"`);
    await queryRunner.query(`ALTER TABLE "goals" DROP CONSTRAINT "FK_goals_family"`);
    await queryRunner.query(`ALTER TABLE "goals" DROP CONSTRAINT "FK_goals_link_up"`);
    await queryRunner.query(`ALTER TABLE "get_togethers" DROP CONSTRAINT "FK_get_togethers_recorded_by"`);
    await queryRunner.query(`ALTER TABLE "get_togethers" DROP CONSTRAINT "FK_get_togethers_link_up"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_outcome_measures_family_timepoint"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_outcome_measures_link_up"`);
    await queryRunner.query(`DROP TABLE "outcome_measures"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_small_wins_link_up_occurred"`);
    await queryRunner.query(`DROP TABLE "small_wins"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_goal_ratings_goal_rated_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_goal_ratings_link_up_rated_at"`);
    await queryRunner.query(`DROP TABLE "goal_ratings"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_goals_link_up_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_goals_family"`);
    await queryRunner.query(`DROP TABLE "goals"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_get_togethers_link_up_held"`);
    await queryRunner.query(`DROP TABLE "get_togethers"`);
  }
}
