import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FamiliesAndLinkUps1795240267864 implements MigrationInterface {
  name = 'FamiliesAndLinkUps1795240267864';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "families" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(8) NOT NULL, "status" character varying(16) NOT NULL, "display_name" character varying(120) NOT NULL, "site_id" uuid NOT NULL, "primary_coach_id" uuid, "suburb" character varying(80), "postcode" character varying(4), "latitude" double precision, "longitude" double precision, "languages" text array NOT NULL DEFAULT '{}', "interpreter_needed" boolean NOT NULL DEFAULT false, "interests" text array, "life_experiences" text array, "goal_themes" text array, "strengths" text array, "availability_slots" text array, "children_age_bands" text array, "max_concurrent_link_ups" smallint NOT NULL DEFAULT '1', "avoidances" jsonb NOT NULL DEFAULT '[]', "training_completed_at" TIMESTAMP WITH TIME ZONE, "coach_sign_off_by" uuid, "coach_sign_off_at" TIMESTAMP WITH TIME ZONE, "waiting_since" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_families_longitude" CHECK ("longitude" IS NULL OR "longitude" BETWEEN -180 AND 180), CONSTRAINT "CHK_families_latitude" CHECK ("latitude" IS NULL OR "latitude" BETWEEN -90 AND 90), CONSTRAINT "CHK_families_capacity" CHECK ("max_concurrent_link_ups" BETWEEN 1 AND 3), CONSTRAINT "CHK_families_kind" CHECK ("kind" IN ('seeking', 'sharing')), CONSTRAINT "PK_70414ac0c8f45664cf71324b9bb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_families_primary_coach" ON "families"  ("primary_coach_id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_families_site_kind_status" ON "families"  ("site_id", "kind", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "consents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "family_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "granted_by" uuid NOT NULL, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "withdrawn_by" uuid, CONSTRAINT "PK_9efc68eb6aba7d638fb6ea034dd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_consents_family" ON "consents"  ("family_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_consents_open_grant" ON "consents"  ("family_id", "kind") WHERE "withdrawn_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "people" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "family_id" uuid NOT NULL, "role" character varying(8) NOT NULL, "preferred_name" character varying(80) NOT NULL, "legal_name" character varying(160), "birth_year" smallint, "age_band" character varying(8), "pronouns" character varying(40), "language" character varying(40), "interpreter_needed" boolean NOT NULL DEFAULT false, "communication_needs" character varying(500), "wwcc_number" character varying(40), "wwcc_expires_on" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_aa866e71353ee94c6cc51059c5b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_people_family" ON "people"  ("family_id") `);
    await queryRunner.query(
      `CREATE TABLE "link_ups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "site_id" uuid NOT NULL, "seeking_family_id" uuid NOT NULL, "sharing_family_id" uuid NOT NULL, "coach_id" uuid NOT NULL, "match_proposal_id" uuid, "stage" character varying(24) NOT NULL DEFAULT 'relationship_building', "status" character varying(16) NOT NULL DEFAULT 'active', "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "planned_weeks" smallint NOT NULL DEFAULT '20', "paused_since" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "closure_reason" character varying(40), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_link_ups_status" CHECK ("status" IN ('active', 'paused', 'completed', 'ended_early')), CONSTRAINT "CHK_link_ups_stage" CHECK ("stage" IN ('relationship_building', 'doing_with', 'doing_without')), CONSTRAINT "PK_f7af1152e4b649f044492bb2cbb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_link_ups_coach" ON "link_ups"  ("coach_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_link_ups_site_status" ON "link_ups"  ("site_id", "status") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_link_ups_sharing_status" ON "link_ups"  ("sharing_family_id", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_link_ups_live_seeking_family" ON "link_ups"  ("seeking_family_id") WHERE "status" IN ('active', 'paused')`,
    );
    await queryRunner.query(
      `CREATE TABLE "link_up_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "link_up_id" uuid NOT NULL, "kind" character varying(24) NOT NULL, "from_stage" character varying(24), "to_stage" character varying(24), "from_status" character varying(16), "to_status" character varying(16), "from_coach_id" uuid, "to_coach_id" uuid, "reason" character varying(500), "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid NOT NULL, CONSTRAINT "PK_c79f113244ed18a493dc72b40c4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_link_up_events_link_up_at" ON "link_up_events"  ("link_up_id", "at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_users_family" FOREIGN KEY ("family_id") REFERENCES "families"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "families" ADD CONSTRAINT "FK_families_site" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "families" ADD CONSTRAINT "FK_families_primary_coach" FOREIGN KEY ("primary_coach_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consents" ADD CONSTRAINT "FK_consents_family" FOREIGN KEY ("family_id") REFERENCES "families"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consents" ADD CONSTRAINT "FK_consents_granted_by" FOREIGN KEY ("granted_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "people" ADD CONSTRAINT "FK_people_family" FOREIGN KEY ("family_id") REFERENCES "families"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "link_ups" ADD CONSTRAINT "FK_link_ups_site" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "link_ups" ADD CONSTRAINT "FK_link_ups_seeking_family" FOREIGN KEY ("seeking_family_id") REFERENCES "families"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "link_ups" ADD CONSTRAINT "FK_link_ups_sharing_family" FOREIGN KEY ("sharing_family_id") REFERENCES "families"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "link_ups" ADD CONSTRAINT "FK_link_ups_coach" FOREIGN KEY ("coach_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "link_up_events" ADD CONSTRAINT "FK_link_up_events_link_up" FOREIGN KEY ("link_up_id") REFERENCES "link_ups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "link_up_events" ADD CONSTRAINT "FK_link_up_events_actor" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "link_up_events" DROP CONSTRAINT "FK_link_up_events_actor"`);
    await queryRunner.query(`ALTER TABLE "link_up_events" DROP CONSTRAINT "FK_link_up_events_link_up"`);
    await queryRunner.query(`ALTER TABLE "link_ups" DROP CONSTRAINT "FK_link_ups_coach"`);
    await queryRunner.query(`ALTER TABLE "link_ups" DROP CONSTRAINT "FK_link_ups_sharing_family"`);
    await queryRunner.query(`ALTER TABLE "link_ups" DROP CONSTRAINT "FK_link_ups_seeking_family"`);
    await queryRunner.query(`ALTER TABLE "link_ups" DROP CONSTRAINT "FK_link_ups_site"`);
    await queryRunner.query(`ALTER TABLE "people" DROP CONSTRAINT "FK_people_family"`);
    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "FK_consents_granted_by"`);
    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "FK_consents_family"`);
    await queryRunner.query(`ALTER TABLE "families" DROP CONSTRAINT "FK_families_primary_coach"`);
    await queryRunner.query(`ALTER TABLE "families" DROP CONSTRAINT "FK_families_site"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_users_family"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_link_up_events_link_up_at"`);
    await queryRunner.query(`DROP TABLE "link_up_events"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_link_ups_live_seeking_family"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_link_ups_sharing_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_link_ups_site_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_link_ups_coach"`);
    await queryRunner.query(`DROP TABLE "link_ups"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_people_family"`);
    await queryRunner.query(`DROP TABLE "people"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_consents_open_grant"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_consents_family"`);
    await queryRunner.query(`DROP TABLE "consents"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_families_site_kind_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_families_primary_coach"`);
    await queryRunner.query(`DROP TABLE "families"`);
  }
}
