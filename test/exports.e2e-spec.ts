import {
  CheckInsService,
  ExportRun,
  FamiliesService,
  GetTogethersService,
  GOALS_TABLE,
  GoalsService,
  OUTCOME_MEASURES_TABLE,
  OutcomeMeasuresService,
  SmallWinsService,
  LINK_UPS_TABLE,
  fieldProblems,
  SafeguardingService,
  type ExportColumn,
  type Family,
  type User,
} from '@app/core';
import { daysFrom, DEFAULT_PROGRAMME_SETTINGS, isPseudonym, NOT_PUBLISHED, pseudonymise } from '@app/domain';
import {
  callerOf,
  csvObjects,
  makeFamily,
  makeLinkUpWithHistory,
  makeSite,
  makeUser,
  parseCsv,
  setEvaluationConsent,
  tokenFor,
  waitFor,
  type LinkUpStory,
} from '@app/testing';
import { createHash } from 'node:crypto';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app';

const SECRET = 'exports-e2e-secret-0123456789abcdefghij';
const OTHER_SECRET = 'another-exports-secret-9876543210zyxwvuts';

/** Distinctive strings put in every field that must never leave in an export or a report. */
const LEAKS = {
  familyName: 'Zorblattine household',
  suburb: 'Quuxvillebury',
  latitude: '35.8217',
  longitude: '137.4419',
  preferredName: 'Quorvinda',
  legalName: 'Xanthippe Marlowe-Quist',
  childName: 'Pipkinsworth',
  pronouns: 'zey/zem-leak',
  communicationNeeds: 'COMMNEED-FLOOBLE',
  wwcc: 'WWCLEAK77',
  coachEmail: 'zz.coach.leak@example.org',
  checkInNote: 'CHECKIN-NOTE-FLIBBERT',
  concern: 'SAFEGUARD-DESC-GRONK',
  pauseReason: 'PAUSE-REASON-WIBBLE',
  backReason: 'BACK-REASON-WOMBAT',
  closureNote: 'CLOSURE-NOTE-SNORKEL',
  endNote: 'ENDNOTE-BLARGH',
  goalText: 'GOAL-WORDS-KERFUFFLE',
  smallWin: 'SMALLWIN-TEXT-BAMBOOZLE',
};

/** A distinctive postcode: scanned for as a whole token (four digits can turn up inside pseudonyms). */
const POSTCODE = '7391';

const d = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** The day every export of this file runs on (the clock is pinned to it). */
const EXPORT_DAY = d('2025-08-01');

/** Raw bytes of a response, whatever its type. */
const raw = (res: Response, callback: (error: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('evaluator exports and the summary report', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: User;
  let evaluator: User;
  let coachA: User;
  let coachB: User;
  let supervisorA: User;
  let otherCoachA: User;
  let siteAName: string;
  const tokens: Record<string, string> = {};
  const families: Record<string, Family> = {};
  const linkUpIds: Record<string, string> = {};
  const internalIds = new Set<string>();
  let goalCreatedAt: Date;

  const get = (who: string, path: string) =>
    t.http().get(path).set('authorization', `Bearer ${tokens[who]}`).buffer(true).parse(raw);
  const csvOf = async (
    who: string,
    query = '',
    file = 'link-ups.csv',
  ): Promise<{ text: string; bytes: Buffer; res: Response }> => {
    const res = await get(who, `/api/exports/${file}${query}`).expect(200);
    const bytes = res.body as Buffer;
    return { text: bytes.toString('utf8'), bytes, res };
  };
  const rowsBySeeking = (text: string, secret = SECRET) =>
    new Map(
      csvObjects(text).map((row) => {
        const entry = Object.entries(families).find(
          ([, family]) => pseudonymise(secret, 'family', family.id) === row.seeking_family_id,
        );
        return [entry?.[0] ?? `unknown ${row.seeking_family_id}`, row];
      }),
    );

  beforeAll(async () => {
    t = await startTestApp({ worker: false, env: { EXPORT_PSEUDONYM_SECRET: SECRET } });
    // The link-up stories below are dated in 2024–2025 and their exports filtered by those months, so the
    // clock is pinned to go with them: the export runs on 1 August 2025, whatever today is (issue 11).
    t.clock.set(EXPORT_DAY);
    db = t.app.get(DataSource);
    siteAName = `Riverland, "North"\nÖstra ${Date.now()}`;
    const [siteA, siteB] = [await makeSite(t.app, siteAName), await makeSite(t.app, `=Site B ${Date.now()}`)];
    admin = await makeUser(t.app, { role: 'admin' });
    evaluator = await makeUser(t.app, { role: 'evaluator' });
    supervisorA = await makeUser(t.app, { role: 'supervisor', siteId: siteA.id });
    coachA = await makeUser(t.app, { role: 'coach', siteId: siteA.id, email: LEAKS.coachEmail });
    otherCoachA = await makeUser(t.app, { role: 'coach', siteId: siteA.id });
    coachB = await makeUser(t.app, { role: 'coach', siteId: siteB.id });
    const named: [string, User][] = [
      ['admin', admin],
      ['evaluator', evaluator],
      ['supervisor', supervisorA],
      ['coach', coachA],
      ['coachB', coachB],
    ];
    for (const [name, user] of named) tokens[name] = await tokenFor(t.app, user);
    const familyUser = await makeUser(t.app, { role: 'family', siteId: siteA.id });
    tokens.family = await tokenFor(t.app, familyUser);

    const make = async (key: string, coach: User, kind: 'seeking' | 'sharing', consent: boolean) => {
      const family = await makeFamily(t.app, coach, kind, {
        displayName: `${LEAKS.familyName} ${key}`,
        suburb: LEAKS.suburb,
        postcode: POSTCODE,
        latitude: -Number(LEAKS.latitude),
        longitude: Number(LEAKS.longitude),
      });
      const caller = callerOf(coach);
      const people = t.app.get(FamiliesService);
      await people.addPerson(caller, family.id, {
        role: 'adult',
        preferredName: `${LEAKS.preferredName} ${key}`,
        legalName: LEAKS.legalName,
        birthYear: kind === 'seeking' ? 1990 : 1970,
        pronouns: LEAKS.pronouns,
        communicationNeeds: LEAKS.communicationNeeds,
        ...(kind === 'sharing' ? { wwccNumber: LEAKS.wwcc, wwccExpiresOn: '2035-01-01' } : {}),
      });
      if (kind === 'seeking')
        await people.addPerson(caller, family.id, {
          role: 'child',
          preferredName: LEAKS.childName,
          birthYear: 2018,
        });
      if (consent) await setEvaluationConsent(t.app, coach, family, true);
      families[key] = family;
      internalIds.add(family.id);
      return family;
    };
    const story = async (key: string, coach: User, linkUpStory: LinkUpStory) => {
      const linkUp = await makeLinkUpWithHistory(t.app, coach, linkUpStory);
      linkUpIds[key] = linkUp.id;
      internalIds.add(linkUp.id);
      return linkUp;
    };

    const [s0, s1, s2, s3, s4, s5] = [
      await make('s0', coachA, 'seeking', true),
      await make('s1', coachA, 'seeking', true),
      await make('s2', coachA, 'seeking', false),
      await make('s3', coachA, 'seeking', true),
      await make('s4', coachA, 'seeking', false),
      await make('s5', coachA, 'seeking', true),
    ];
    const [h1, h2] = [await make('h1', coachA, 'sharing', true), await make('h2', coachA, 'sharing', false)];
    const [s6, h3] = [await make('s6', coachB, 'seeking', true), await make('h3', coachB, 'sharing', true)];

    await story('earlier', coachA, {
      seeking: s0,
      sharing: h1,
      startedAt: d('2024-11-04'),
      steps: [{ kind: 'end_early', at: d('2024-12-02'), reason: 'moved_away', note: LEAKS.endNote }],
    });
    const main = await story('main', coachA, {
      seeking: s1,
      sharing: h1,
      startedAt: d('2025-03-03'),
      plannedWeeks: 16,
      steps: [
        { kind: 'advance', to: 'doing_with', at: d('2025-03-17') },
        { kind: 'pause', at: d('2025-03-24'), reason: LEAKS.pauseReason },
        { kind: 'resume', at: d('2025-04-07') },
        { kind: 'back', to: 'relationship_building', at: d('2025-04-14'), reason: LEAKS.backReason },
        { kind: 'advance', to: 'doing_with', at: d('2025-04-21') },
        { kind: 'advance', to: 'doing_without', at: d('2025-05-05') },
        { kind: 'change_coach', at: d('2025-05-10'), to: otherCoachA },
        { kind: 'complete', at: d('2025-05-19'), closureReason: LEAKS.closureNote },
      ],
    });
    await story('noConsent', coachA, { seeking: s2, sharing: h1, startedAt: d('2025-04-01') });
    await story('sharingNoConsent', coachA, { seeking: s3, sharing: h2, startedAt: d('2025-04-15') });
    await story('onlySharing', coachA, { seeking: s4, sharing: h1, startedAt: d('2025-04-20') });
    await story('withdraws', coachA, { seeking: s5, sharing: h1, startedAt: d('2025-06-02') });
    await story('siteB', coachB, { seeking: s6, sharing: h3, startedAt: d('2025-02-10') });

    const checkIns = t.app.get(CheckInsService);
    for (const heldAt of [d('2025-03-05'), d('2025-04-02')]) {
      const checkIn = await checkIns.recordHeldCheckIn({
        linkUpId: main.id,
        party: 'both',
        kind: 'ad_hoc',
        heldAt,
        mode: 'phone',
        completedBy: coachA.id,
        notes: LEAKS.checkInNote,
      });
      internalIds.add(checkIn.id);
    }
    // The journey of the link-up still running (s3 with h2): a goal rated twice, a small win, a get-together.
    const coachCaller = callerOf(coachA);
    const goal = await t.app
      .get(GoalsService)
      .recordGoal(coachCaller, linkUpIds.sharingNoConsent, { text: LEAKS.goalText, theme: 'routines' });
    goalCreatedAt = goal.createdAt;
    internalIds.add(goal.id);
    await t.app.get(GoalsService).rateGoal(coachCaller, goal.id, { rating: -1, ratedBy: 'joint' });
    await t.app.get(GoalsService).rateGoal(coachCaller, goal.id, { rating: 1 });
    const win = await t.app.get(SmallWinsService).recordSmallWin(coachCaller, linkUpIds.sharingNoConsent, {
      text: LEAKS.smallWin,
      occurredOn: '2025-04-20',
      goalId: goal.id,
    });
    internalIds.add(win.id);
    await t.app.get(GetTogethersService).recordGetTogether(coachCaller, linkUpIds.sharingNoConsent, {
      heldOn: '2025-04-22',
      kind: 'chat',
      childrenInvolved: true,
    });
    const measures = t.app.get(OutcomeMeasuresService);
    const measure = (family: Family, input: Parameters<OutcomeMeasuresService['recordOutcomeMeasure']>[2]) =>
      measures.recordOutcomeMeasure(coachCaller, family.id, input).then((m) => internalIds.add(m.id));
    await measure(families.s3, {
      instrument: 'K10',
      timepoint: 'baseline',
      score: 22,
      assessedBy: 'family',
      administeredAt: d('2025-04-18'),
    });
    await measure(families.s3, {
      instrument: 'PWI',
      timepoint: 'baseline',
      declined: true,
      declineReason: 'family_declined',
      assessedBy: 'coach',
      administeredAt: d('2025-04-19'),
    });
    await measure(families.s0, {
      instrument: 'PSOC',
      timepoint: 'baseline',
      score: 60,
      assessedBy: 'joint',
      administeredAt: d('2024-10-01'),
    });
    await measure(families.h2, {
      instrument: 'K10',
      timepoint: 'baseline',
      score: 15,
      assessedBy: 'family',
      administeredAt: d('2025-04-18'),
    });
    // h1 (consents) before its link-up with s2 (who does not): the link-up is not exported.
    await measure(families.h1, {
      instrument: 'DEX_GOALS',
      timepoint: 'baseline',
      score: 3,
      assessedBy: 'family',
      administeredAt: d('2025-03-20'),
    });
    await measure(families.s2, {
      instrument: 'K10',
      timepoint: 'baseline',
      score: 30,
      assessedBy: 'family',
      administeredAt: d('2025-04-02'),
    });

    const concern = await t.app.get(SafeguardingService).raiseConcern(callerOf(coachA), {
      linkUpId: linkUpIds.sharingNoConsent,
      severity: 'low',
      description: LEAKS.concern,
    });
    for (const id of [
      concern.id,
      siteA.id,
      siteB.id,
      admin.id,
      evaluator.id,
      supervisorA.id,
      coachA.id,
      coachB.id,
      otherCoachA.id,
      familyUser.id,
    ])
      internalIds.add(id);
    const people = await db.query<{ id: string }[]>('SELECT id FROM people');
    people.forEach((p) => internalIds.add(p.id));
  }, 60_000);
  afterAll(() => t.close());

  describe('link-ups.csv', () => {
    it('streams one de-identified row per consenting link-up, with the history worked out', async () => {
      const { text, res } = await csvOf('evaluator');
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="family-link-link-ups-\d{8}T\d{6}Z\.csv"$/,
      );
      expect(res.headers['cache-control']).toBe('no-store');
      const rows = rowsBySeeking(text);
      expect([...rows.keys()].sort()).toEqual(['s0', 's1', 's3', 's5', 's6']);
      expect(rows.get('s1')).toEqual({
        link_up_id: pseudonymise(SECRET, 'link_up', linkUpIds.main),
        seeking_family_id: pseudonymise(SECRET, 'family', families.s1.id),
        sharing_family_id: pseudonymise(SECRET, 'family', families.h1.id),
        site: siteAName,
        start_month: '2025-03',
        status: 'completed',
        stage: 'doing_without',
        planned_weeks: '16',
        active_weeks: '9',
        weeks_relationship_building: '3',
        weeks_doing_with: '4',
        weeks_doing_without: '2',
        paused_weeks: '2',
        pauses: '1',
        backward_moves: '1',
        coach_changes: '1',
        end_day: '77',
        closure_reason: '',
        check_ins_held: '2',
        check_ins_missed: '0',
        goals: '0',
        goals_achieved: '0',
        goal_themes: '',
        small_wins: '0',
        get_togethers: '0',
        sharing_family_prior_link_ups: '1',
        seeking_adult_age_bands: '25-34',
        seeking_child_age_bands: '5-9',
        sharing_adult_age_bands: '45-54',
      });
      expect(rows.get('s0')).toMatchObject({
        status: 'ended_early',
        closure_reason: 'moved_away',
        end_day: '28',
        sharing_family_prior_link_ups: '0',
        start_month: '2024-11',
      });
    });

    it('leaves the Sharing family out when only it has not consented, and the link-up out when only it has', async () => {
      const rows = rowsBySeeking((await csvOf('evaluator')).text);
      expect(rows.get('s3')).toMatchObject({
        sharing_family_id: '',
        sharing_family_prior_link_ups: '',
        sharing_adult_age_bands: '',
        seeking_adult_age_bands: '25-34',
      });
      expect(rows.has('s4')).toBe(false);
      expect(rows.has('s2')).toBe(false);
    });

    it('drops a family from later exports once it withdraws its consent', async () => {
      expect(rowsBySeeking((await csvOf('admin')).text).has('s5')).toBe(true);
      await setEvaluationConsent(t.app, coachA, families.s5, false);
      expect(rowsBySeeking((await csvOf('admin')).text).has('s5')).toBe(false);
      await setEvaluationConsent(t.app, coachA, families.s5, true);
      expect(rowsBySeeking((await csvOf('admin')).text).has('s5')).toBe(true);
    });

    it('filters by site and by period (whole months, both ends inclusive)', async () => {
      const siteB = await db.query<{ site_id: string }[]>('SELECT site_id FROM link_ups WHERE id = $1', [
        linkUpIds.siteB,
      ]);
      expect([
        ...rowsBySeeking((await csvOf('evaluator', `?siteId=${siteB[0].site_id}`)).text).keys(),
      ]).toEqual(['s6']);
      expect(
        [...rowsBySeeking((await csvOf('evaluator', '?from=2025-03&to=2025-04')).text).keys()].sort(),
      ).toEqual(['s1', 's3']);
      expect(
        [...rowsBySeeking((await csvOf('evaluator', '?from=2025-04&to=2025-06')).text).keys()].sort(),
      ).toEqual(['s3', 's5']);
      expect([...rowsBySeeking((await csvOf('evaluator', '?to=2024-12')).text).keys()]).toEqual(['s0']);
    });

    it('refuses bad filters with 400 naming the field, an unknown site with 404, and writes no export run', async () => {
      const before = await db.getRepository(ExportRun).count();
      const cases: [string, number, string | null][] = [
        ['?from=2025-13', 400, 'from'],
        ['?from=2025-02-30', 400, 'from'],
        // Days are refused: a one-day period would isolate the link-ups that started that day.
        ['?from=2025-03-03&to=2025-03-03', 400, 'from'],
        ['?to=2025-03-03', 400, 'to'],
        ['?to=March', 400, 'to'],
        ['?from=2025-05&to=2025-04', 400, 'to'],
        ['?siteId=not-a-uuid', 400, 'siteId'],
        ['?bom=maybe', 400, 'bom'],
        ['?colour=red', 400, 'colour'],
        ['?siteId=00000000-0000-4000-8000-000000000000', 404, null],
      ];
      for (const [query, status, field] of cases) {
        const res = await t
          .http()
          .get(`/api/exports/link-ups.csv${query}`)
          .set('authorization', `Bearer ${tokens.evaluator}`)
          .expect(status);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        const body = res.body as { code: string; details?: { fields: { field: string }[] } };
        expect(body.code).toBe(status === 400 ? 'VALIDATION_FAILED' : 'NOT_FOUND');
        if (field !== null) expect(body.details?.fields.map((f) => f.field)).toContain(field);
      }
      expect(await db.getRepository(ExportRun).count()).toBe(before);
    });

    it('writes RFC 4180 CSV in UTF-8 with CRLF, quoting commas, quotes and line breaks, and a BOM on request', async () => {
      const { bytes, text } = await csvOf('evaluator');
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
      expect(text.startsWith(`${LINK_UPS_TABLE.columns.map((c) => c.name).join(',')}\r\n`)).toBe(true);
      expect(text.endsWith('\r\n')).toBe(true);
      // The site name holds a comma, quotes, a line break and non-ASCII letters: quoted, quotes doubled.
      expect(text).toContain(`"${siteAName.replace(/"/g, '""')}"`);
      expect(
        parseCsv(text)
          .slice(1)
          .every((row) => row.length === LINK_UPS_TABLE.columns.length),
      ).toBe(true);
      // A value a spreadsheet would run as a formula is defused.
      expect(csvObjects(text).find((row) => row.site.includes('Site B'))?.site).toMatch(/^'=Site B/);

      const withBom = await csvOf('evaluator', '?bom=true');
      expect(withBom.bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
      expect(withBom.bytes.subarray(3).toString('utf8')).toBe(text);
    });

    it('logs every export: who, what, filters, rows and the SHA-256 of the bytes, audited', async () => {
      const { bytes, res } = await csvOf('evaluator', '?from=2025-01&bom=true');
      const runId = res.headers['x-export-run-id'];
      // The run is completed right after the last byte is handed over.
      const run = await waitFor(async () => {
        const found = await db.getRepository(ExportRun).findOneByOrFail({ id: runId });
        return found.status === 'running' ? undefined : found;
      });
      expect(run).toMatchObject({
        kind: 'link_ups',
        actorId: evaluator.id,
        actorRole: 'evaluator',
        status: 'finished',
        rowCount: csvObjects(bytes.toString('utf8')).length,
        byteCount: String(bytes.length),
        sha256: createHash('sha256').update(bytes).digest('hex'),
        filters: { siteId: null, from: '2025-01', to: null, bom: true },
        failureCode: null,
      });
      expect(run.finishedAt).not.toBeNull();
      const audit = await db.query<{ action: string; actor_id: string; details: Record<string, unknown> }[]>(
        `SELECT action, actor_id, details FROM audit_events WHERE entity_type = 'export_run' AND entity_id = $1 ORDER BY occurred_at`,
        [runId],
      );
      expect(audit.map((a) => a.action)).toEqual(['export.run', 'export.finished']);
      expect(audit[1].details).toMatchObject({
        kind: 'link_ups',
        rowCount: run.rowCount,
        sha256: run.sha256,
      });
      expect(audit.every((a) => a.actor_id === evaluator.id)).toBe(true);
    });
  });

  describe('goals.csv and outcome-measures.csv', () => {
    it('exports goals with theme, status and first and last rating, never their words', async () => {
      const rows = csvObjects((await csvOf('evaluator', '', 'goals.csv')).text);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        link_up_id: pseudonymise(SECRET, 'link_up', linkUpIds.sharingNoConsent),
        seeking_family_id: pseudonymise(SECRET, 'family', families.s3.id),
        start_month: '2025-04',
        theme: 'routines',
        status: 'active',
        set_day: String(daysFrom(d('2025-04-15'), goalCreatedAt)),
        status_changed_day: '',
        ratings: '2',
        first_rating: '-1',
        first_rated_by: 'joint',
        last_rating: '1',
        last_rated_by: 'coach',
        small_wins: '1',
      });
      const links = rowsBySeeking((await csvOf('evaluator')).text).get('s3');
      expect(links).toMatchObject({
        goals: '1',
        goals_achieved: '0',
        goal_themes: 'routines',
        small_wins: '1',
        get_togethers: '1',
      });
    });

    it('exports the measures of consenting families, tied to their link-up by days from its start', async () => {
      const rows = csvObjects((await csvOf('evaluator', '', 'outcome-measures.csv')).text);
      const byInstrument = new Map(rows.map((row) => [row.instrument, row]));
      expect(rows).toHaveLength(4); // h2 and s2 have not consented
      expect(byInstrument.get('K10')).toMatchObject({
        family_id: pseudonymise(SECRET, 'family', families.s3.id),
        family_kind: 'seeking',
        link_up_id: pseudonymise(SECRET, 'link_up', linkUpIds.sharingNoConsent),
        start_month: '2025-04',
        day_from_start: '3',
        // Never both a month and a start month plus a day: together they pin down the date.
        administered_month: '',
        timepoint: 'baseline',
        score: '22',
        declined: 'false',
        decline_reason: '',
        assessed_by: 'family',
      });
      expect(byInstrument.get('PWI')).toMatchObject({
        score: '',
        declined: 'true',
        decline_reason: 'family_declined',
      });
      // Taken before the family's link-up: counted back from that link-up's start.
      expect(byInstrument.get('PSOC')).toMatchObject({
        link_up_id: pseudonymise(SECRET, 'link_up', linkUpIds.earlier),
        start_month: '2024-11',
        day_from_start: '-34',
        administered_month: '',
      });
      // A Sharing family's measure before a link-up that is not exported (its Seeking family has
      // not consented): nothing of that link-up, not even its start; dated by its own month.
      expect(byInstrument.get('DEX_GOALS')).toMatchObject({
        family_id: pseudonymise(SECRET, 'family', families.h1.id),
        family_kind: 'sharing',
        link_up_id: '',
        start_month: '',
        day_from_start: '',
        administered_month: '2025-03',
      });
    });

    it('filters measures on the month shown, never on a link-up that is not exported', async () => {
      const instruments = async (query: string) =>
        csvObjects((await csvOf('evaluator', query, 'outcome-measures.csv')).text)
          .map((row) => row.instrument)
          .sort();
      // h1's measure of 2025-03 belongs to the unexported link-up that started in 2025-04.
      expect(await instruments('?from=2025-03&to=2025-03')).toEqual(['DEX_GOALS']);
      expect(await instruments('?from=2025-04&to=2025-04')).toEqual(['K10', 'PWI']);
      expect(await instruments('?to=2024-11')).toEqual(['PSOC']);
    });

    it('keeps every exported value to its documented column', async () => {
      for (const [file, table] of [
        ['goals.csv', GOALS_TABLE],
        ['outcome-measures.csv', OUTCOME_MEASURES_TABLE],
      ] as const) {
        const [header, ...rows] = parseCsv((await csvOf('admin', '', file)).text);
        expect(header).toEqual(table.columns.map((c) => c.name));
        const columns = table.columns as readonly ExportColumn<never>[];
        expect(
          rows.flatMap((row) =>
            columns.flatMap((c, i) => fieldProblems(c, row[i], DEFAULT_PROGRAMME_SETTINGS)),
          ),
        ).toEqual([]);
      }
    });
  });

  describe('pseudonyms', () => {
    it('are stable across exports, and unrelated under another secret', async () => {
      const first = csvObjects((await csvOf('evaluator')).text);
      const second = csvObjects((await csvOf('admin')).text);
      const ids = (rows: Record<string, string>[]) =>
        rows.map((r) => `${r.link_up_id}/${r.seeking_family_id}`).sort();
      expect(ids(second)).toEqual(ids(first));
      expect(
        first.every(
          (r) => isPseudonym(r.link_up_id, 'link_up') && isPseudonym(r.seeking_family_id, 'family'),
        ),
      ).toBe(true);

      const other = await startTestApp({
        worker: false,
        databaseUrl: () => t.database.url,
        env: { EXPORT_PSEUDONYM_SECRET: OTHER_SECRET },
      });
      try {
        const res = await other
          .http()
          .get('/api/exports/link-ups.csv')
          .set('authorization', `Bearer ${await tokenFor(other.app, evaluator)}`)
          .buffer(true)
          .parse(raw)
          .expect(200);
        const rows = csvObjects((res.body as Buffer).toString('utf8'));
        expect(rows).toHaveLength(first.length);
        const before = new Set(
          first.flatMap((r) => [r.link_up_id, r.seeking_family_id, r.sharing_family_id]),
        );
        expect(
          rows.flatMap((r) => [r.link_up_id, r.seeking_family_id]).filter((id) => before.has(id)),
        ).toEqual([]);
        expect([...rowsBySeeking((res.body as Buffer).toString('utf8'), OTHER_SECRET).keys()].sort()).toEqual(
          ['s0', 's1', 's3', 's5', 's6'],
        );
      } finally {
        await other.close();
      }
    }, 60_000);
  });

  describe('data dictionary', () => {
    it('documents exactly the columns of the CSV, and every exported value conforms to its column', async () => {
      const res = await t
        .http()
        .get('/api/exports/data-dictionary.json')
        .set('authorization', `Bearer ${tokens.evaluator}`)
        .expect(200);
      const dictionary = res.body as { files: { file: string; columns: { name: string; type: string }[] }[] };
      const linkUps = dictionary.files.find((f) => f.file === 'link-ups.csv');
      const [header, ...rows] = parseCsv((await csvOf('evaluator')).text);
      expect(linkUps?.columns.map((c) => c.name)).toEqual(header);
      const problems = rows.flatMap((row) =>
        LINK_UPS_TABLE.columns.flatMap((column, i) =>
          fieldProblems(column, row[i], DEFAULT_PROGRAMME_SETTINGS),
        ),
      );
      expect(problems).toEqual([]);
    });
  });

  describe('summary report', () => {
    interface Table {
      rowLabels: string[];
      columnLabels: string[];
      cells: (number | string)[][];
      rowTotals: (number | string)[];
      columnTotals: (number | string)[];
      grandTotal: number | string;
    }
    interface Report {
      suppressionThreshold: number;
      filters: Record<string, unknown>;
      tables: Record<string, Table>;
      medianWeeksPerStage: { rowLabels: string[]; cells: (number | string | null)[][] };
    }
    const report = async (who: string, query = ''): Promise<Report> =>
      (
        await t
          .http()
          .get(`/api/reports/summary${query}`)
          .set('authorization', `Bearer ${tokens[who]}`)
          .expect(200)
      ).body as Report;

    it('shows small counts as n.p. and leaves no line with a single n.p.', async () => {
      const all = await report('evaluator');
      expect(all.suppressionThreshold).toBe(5);
      const outcomes = all.tables.linkUpsByStageAndOutcome;
      expect(outcomes.rowLabels).toHaveLength(2);
      for (const table of Object.values(all.tables)) {
        const grid = [
          ...table.cells.map((row, i) => [...row, table.rowTotals[i]]),
          [...table.columnTotals, table.grandTotal],
        ];
        for (const value of grid.flat())
          if (typeof value === 'number') expect(value === 0 || value >= 5).toBe(true);
        const lines = [...grid, ...grid[0].map((_, j) => grid.map((row) => row[j]))];
        for (const line of lines) expect(line.filter((v) => v === NOT_PUBLISHED).length).not.toBe(1);
      }
      // Site A has four consenting link-ups (s0, s1, s3, s5): every count is small, so n.p.
      const a = outcomes.rowLabels.indexOf(siteAName);
      expect(outcomes.rowTotals[a]).toBe(NOT_PUBLISHED);
      expect(outcomes.grandTotal).toBe(5);
      expect(all.medianWeeksPerStage.cells.flat().every((v) => v === null || v === NOT_PUBLISHED)).toBe(true);
    });

    it('shows the counts once the threshold is 1, consenting families only', async () => {
      const settings = await t
        .http()
        .get('/api/settings')
        .set('authorization', `Bearer ${tokens.admin}`)
        .expect(200);
      await t
        .http()
        .patch('/api/settings')
        .set('authorization', `Bearer ${tokens.admin}`)
        .send({
          version: (settings.body as { version: number }).version,
          changes: { deIdentification: { suppressionThreshold: 1 } },
        })
        .expect(200);
      try {
        const a = await report('coach');
        expect(a.tables.linkUpsByStageAndOutcome.rowLabels).toEqual([siteAName]);
        const counts = Object.fromEntries(
          a.tables.linkUpsByStageAndOutcome.columnLabels.map((label, j) => [
            label,
            a.tables.linkUpsByStageAndOutcome.cells[0][j],
          ]),
        );
        expect(counts).toMatchObject({
          relationship_building: 2,
          doing_with: 0,
          completed: 1,
          'ended_early:moved_away': 1,
        });
        expect(a.tables.linkUpsByStageAndOutcome.grandTotal).toBe(4);
        const seeking = a.tables.seekingFamiliesByStatus;
        expect(seeking.grandTotal).toBe(4); // s0, s1, s3, s5 (s2 and s4 have not consented)
        expect(a.tables.sharingFamiliesByStatus.grandTotal).toBe(1); // h1
        expect(a.tables.checkInsHeldVersusDue.cells[0]).toEqual([2, 0, 0]);
        const goals = a.tables.goalsByThemeAndAttainment;
        expect(goals.cells[goals.rowLabels.indexOf('routines')][goals.columnLabels.indexOf('1')]).toBe(1);
        expect(goals.grandTotal).toBe(1);
        const medians = a.medianWeeksPerStage;
        // Relationship building: 4 weeks (s0) and 3 weeks (s1); the live link-ups' current stage is left out.
        expect(medians.cells[0]).toEqual([3.5, 4, 2]);
      } finally {
        const current = (await t.http().get('/api/settings').set('authorization', `Bearer ${tokens.admin}`))
          .body as {
          version: number;
        };
        await t
          .http()
          .patch('/api/settings')
          .set('authorization', `Bearer ${tokens.admin}`)
          .send({ version: current.version, changes: { deIdentification: { suppressionThreshold: 5 } } })
          .expect(200);
      }
    });

    it('shows one site as exactly its rows of the all-sites report, and a coach the site-level report of its supervisor', async () => {
      const siteAId = (
        await db.query<{ site_id: string }[]>('SELECT site_id FROM link_ups WHERE id = $1', [linkUpIds.main])
      )[0].site_id;
      const all = await report('evaluator', '?from=2024-11&to=2025-06');
      const one = await report('evaluator', `?siteId=${siteAId}&from=2024-11&to=2025-06`);
      const a = all.tables.linkUpsByStageAndOutcome.rowLabels.indexOf(siteAName);
      for (const [name, table] of Object.entries(one.tables)) {
        const whole = all.tables[name];
        if (name === 'goalsByThemeAndAttainment' || name === 'feedbackRatings') {
          expect(table).toEqual(whole);
          continue;
        }
        expect(table.rowLabels).toEqual([siteAName]);
        expect(table.cells).toEqual([whole.cells[a]]);
        expect(table.grandTotal).toEqual(whole.rowTotals[a]);
      }
      expect(one.medianWeeksPerStage.cells).toEqual([all.medianWeeksPerStage.cells[a]]);
      const coach = await report('coach', '?from=2024-11&to=2025-06');
      const supervisor = await report('supervisor', '?from=2024-11&to=2025-06');
      expect(coach.tables).toEqual(supervisor.tables);
      expect(coach.tables).toEqual(one.tables);
      expect(coach.medianWeeksPerStage).toEqual(supervisor.medianWeeksPerStage);
    });

    it('keeps coaches and supervisors to their own site (another site is 404) and refuses families', async () => {
      const siteBId = (
        await db.query<{ site_id: string }[]>('SELECT site_id FROM link_ups WHERE id = $1', [linkUpIds.siteB])
      )[0].site_id;
      expect((await report('supervisor')).tables.seekingFamiliesByStatus.rowLabels).toEqual([siteAName]);
      for (const who of ['coach', 'supervisor']) {
        const res = await t
          .http()
          .get(`/api/reports/summary?siteId=${siteBId}`)
          .set('authorization', `Bearer ${tokens[who]}`)
          .expect(404);
        expect((res.body as { code: string }).code).toBe('NOT_FOUND');
      }
      expect(
        (await report('evaluator', `?siteId=${siteBId}`)).tables.seekingFamiliesByStatus.rowLabels,
      ).toHaveLength(1);
      const refused = await t
        .http()
        .get('/api/reports/summary')
        .set('authorization', `Bearer ${tokens.family}`)
        .expect(403);
      expect((refused.body as { message: string }).message).not.toMatch(/export record-level/);
      const day = await t
        .http()
        .get('/api/reports/summary?from=2025-03-03&to=2025-03-03')
        .set('authorization', `Bearer ${tokens.evaluator}`)
        .expect(400);
      expect((day.body as { details: { fields: { field: string }[] } }).details.fields[0].field).toBe('from');
      const bad = await t
        .http()
        .get('/api/reports/summary?from=2025-06&to=2025-01')
        .set('authorization', `Bearer ${tokens.evaluator}`)
        .expect(400);
      expect((bad.body as { details: { fields: { field: string }[] } }).details.fields[0].field).toBe('to');
    });

    it('is logged as an export run', async () => {
      const before = await db
        .getRepository(ExportRun)
        .countBy({ kind: 'summary_report', actorId: evaluator.id });
      await report('evaluator', '?from=2025-01');
      const runs = await db
        .getRepository(ExportRun)
        .findBy({ kind: 'summary_report', actorId: evaluator.id });
      expect(runs).toHaveLength(before + 1);
      expect(runs.every((run) => run.status === 'finished' && /^[0-9a-f]{64}$/.test(run.sha256 ?? ''))).toBe(
        true,
      );
    });
  });

  describe('leak scanner', () => {
    it('finds no name, contact, note or internal id in any byte of any export, report or the dictionary', async () => {
      const outputs: [string, Buffer][] = [];
      const headers: [string, string][] = [];
      const keep = (what: string, res: Response): void => {
        outputs.push([what, res.body as Buffer]);
        headers.push([what, JSON.stringify(res.headers)]);
      };
      for (const who of ['evaluator', 'admin'])
        for (const query of ['', '?bom=true', '?from=2025-03'])
          for (const file of ['link-ups.csv', 'goals.csv', 'outcome-measures.csv'])
            keep(`${file}${query} as ${who}`, (await csvOf(who, query, file)).res);
      keep('data dictionary', await get('evaluator', '/api/exports/data-dictionary.json').expect(200));
      for (const who of ['evaluator', 'admin', 'supervisor', 'coach', 'coachB'])
        keep(`summary as ${who}`, await get(who, '/api/reports/summary').expect(200));

      const needles = [
        ...Object.values(LEAKS),
        ...Object.values(families).map((f) => f.displayName),
        ...[...internalIds].flatMap((id) => [id, id.toUpperCase(), id.replace(/-/g, '')]),
      ];
      expect(internalIds.size).toBeGreaterThan(20);
      const found = outputs.flatMap(([what, bytes]) => {
        const text = bytes.toString('utf8').toLowerCase();
        return needles
          .filter((needle) => text.includes(needle.toLowerCase()))
          .map((needle) => `${needle} in ${what}`);
      });
      expect(found).toEqual([]);
      // Personal data in no response header either (the file name carries only the export's own time).
      const inHeaders = headers.flatMap(([what, text]) =>
        needles
          .filter((needle) => text.toLowerCase().includes(needle.toLowerCase()))
          .map((n) => `${n} in ${what}`),
      );
      expect(inHeaders).toEqual([]);
      // No calendar date anywhere: dates leave as months and days from the start. The report's own
      // time of generation is the one timestamp, and it is no one's date.
      const postcode = new RegExp(`(^|[^0-9A-Za-z-])${POSTCODE}([^0-9A-Za-z]|$)`);
      const dates = outputs.flatMap(([what, bytes]) => {
        const text = bytes.toString('utf8').replace(/"generatedAt":"[^"]*"/, '"generatedAt":""');
        return [
          ...(text.match(/\d{4}-\d{2}-\d{2}/g) ?? []).map((date) => `${date} in ${what}`),
          ...(postcode.test(text) ? [`postcode in ${what}`] : []),
        ];
      });
      expect(dates).toEqual([]);
      // The scanner can find a leak: the site name is deliberately in the file.
      expect(outputs[0][1].toString('utf8')).toContain('Riverland');
      expect('x,2025-03-03,y').toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(postcode.test(`x,${POSTCODE}\r\n`)).toBe(true);
    }, 60_000);
  });
});
