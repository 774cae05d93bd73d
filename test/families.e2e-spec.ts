import {
  DEMO_PROGRAMME_SEEKING,
  DEMO_PROGRAMME_SHARING_GENERATED,
  DEMO_SEEKING_FAMILIES,
  DEMO_SHARING_FAMILIES,
  DemoSeeder,
  type Site,
  type User,
} from '@app/core';
import { makeFamily, makeSite, makeUser, tokenFor } from '@app/testing';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app';

interface Problem {
  field: string;
  problems: string[];
}
interface FamilyBody {
  id: string;
  status: string;
  version: number;
  displayName: string;
  people?: Record<string, unknown>[];
  consents?: { kind: string; granted: boolean }[];
  allowedStatusMoves?: string[];
  [key: string]: unknown;
}

describe('families: records, people, consents and lifecycles (DESIGN §3, §4.1)', () => {
  let t: TestApp;
  let site: Site;
  let otherSite: Site;
  let coach: User;
  let otherCoach: User;
  const tokens: Record<string, string> = {};

  const as = (who: string) => ({
    get: (path: string) => t.http().get(path).set('authorization', `Bearer ${tokens[who]}`),
    post: (path: string, body: object) =>
      t.http().post(path).set('authorization', `Bearer ${tokens[who]}`).send(body),
    patch: (path: string, body: object) =>
      t.http().patch(path).set('authorization', `Bearer ${tokens[who]}`).send(body),
  });
  const fieldsOf = (body: unknown): string[] =>
    ((body as { details?: { fields?: Problem[] } }).details?.fields ?? []).map((f) => f.field);

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    [site, otherSite] = await Promise.all([makeSite(t.app), makeSite(t.app)]);
    const supervisor = await makeUser(t.app, { role: 'supervisor', siteId: site.id });
    [coach, otherCoach] = await Promise.all([
      makeUser(t.app, { role: 'coach', siteId: site.id, supervisorId: supervisor.id }),
      makeUser(t.app, { role: 'coach', siteId: site.id, supervisorId: supervisor.id }),
    ]);
    const otherSupervisor = await makeUser(t.app, { role: 'supervisor', siteId: otherSite.id });
    const evaluator = await makeUser(t.app, { role: 'evaluator' });
    for (const [name, user] of Object.entries({
      supervisor,
      coach,
      otherCoach,
      otherSupervisor,
      evaluator,
    })) {
      tokens[name] = await tokenFor(t.app, user);
    }
  });
  afterAll(() => t.close());

  const register = (body: object, who = 'coach') =>
    as(who).post('/api/families', {
      kind: 'seeking',
      displayName: 'The Tran family',
      siteId: site.id,
      ...body,
    });

  describe('registering and changing a family', () => {
    it('registers a Seeking family on the calling coach’s caseload, in status referred', async () => {
      const res = await register({
        languages: ['vietnamese', 'english'],
        postcode: '5108',
        suburb: 'Salisbury',
        latitude: -34.76,
        longitude: 138.64,
        goalThemes: ['routines'],
        childrenAgeBands: ['age_0_4'],
        interests: null,
      }).expect(201);
      expect(res.body).toMatchObject({
        kind: 'seeking',
        status: 'referred',
        displayName: 'The Tran family',
        primaryCoachId: coach.id,
        languages: ['vietnamese', 'english'],
        interests: null,
        version: 1,
      });
    });

    it.each([
      ['an unknown language', { languages: ['english', 'klingon'] }, 'languages', 'klingon'],
      ['an unknown goal theme', { goalThemes: ['time_travel'] }, 'goalThemes', 'time_travel'],
      ['an unknown age band', { childrenAgeBands: ['age_99'] }, 'childrenAgeBands', 'age_99'],
      ['an unknown availability slot', { availabilitySlots: ['midnight'] }, 'availabilitySlots', 'midnight'],
      ['strengths on a Seeking family', { strengths: ['budgeting'] }, 'strengths', 'Sharing'],
      [
        'an unknown avoided trait',
        { avoidances: [{ kind: 'trait', value: 'dragons' }] },
        'avoidances',
        'dragons',
      ],
    ])('refuses %s with 400 naming the field and the value', async (_what, body, field, value) => {
      const res = await register(body).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(fieldsOf(res.body)).toEqual([field]);
      expect(JSON.stringify(res.body)).toContain(value);
    });

    it.each([
      ['a 3-digit postcode', { postcode: '510' }, 'postcode'],
      ['a latitude out of range', { latitude: -91, longitude: 138 }, 'latitude'],
      ['a longitude out of range', { latitude: -34, longitude: 181 }, 'longitude'],
      ['a capacity of 4', { kind: 'sharing', maxConcurrentLinkUps: 4 }, 'maxConcurrentLinkUps'],
      ['an unknown kind', { kind: 'helping' }, 'kind'],
      ['no display name', { displayName: '  ' }, 'displayName'],
      ['languages as null', { languages: null }, 'languages'],
    ])('refuses %s with 400 naming the field', async (_what, body, field) => {
      const res = await register(body).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(fieldsOf(res.body)).toContain(field);
    });

    it('writes nothing when the input is refused', async () => {
      const before = await t.app
        .get(DataSource)
        .query<{ n: number }[]>('SELECT count(*)::int AS n FROM families');
      await register({ languages: ['klingon'] }).expect(400);
      const after = await t.app
        .get(DataSource)
        .query<{ n: number }[]>('SELECT count(*)::int AS n FROM families');
      expect(after[0].n).toBe(before[0].n);
    });

    it('changes a family with the current version, and answers a stale one with 409 VERSION_CONFLICT', async () => {
      const created = (await register({}).expect(201)).body as FamilyBody;
      const changed = await as('coach')
        .patch(`/api/families/${created.id}`, { version: 1, interests: ['beach'], suburb: 'Elizabeth' })
        .expect(200);
      expect(changed.body).toMatchObject({ interests: ['beach'], suburb: 'Elizabeth', version: 2 });
      const stale = await as('coach')
        .patch(`/api/families/${created.id}`, { version: 1, suburb: 'Gawler' })
        .expect(409);
      expect(stale.body).toMatchObject({
        code: 'VERSION_CONFLICT',
        details: { expectedVersion: 1, currentVersion: 2 },
      });
      const bad = await as('coach')
        .patch(`/api/families/${created.id}`, { version: 2, interests: ['x'] })
        .expect(400);
      expect(fieldsOf(bad.body)).toEqual(['interests']);
      const now = (await as('coach').get(`/api/families/${created.id}`).expect(200)).body as FamilyBody;
      expect(now).toMatchObject({ suburb: 'Elizabeth', version: 2 });
    });

    it('audits the registration and the change by field name, never by value', async () => {
      const created = (await register({ suburb: 'Paralowie' }).expect(201)).body as FamilyBody;
      await as('coach')
        .patch(`/api/families/${created.id}`, { version: 1, displayName: 'Secret name' })
        .expect(200);
      const rows = await t.app
        .get(DataSource)
        .query<{ action: string; details: unknown }[]>(
          'SELECT action, details FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at',
          [created.id],
        );
      expect(rows.map((r) => r.action)).toEqual(['family.registered', 'family.changed']);
      expect(rows[1].details).toMatchObject({ fields: ['displayName'] });
      expect(JSON.stringify(rows)).not.toContain('Secret name');
    });
  });

  describe('scope and names', () => {
    it('shows a coach its caseload only, a supervisor its site, and 404 outside', async () => {
      const mine = await makeFamily(t.app, coach, 'seeking');
      const theirs = await makeFamily(t.app, otherCoach, 'seeking');
      await as('coach').get(`/api/families/${mine.id}`).expect(200);
      await as('coach').get(`/api/families/${theirs.id}`).expect(404);
      await as('coach').patch(`/api/families/${theirs.id}`, { version: 1, suburb: 'X' }).expect(404);
      await as('supervisor').get(`/api/families/${theirs.id}`).expect(200);
      await as('otherSupervisor').get(`/api/families/${theirs.id}`).expect(404);
      await as('evaluator').get(`/api/families/${theirs.id}`).expect(403);
      const list = (await as('coach').get('/api/families?limit=200').expect(200)).body as {
        items: FamilyBody[];
      };
      expect(list.items.map((f) => f.id)).toContain(mine.id);
      expect(list.items.map((f) => f.id)).not.toContain(theirs.id);
      const siteList = (await as('supervisor').get('/api/families?limit=200').expect(200)).body as {
        items: FamilyBody[];
      };
      expect(siteList.items.map((f) => f.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
      const otherSiteList = (await as('otherSupervisor').get('/api/families').expect(200)).body as {
        total: number;
      };
      expect(otherSiteList.total).toBe(0);
    });

    it('shows legal names and checks to staff, and only preferred names to the family itself', async () => {
      const family = await makeFamily(t.app, coach, 'sharing');
      const added = await as('coach')
        .post(`/api/families/${family.id}/people`, {
          role: 'adult',
          preferredName: 'Mai',
          legalName: 'Thi Mai Nguyen',
          wwccNumber: 'WWC123456',
          wwccExpiresOn: t.clock.todayPlus(1000),
          language: 'vietnamese',
        })
        .expect(201);
      expect(added.body).toMatchObject({
        preferredName: 'Mai',
        legalName: 'Thi Mai Nguyen',
        wwccNumber: 'WWC123456',
      });
      const familyUser = await makeUser(t.app, { role: 'family', siteId: site.id, familyId: family.id });
      tokens.familyUser = await tokenFor(t.app, familyUser);
      const own = (await as('familyUser').get(`/api/families/${family.id}`).expect(200)).body as FamilyBody;
      expect(own.people).toHaveLength(1);
      expect(own.people?.[0]).toMatchObject({ preferredName: 'Mai' });
      expect(own.people?.[0]).not.toHaveProperty('legalName');
      expect(own.people?.[0]).not.toHaveProperty('wwccNumber');
      expect(JSON.stringify(own)).not.toContain('Thi Mai Nguyen');
      const staff = (await as('coach').get(`/api/families/${family.id}`).expect(200)).body as FamilyBody;
      expect(staff.people?.[0]).toMatchObject({ legalName: 'Thi Mai Nguyen' });
      const other = await makeFamily(t.app, coach, 'seeking');
      await as('familyUser').get(`/api/families/${other.id}`).expect(404);
      await as('familyUser').get('/api/families').expect(403);
    });

    it('refuses a check on a child and an unknown language on a person (400 naming the field)', async () => {
      const family = await makeFamily(t.app, coach, 'seeking');
      const child = await as('coach')
        .post(`/api/families/${family.id}/people`, { role: 'child', preferredName: 'Bo', wwccNumber: 'WWC1' })
        .expect(400);
      expect(fieldsOf(child.body)).toEqual(['wwccNumber']);
      const lang = await as('coach')
        .post(`/api/families/${family.id}/people`, { role: 'adult', preferredName: 'Al', language: 'elvish' })
        .expect(400);
      expect(fieldsOf(lang.body)).toEqual(['language']);
      const band = await as('coach')
        .post(`/api/families/${family.id}/people`, { role: 'child', preferredName: 'Bo', ageBand: 'age_3' })
        .expect(400);
      expect(fieldsOf(band.body)).toEqual(['ageBand']);
    });
  });

  describe('consents', () => {
    it('grants and withdraws, never twice, with timestamps', async () => {
      const family = await makeFamily(t.app, coach, 'seeking');
      const path = `/api/families/${family.id}/consents`;
      const granted = await as('coach').post(path, { kind: 'evaluation_use', action: 'grant' }).expect(200);
      expect(granted.body).toMatchObject({ changed: true });
      expect((granted.body as FamilyBody).consents).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'evaluation_use', granted: true })]),
      );
      await as('coach')
        .post(path, { kind: 'evaluation_use', action: 'grant' })
        .expect(200, /"changed":false/);
      const withdrawn = await as('coach')
        .post(path, { kind: 'evaluation_use', action: 'withdraw' })
        .expect(200);
      expect(withdrawn.body).toMatchObject({ changed: true });
      const rows = await t.app
        .get(DataSource)
        .query<{ withdrawn_at: Date | null }[]>('SELECT withdrawn_at FROM consents WHERE family_id = $1', [
          family.id,
        ]);
      expect(rows).toHaveLength(1);
      expect(rows[0].withdrawn_at).not.toBeNull();
      await as('coach').post(path, { kind: 'marketing', action: 'grant' }).expect(400);
    });
  });

  describe('lifecycles', () => {
    const move = (id: string, body: object, who = 'coach') =>
      as(who).post(`/api/families/${id}/status`, body);

    it('moves a Seeking family referred → intake → choosing, starting its waiting clock, and refuses linked by hand', async () => {
      const family = await makeFamily(t.app, coach, 'seeking');
      const intake = await move(family.id, { to: 'intake', version: 1 }).expect(200);
      expect(intake.body).toMatchObject({ status: 'intake', waitingSince: null, version: 2 });
      const choosing = await move(family.id, { to: 'choosing', version: 2 }).expect(200);
      expect((choosing.body as FamilyBody).waitingSince).not.toBeNull();
      const linked = await move(family.id, { to: 'linked', version: 3 }).expect(409);
      expect(linked.body).toMatchObject({ code: 'FAMILY.STATUS_MOVE_NOT_ALLOWED' });
      const backwards = await move(family.id, { to: 'referred', version: 3 }).expect(409);
      expect(backwards.body).toMatchObject({
        code: 'FAMILY.STATUS_MOVE_NOT_ALLOWED',
        details: { from: 'choosing', to: 'referred', allowed: ['waitlisted', 'intake', 'withdrawn'] },
      });
      await move(family.id, { to: 'approved', version: 3 }).expect(400);
      await move(family.id, { to: 'withdrawn', version: 2 }).expect(409, /VERSION_CONFLICT/);
    });

    it('approves a Sharing family only when every guard holds, naming each unmet one', async () => {
      const family = await makeFamily(t.app, coach, 'sharing', { strengths: ['budgeting'] });
      let version = (
        (await move(family.id, { to: 'in_training', version: 1 }).expect(200)).body as FamilyBody
      ).version;
      // The record shows the same checklist up front, before any approval is tried.
      const checklist = async () =>
        ((await as('coach').get(`/api/families/${family.id}`).expect(200)).body as FamilyBody)
          .approvalChecklist;
      expect(await checklist()).toEqual([
        { guard: 'TRAINING_COMPLETED', met: false },
        { guard: 'WWCC_CURRENT_FOR_EVERY_ADULT', met: false, personIds: [] },
        { guard: 'PARTICIPATION_CONSENT', met: false },
        { guard: 'COACH_SIGN_OFF', met: false },
      ]);
      const first = await move(family.id, { to: 'approved', version }).expect(409);
      expect(first.body).toMatchObject({ code: 'FAMILY.APPROVAL_GUARDS_UNMET' });
      const unmet = (b: unknown) =>
        (b as { details: { unmet: { guard: string }[] } }).details.unmet.map((u) => u.guard);
      expect(unmet(first.body)).toEqual([
        'TRAINING_COMPLETED',
        'WWCC_CURRENT_FOR_EVERY_ADULT',
        'PARTICIPATION_CONSENT',
        'COACH_SIGN_OFF',
      ]);
      // Nothing was written by the refused move.
      expect(
        ((await as('coach').get(`/api/families/${family.id}`)).body as FamilyBody).coachSignOffAt,
      ).toBeNull();

      const expired = await as('coach')
        .post(`/api/families/${family.id}/people`, {
          role: 'adult',
          preferredName: 'Kim',
          wwccNumber: 'WWC777',
          wwccExpiresOn: t.clock.todayPlus(-2000),
        })
        .expect(201);
      version = (
        (
          await as('coach')
            .patch(`/api/families/${family.id}`, {
              version,
              trainingCompletedAt: `${t.clock.todayPlus(-60)}T00:00:00Z`,
            })
            .expect(200)
        ).body as FamilyBody
      ).version;
      await as('coach')
        .post(`/api/families/${family.id}/consents`, { kind: 'participation', action: 'grant' })
        .expect(200);
      expect(await checklist()).toEqual([
        { guard: 'TRAINING_COMPLETED', met: true },
        {
          guard: 'WWCC_CURRENT_FOR_EVERY_ADULT',
          met: false,
          personIds: [(expired.body as { id: string }).id],
        },
        { guard: 'PARTICIPATION_CONSENT', met: true },
        { guard: 'COACH_SIGN_OFF', met: false },
      ]);
      const second = await move(family.id, { to: 'approved', version, signOff: true }).expect(409);
      expect(unmet(second.body)).toEqual(['WWCC_CURRENT_FOR_EVERY_ADULT']);
      expect(second.body).toMatchObject({
        details: { unmet: [{ personIds: [(expired.body as { id: string }).id] }] },
      });

      const person = expired.body as { id: string; version: number };
      await as('coach')
        .patch(`/api/people/${person.id}`, { version: 1, wwccExpiresOn: t.clock.todayPlus(1500) })
        .expect(200);
      await as('coach')
        .patch(`/api/people/${person.id}`, { version: 1, wwccExpiresOn: t.clock.todayPlus(1800) })
        .expect(409);
      const noSignOff = await move(family.id, { to: 'approved', version }).expect(409);
      expect(unmet(noSignOff.body)).toEqual(['COACH_SIGN_OFF']);
      const approved = await move(family.id, { to: 'approved', version, signOff: true }).expect(200);
      expect(approved.body).toMatchObject({ status: 'approved', coachSignOffBy: coach.id });
      // Approved: nothing left to check; a Seeking family never has a checklist.
      expect(await checklist()).toBeNull();
      const seeking = await makeFamily(t.app, coach, 'seeking');
      const seekingRecord = (await as('coach').get(`/api/families/${seeking.id}`).expect(200))
        .body as FamilyBody;
      expect(seekingRecord).toMatchObject({
        approvalChecklist: null,
        today: t.clock.today(),
        timeZone: 'Australia/Adelaide',
      });
    });
  });

  describe('review fixes', () => {
    const move = (id: string, body: object, who = 'coach') =>
      as(who).post(`/api/families/${id}/status`, body);
    const versionOf = async (id: string) =>
      ((await as('coach').get(`/api/families/${id}`).expect(200)).body as FamilyBody).version;

    it.each([
      ['latitude true', { latitude: true, longitude: 138.6 }, 'latitude'],
      ['latitude ""', { latitude: '', longitude: 138.6 }, 'latitude'],
      ['longitude as a string', { latitude: -34.9, longitude: '138.6' }, 'longitude'],
      ['a latitude without a longitude', { latitude: -34.9 }, 'longitude'],
      ['a longitude without a latitude', { longitude: 138.6 }, 'latitude'],
      ['a latitude with a null longitude', { latitude: -34.9, longitude: null }, 'longitude'],
      ['a repeated language', { languages: ['english', 'english'] }, 'languages'],
      [
        'a value on a same_suburb avoidance',
        { avoidances: [{ kind: 'same_suburb', value: 'x' }] },
        'avoidances',
      ],
    ])('refuses %s with 400 naming the field, writing nothing', async (_what, body, field) => {
      const displayName = `The coords ${field} ${Math.random()}`;
      const res = await register({ ...body, displayName }).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(fieldsOf(res.body)).toEqual([field]);
      const rows = await t.app
        .get(DataSource)
        .query<unknown[]>('SELECT 1 FROM families WHERE display_name = $1', [displayName]);
      expect(rows).toHaveLength(0);
    });

    it('refuses half a location on a change too, and takes both', async () => {
      const family = await makeFamily(t.app, coach, 'seeking');
      const res = await as('coach')
        .patch(`/api/families/${family.id}`, { version: 1, latitude: -34.8 })
        .expect(400);
      expect(fieldsOf(res.body)).toEqual(['longitude']);
      await as('coach')
        .patch(`/api/families/${family.id}`, { version: 1, latitude: null, longitude: null })
        .expect(200, /"latitude":null/);
    });

    it('refuses a coach registering a family without a coach (it could not see it)', async () => {
      const displayName = `The nobody ${Math.random()} family`;
      const res = await register({ primaryCoachId: null, displayName }).expect(400);
      expect(fieldsOf(res.body)).toEqual(['primaryCoachId']);
      const rows = await t.app
        .get(DataSource)
        .query<unknown[]>('SELECT 1 FROM families WHERE display_name = $1', [displayName]);
      expect(rows).toHaveLength(0);
      await register({ primaryCoachId: null }, 'supervisor').expect(201, /"primaryCoachId":null/);
    });

    it('refuses a capacity below the live link-ups with 409 and the live count', async () => {
      const sharing = await makeFamily(t.app, coach, 'sharing', { maxConcurrentLinkUps: 2 });
      const seekers = await Promise.all([
        makeFamily(t.app, coach, 'seeking'),
        makeFamily(t.app, coach, 'seeking'),
      ]);
      const db = t.app.get(DataSource);
      for (const seeking of seekers) {
        await db.query(
          `INSERT INTO link_ups (site_id, seeking_family_id, sharing_family_id, coach_id, stage, status, started_at, planned_weeks)
           VALUES ($1, $2, $3, $4, 'relationship_building', 'active', $5, 20)`,
          [site.id, seeking.id, sharing.id, coach.id, t.clock.now()],
        );
      }
      const res = await as('coach')
        .patch(`/api/families/${sharing.id}`, { version: 1, maxConcurrentLinkUps: 1 })
        .expect(409);
      expect(res.body).toMatchObject({
        code: 'FAMILY.CAPACITY_BELOW_LIVE_LINK_UPS',
        details: { liveLinkUps: 2, maxConcurrentLinkUps: 1 },
      });
      await as('coach')
        .patch(`/api/families/${sharing.id}`, { version: 1, maxConcurrentLinkUps: 3 })
        .expect(200);
    });

    it('takes a sign-off only with the approval, and starts over after leaving', async () => {
      const family = await makeFamily(t.app, coach, 'sharing');
      const early = await move(family.id, { to: 'in_training', version: 1, signOff: true }).expect(400);
      expect(fieldsOf(early.body)).toEqual(['signOff']);
      const row = async () =>
        (
          await t.app
            .get(DataSource)
            .query<{ status: string; coach_sign_off_at: Date | null; training_completed_at: Date | null }[]>(
              'SELECT status, coach_sign_off_at, training_completed_at FROM families WHERE id = $1',
              [family.id],
            )
        )[0];
      expect(await row()).toEqual({
        status: 'enquiry',
        coach_sign_off_at: null,
        training_completed_at: null,
      });

      await move(family.id, { to: 'in_training', version: 1 }).expect(200);
      const future = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
      const refused = await as('coach')
        .patch(`/api/families/${family.id}`, { version: 2, trainingCompletedAt: future })
        .expect(400);
      expect(fieldsOf(refused.body)).toEqual(['trainingCompletedAt']);
      await as('coach')
        .patch(`/api/families/${family.id}`, { version: 2, trainingCompletedAt: '2026-13-01T00:00:00Z' })
        .expect(400);
      await as('coach')
        .patch(`/api/families/${family.id}`, {
          version: 2,
          trainingCompletedAt: `${t.clock.todayPlus(-300)}T00:00:00Z`,
        })
        .expect(200);
      await as('coach')
        .post(`/api/families/${family.id}/people`, {
          role: 'adult',
          preferredName: 'Sam',
          wwccNumber: 'WWC4242',
          wwccExpiresOn: t.clock.todayPlus(3000),
        })
        .expect(201);
      await as('coach')
        .post(`/api/families/${family.id}/consents`, { kind: 'participation', action: 'grant' })
        .expect(200);
      await move(family.id, { to: 'approved', version: await versionOf(family.id), signOff: true }).expect(
        200,
      );
      await move(family.id, { to: 'exited', version: await versionOf(family.id) }).expect(200);
      expect(await row()).toEqual({ status: 'exited', coach_sign_off_at: null, training_completed_at: null });
      await move(family.id, { to: 'enquiry', version: await versionOf(family.id) }).expect(200);
      await move(family.id, { to: 'in_training', version: await versionOf(family.id) }).expect(200);
      const again = await move(family.id, { to: 'approved', version: await versionOf(family.id) }).expect(
        409,
      );
      expect(
        (again.body as { details: { unmet: { guard: string }[] } }).details.unmet.map((u) => u.guard),
      ).toEqual(['TRAINING_COMPLETED', 'COACH_SIGN_OFF']);
    });
  });

  describe('demo data', () => {
    it('seeds made-up Seeking and Sharing families on the demo site once, approved through the real rules', async () => {
      const seeder = t.app.get(DemoSeeder);
      // Two starts at once, then a start after one that stopped half-way (a made-up family lost).
      await Promise.all([seeder.seedOnce(), seeder.seedOnce()]);
      await t.app.get(DataSource).query(
        `DELETE FROM families WHERE id = (SELECT f.id FROM families f JOIN sites s ON s.id = f.site_id
           WHERE s.demo AND f.kind = 'sharing'
             AND NOT EXISTS (SELECT 1 FROM link_ups lu WHERE lu.sharing_family_id = f.id)
             AND NOT EXISTS (SELECT 1 FROM consents c WHERE c.family_id = f.id AND c.kind = 'evaluation_use')
           ORDER BY f.created_at DESC LIMIT 1)`,
      );
      await seeder.seedOnce();
      await seeder.seedOnce();
      const rows = await t.app.get(DataSource).query<{ kind: string; status: string; n: number }[]>(
        `SELECT f.kind, f.status, count(*)::int AS n FROM families f JOIN sites s ON s.id = f.site_id
          WHERE s.demo GROUP BY f.kind, f.status`,
      );
      const count = (kind: string) => rows.filter((r) => r.kind === kind).reduce((sum, r) => sum + r.n, 0);
      // The demo family user's own family, plus the made-up ones (and the living demo's, issue 15).
      expect(count('seeking')).toBe(DEMO_SEEKING_FAMILIES + DEMO_PROGRAMME_SEEKING);
      expect(count('sharing')).toBe(DEMO_SHARING_FAMILIES + DEMO_PROGRAMME_SHARING_GENERATED);
      expect(rows.find((r) => r.kind === 'sharing' && r.status === 'approved')?.n).toBeGreaterThan(3);
      const unapprovable = await t.app.get(DataSource).query<unknown[]>(
        `SELECT 1 FROM families f WHERE f.status = 'approved' AND f.kind = 'sharing' AND EXISTS (
           SELECT 1 FROM people p WHERE p.family_id = f.id AND p.role = 'adult' AND p.wwcc_expires_on < $1::date)`,
        [t.clock.today()],
      );
      expect(unapprovable).toHaveLength(0);
    });
  });
});
