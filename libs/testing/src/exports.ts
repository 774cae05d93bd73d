import {
  Clock,
  ConsentsService,
  ExportRun,
  LinkUpsService,
  OutcomeMeasuresService,
  TransactionContext,
  type Family,
  type LinkUp,
  type LinkUpEvent,
  type User,
} from '@app/core';
import type { EndEarlyReason, LinkUpStage } from '@app/domain';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { callerOf, makeFamily } from './families';
import { startLinkUpOf } from './start-link-up';
import { waitFor } from './wait-for';

/** One step of a link-up's history, at a chosen time (for exports and reports). */
export type LinkUpStep =
  | {
      readonly kind: 'advance' | 'back';
      readonly to: LinkUpStage;
      readonly at: Date;
      readonly reason?: string;
    }
  | { readonly kind: 'pause'; readonly at: Date; readonly reason?: string }
  | { readonly kind: 'resume'; readonly at: Date }
  | { readonly kind: 'complete'; readonly at: Date; readonly closureReason: string }
  | { readonly kind: 'end_early'; readonly at: Date; readonly reason: EndEarlyReason; readonly note?: string }
  | { readonly kind: 'change_coach'; readonly at: Date; readonly to: User };

export interface LinkUpStory {
  readonly seeking: Family;
  readonly sharing: Family;
  readonly startedAt: Date;
  readonly plannedWeeks?: number;
  readonly steps?: readonly LinkUpStep[];
}

/**
 * A link-up started by `coach` and taken through `steps`, each recorded at its own time through the
 * link-ups seam (`startLinkUp`, `lockLinkUpForChange`, `recordChange`): the stage guards are not
 * consulted, so tests can build any history the exports and reports must read.
 */
export async function makeLinkUpWithHistory(
  app: INestApplicationContext,
  coach: User,
  story: LinkUpStory,
): Promise<LinkUp> {
  if (coach.siteId === null) throw new Error('makeLinkUpWithHistory: the coach needs a site');
  const linkUps = app.get(LinkUpsService);
  const actor = callerOf(coach).actor;
  return app.get(TransactionContext).run(async () => {
    let linkUp = await startLinkUpOf(app, coach, {
      seekingFamilyId: story.seeking.id,
      sharingFamilyId: story.sharing.id,
      startedAt: story.startedAt,
      plannedWeeks: story.plannedWeeks,
    });
    for (const step of story.steps ?? []) {
      const locked = await linkUps.lockLinkUpForChange(
        { ...actor, role: 'admin' },
        linkUp.id,
        linkUp.version,
      );
      const base: Omit<LinkUpEvent, 'id' | 'linkUpId' | 'linkUp' | 'actor' | 'kind'> = {
        fromStage: locked.stage,
        toStage: locked.stage,
        fromStatus: locked.status,
        toStatus: locked.status,
        fromCoachId: locked.coachId,
        toCoachId: locked.coachId,
        reason: null,
        at: step.at,
        actorId: coach.id,
      };
      switch (step.kind) {
        case 'advance':
        case 'back':
          linkUp = await linkUps.recordChange(
            locked,
            { stage: step.to },
            {
              ...base,
              kind: step.kind === 'advance' ? 'stage_advanced' : 'stage_moved_back',
              toStage: step.to,
              reason: step.reason ?? null,
            },
          );
          break;
        case 'pause':
          linkUp = await linkUps.recordChange(
            locked,
            { status: 'paused', pausedSince: step.at },
            {
              ...base,
              kind: 'paused',
              toStatus: 'paused',
              reason: step.reason ?? null,
            },
          );
          break;
        case 'resume':
          linkUp = await linkUps.recordChange(
            locked,
            { status: 'active', pausedSince: null },
            {
              ...base,
              kind: 'resumed',
              toStatus: 'active',
            },
          );
          break;
        case 'complete':
          linkUp = await linkUps.recordChange(
            locked,
            { status: 'completed', endedAt: step.at, closureReason: step.closureReason, pausedSince: null },
            { ...base, kind: 'completed', toStatus: 'completed', reason: step.closureReason },
          );
          break;
        case 'end_early':
          linkUp = await linkUps.recordChange(
            locked,
            { status: 'ended_early', endedAt: step.at, closureReason: step.reason, pausedSince: null },
            { ...base, kind: 'ended_early', toStatus: 'ended_early', reason: step.note ?? null },
          );
          break;
        case 'change_coach':
          linkUp = await linkUps.recordChange(
            locked,
            { coachId: step.to.id },
            {
              ...base,
              kind: 'coach_changed',
              toCoachId: step.to.id,
            },
          );
          break;
      }
    }
    return linkUp;
  });
}

/** Grants (or withdraws) the family's `evaluation_use` consent, recorded by `staff`. */
export async function setEvaluationConsent(
  app: INestApplicationContext,
  staff: User,
  family: Family,
  granted: boolean,
): Promise<void> {
  const consents = app.get(ConsentsService);
  if (granted) await consents.grantConsent(callerOf(staff), family.id, 'evaluation_use');
  else await consents.withdrawConsent(callerOf(staff), family.id, 'evaluation_use');
}

/**
 * What the outcome-measures export reads: a Seeking family of `coach`'s that consented to evaluation
 * use, its K10 baseline recorded a month back, and that measure copied `copies` times more (new ids,
 * written in bulk) for an export large enough to be still running, or stalled on backpressure, when a
 * test acts on it.
 */
export async function seedOutcomeMeasuresExport(
  app: INestApplicationContext,
  coach: User,
  options: { readonly copies?: number } = {},
): Promise<Family> {
  const family = await makeFamily(app, coach, 'seeking');
  await setEvaluationConsent(app, coach, family, true);
  await app.get(OutcomeMeasuresService).recordOutcomeMeasure(callerOf(coach), family.id, {
    instrument: 'K10',
    timepoint: 'baseline',
    score: 20,
    assessedBy: 'family',
    administeredAt: app.get(Clock).daysFromNow(-30),
  });
  if ((options.copies ?? 0) > 0)
    await app.get(DataSource).query(
      `INSERT INTO outcome_measures
       SELECT (jsonb_populate_record(NULL::outcome_measures, to_jsonb(om) || jsonb_build_object('id', gen_random_uuid()))).*
         FROM outcome_measures om, generate_series(1, $1::int)
        WHERE om.family_id = $2`,
      [options.copies, family.id],
    );
  return family;
}

/** The export run once it has ended (its status no longer `running`). */
export function exportRunEnded(dataSource: DataSource, runId: string): Promise<ExportRun> {
  return waitFor(
    async () => {
      const run = await dataSource.getRepository(ExportRun).findOneByOrFail({ id: runId });
      return run.status === 'running' ? undefined : run;
    },
    { what: `export run ${runId} to end` },
  );
}

/**
 * The data lines of a CSV file as lists of fields (RFC 4180: quoted fields may hold commas, quotes
 * and line breaks), for tests to read exports back.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A CSV file read into objects keyed by its header (the BOM, if any, stripped). */
export function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  return rows.map((row) => Object.fromEntries((header ?? []).map((name, i) => [name, row[i] ?? ''])));
}
