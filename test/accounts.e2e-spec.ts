import { DemoSeeder, ProgrammeSettingsService, SigningKey, type User } from '@app/core';
import { makeSite, makeUser, signIn, TEST_PASSWORD, tokenFor } from '@app/testing';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app';

const ADMIN_EMAIL = 'first.admin@example.org';
const ADMIN_PASSWORD = 'bootstrap-admin-password';

interface AuditRow {
  action: string;
  actorId: string | null;
  entityType: string;
  entityId: string | null;
  requestId: string | null;
  details: Record<string, unknown> | null;
}

describe('accounts: sign-in, tokens, users, sites, audit and settings', () => {
  let t: TestApp;
  let admin: string;
  let siteA: string;
  let siteB: string;

  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).set('authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) =>
      t.http().post(path).set('authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) =>
      t.http().patch(path).set('authorization', `Bearer ${token}`).send(body),
  });
  const login = (email: string, password: string) =>
    t.http().post('/api/auth/login').send({ email, password });
  const auditOf = async (query: string): Promise<AuditRow[]> =>
    ((await as(admin).get(`/api/audit?${query}`).expect(200)).body as { items: AuditRow[] }).items;

  beforeAll(async () => {
    t = await startTestApp({ worker: false, env: { ADMIN_EMAIL, ADMIN_PASSWORD } });
    const res = await login(ADMIN_EMAIL.toUpperCase(), ADMIN_PASSWORD).expect(200);
    admin = (res.body as { accessToken: string }).accessToken;
    siteA = (await makeSite(t.app)).id;
    siteB = (await makeSite(t.app)).id;
  });
  afterAll(() => t.close());

  describe('sign-in', () => {
    it('creates the ADMIN_EMAIL admin at start and signs it in; /api/me answers who it is', async () => {
      const me = await as(admin).get('/api/me').expect(200);
      expect(me.body).toMatchObject({ email: ADMIN_EMAIL, role: 'admin', active: true });
      expect(me.body).not.toHaveProperty('passwordHash');
    });

    it('answers an unknown email, a wrong password and a deactivated user with the same 401', async () => {
      const coach = await makeUser(t.app, { role: 'coach', siteId: siteA });
      const inactive = await makeUser(t.app, { role: 'coach', siteId: siteA });
      await as(admin).post(`/api/users/${inactive.id}/deactivate`).expect(200);
      const bodies = await Promise.all([
        login('nobody@example.org', TEST_PASSWORD).expect(401),
        login(coach.email, 'not-the-password').expect(401),
        login(inactive.email, TEST_PASSWORD).expect(401),
      ]);
      const shapes = bodies.map((r) => ({
        code: (r.body as { code: string }).code,
        message: (r.body as { message: string }).message,
      }));
      expect(shapes[0]).toEqual({
        code: 'AUTH.INVALID_CREDENTIALS',
        message: 'The email or password is not correct.',
      });
      expect(shapes[1]).toEqual(shapes[0]);
      expect(shapes[2]).toEqual(shapes[0]);
    });

    it('audits successes and failures without the email or name', async () => {
      const coach = await makeUser(t.app, { role: 'coach', siteId: siteA });
      await login(coach.email, 'wrong-password-here').expect(401);
      const ok = await login(coach.email, TEST_PASSWORD).expect(200);
      const failed = await auditOf(`action=auth.login_failed&entityId=${coach.id}`);
      const succeeded = await auditOf(`action=auth.login_succeeded&entityId=${coach.id}`);
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({
        actorId: null,
        entityType: 'user',
        details: { reason: 'wrong_password' },
      });
      expect(succeeded).toHaveLength(1);
      expect(succeeded[0]).toMatchObject({ actorId: coach.id, requestId: ok.headers['x-request-id'] });
      const unknown = await auditOf('action=auth.login_failed&limit=200');
      const everything = JSON.stringify([...failed, ...succeeded, ...unknown]);
      expect(everything).not.toContain(coach.email);
      expect(everything).not.toContain('nobody@example.org');
      expect(everything).not.toContain(coach.displayName);
    });
  });

  describe('tokens', () => {
    let coach: User;
    let token: string;
    beforeAll(async () => {
      coach = await makeUser(t.app, { role: 'coach', siteId: siteA });
      token = await signIn(t.app, coach);
    });

    const expectRefused = async (bearer: string): Promise<void> => {
      const res = await t.http().get('/api/me').set('authorization', `Bearer ${bearer}`).expect(401);
      expect(res.body).toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
    };

    it('accepts a valid token', async () => {
      await as(token).get('/api/me').expect(200);
    });

    it('refuses a missing, expired, tampered or foreign-key token with 401', async () => {
      await t.http().get('/api/me').expect(401);
      const jwt = new JwtService({});
      const secret = t.app.get(SigningKey).secret;
      const claims = { ver: coach.tokenVersion };
      const options = { issuer: 'family-link', audience: 'family-link-api', subject: coach.id } as const;
      await expectRefused(await jwt.signAsync(claims, { ...options, secret, expiresIn: -10 }));
      await expectRefused(
        await jwt.signAsync(claims, { ...options, secret: randomBytes(32).toString('hex'), expiresIn: 600 }),
      );
      await expectRefused(
        await jwt.signAsync(
          { ver: coach.tokenVersion },
          { ...options, secret, expiresIn: 600, algorithm: 'HS512' },
        ),
      );
      const [header, payload, signature] = token.split('.');
      const forged = Buffer.from(
        JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), ver: 99 }),
      ).toString('base64url');
      await expectRefused(`${header}.${forged}.${signature}`);
      await expectRefused('not-a-token');
    });

    it('stops a deactivated user’s tokens on its next request, and a reactivated one must sign in again', async () => {
      const user = await makeUser(t.app, { role: 'supervisor', siteId: siteA });
      const before = await signIn(t.app, user);
      await as(before).get('/api/me').expect(200);
      await as(admin).post(`/api/users/${user.id}/deactivate`).expect(200);
      await expectRefused(before);
      await as(admin).post(`/api/users/${user.id}/reactivate`).expect(200);
      await expectRefused(before);
      await as(await signIn(t.app, user))
        .get('/api/me')
        .expect(200);
      const actions = (await auditOf(`entityId=${user.id}&entityType=user`)).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['user.deactivated', 'user.reactivated']));
    });

    it('changes one’s own password: the wrong current one is refused; old tokens stop; the new one works', async () => {
      const user = await makeUser(t.app, { role: 'family', siteId: siteA });
      const old = await signIn(t.app, user);
      const wrong = await as(old)
        .post('/api/me/password', { currentPassword: 'nope-nope-nope', newPassword: 'a-brand-new-password' })
        .expect(400);
      expect(wrong.body).toMatchObject({ code: 'USER.CURRENT_PASSWORD_WRONG' });
      const short = await as(old)
        .post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' })
        .expect(400);
      expect(short.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      const changed = await as(old)
        .post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'a-brand-new-password' })
        .expect(200);
      await expectRefused(old);
      await as((changed.body as { accessToken: string }).accessToken)
        .get('/api/me')
        .expect(200);
      await login(user.email, TEST_PASSWORD).expect(401);
      await login(user.email, 'a-brand-new-password').expect(200);
      expect(await auditOf(`action=user.password_changed&entityId=${user.id}`)).toHaveLength(1);
    });

    it('does not let an admin deactivate itself', async () => {
      const me = (await as(admin).get('/api/me').expect(200)).body as { id: string };
      const res = await as(admin).post(`/api/users/${me.id}/deactivate`).expect(409);
      expect(res.body).toMatchObject({ code: 'USER.CANNOT_DEACTIVATE_SELF' });
    });
  });

  describe('users and sites API', () => {
    it('creates a user with a normalised email, audits it with the request id, and refuses a duplicate with 409', async () => {
      const email = `New.Coach.${randomBytes(3).toString('hex')}@Example.org`;
      const body = {
        email,
        displayName: 'New Coach',
        role: 'coach',
        password: 'long-enough-password',
        siteId: siteA,
      };
      const created = await as(admin).post('/api/users', body).expect(201);
      expect(created.body).toMatchObject({
        email: email.toLowerCase(),
        role: 'coach',
        siteId: siteA,
        active: true,
      });
      const id = (created.body as { id: string }).id;
      const [event] = await auditOf(`action=user.created&entityId=${id}`);
      expect(event).toMatchObject({
        requestId: created.headers['x-request-id'],
        details: { role: 'coach', source: 'api' },
      });
      const duplicate = await as(admin)
        .post('/api/users', { ...body, email: email.toUpperCase() })
        .expect(409);
      expect(duplicate.body).toMatchObject({ code: 'USER.EMAIL_TAKEN' });
    });

    it.each([
      ['a bad email and role', { email: 'nope', role: 'boss' }, 'VALIDATION_FAILED'],
      ['a family user without a family', { role: 'family', siteId: 'SITE_A' }, 'USER.FAMILY_REQUIRED'],
      ['a coach without a site', { role: 'coach' }, 'USER.SITE_REQUIRED'],
      [
        'an unknown site',
        { role: 'coach', siteId: '7d1f3f4e-0000-4000-8000-000000000000' },
        'USER.UNKNOWN_SITE',
      ],
      [
        'a supervisor for a non-coach',
        { role: 'evaluator', supervisorId: '7d1f3f4e-0000-4000-8000-000000000000' },
        'USER.SUPERVISOR_NOT_ALLOWED',
      ],
    ])('refuses %s with 400 %s', async (_name, changes, code) => {
      const body: Record<string, unknown> = {
        email: `x${randomBytes(3).toString('hex')}@example.org`,
        displayName: 'X',
        password: 'long-enough-password',
        ...changes,
      };
      if (body.siteId === 'SITE_A') body.siteId = siteA;
      const res = await as(admin).post('/api/users', body).expect(400);
      expect(res.body).toMatchObject({ code });
    });

    it('accepts only an active supervisor of the same site for a coach', async () => {
      const other = await makeUser(t.app, { role: 'supervisor', siteId: siteB });
      const body = {
        email: `c${randomBytes(3).toString('hex')}@example.org`,
        displayName: 'C',
        password: 'long-enough-password',
        role: 'coach',
        siteId: siteA,
        supervisorId: other.id,
      };
      const res = await as(admin).post('/api/users', body).expect(400);
      expect(res.body).toMatchObject({ code: 'USER.INVALID_SUPERVISOR' });
      const own = await makeUser(t.app, { role: 'supervisor', siteId: siteA });
      await as(admin)
        .post('/api/users', { ...body, supervisorId: own.id })
        .expect(201);
    });

    it('creates sites, refuses a duplicate name with 409 SITE.NAME_TAKEN, and audits the creation', async () => {
      const name = `Site ${randomBytes(3).toString('hex')}`;
      const created = await as(admin).post('/api/sites', { name }).expect(201);
      const again = await as(admin).post('/api/sites', { name }).expect(409);
      expect(again.body).toMatchObject({ code: 'SITE.NAME_TAKEN' });
      expect(
        await auditOf(`action=site.created&entityId=${(created.body as { id: string }).id}`),
      ).toHaveLength(1);
    });

    it('scopes a supervisor to its site: others’ users are 404 and absent from its list', async () => {
      const supervisor = await makeUser(t.app, { role: 'supervisor', siteId: siteA });
      const ownCoach = await makeUser(t.app, { role: 'coach', siteId: siteA, supervisorId: supervisor.id });
      const otherCoach = await makeUser(t.app, { role: 'coach', siteId: siteB });
      const token = await tokenFor(t.app, supervisor);
      await as(token).get(`/api/users/${ownCoach.id}`).expect(200);
      const hidden = await as(token).get(`/api/users/${otherCoach.id}`).expect(404);
      expect(hidden.body).toMatchObject({ code: 'NOT_FOUND' });
      const list = (await as(token).get(`/api/users?limit=200&siteId=${siteB}`).expect(200)).body as {
        items: unknown[];
        total: number;
      };
      expect(list).toMatchObject({ items: [], total: 0 });
      const own = (await as(token).get('/api/users?limit=200').expect(200)).body as {
        items: { siteId: string }[];
      };
      expect(own.items.length).toBeGreaterThan(0);
      expect(own.items.every((u) => u.siteId === siteA)).toBe(true);
    });

    it('does not let a coach, family or evaluator see another user, or any user list', async () => {
      const target = await makeUser(t.app, { role: 'coach', siteId: siteA });
      for (const role of ['coach', 'family', 'evaluator'] as const) {
        const token = await tokenFor(t.app, await makeUser(t.app, { role, siteId: siteA }));
        await as(token).get(`/api/users/${target.id}`).expect(403);
        await as(token).get('/api/users').expect(403);
        await as(token).get('/api/audit').expect(403);
      }
    });
  });

  describe('audit log', () => {
    it('filters and paginates, newest first', async () => {
      const page = (await as(admin).get('/api/audit?action=user.created&limit=2&offset=1').expect(200))
        .body as {
        items: AuditRow[];
        total: number;
        limit: number;
        offset: number;
      };
      expect(page.limit).toBe(2);
      expect(page.offset).toBe(1);
      expect(page.items).toHaveLength(2);
      expect(page.total).toBeGreaterThan(3);
      expect(page.items.every((e) => e.action === 'user.created')).toBe(true);
      const bad = await as(admin).get('/api/audit?limit=0&from=yesterday').expect(400);
      expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('finds who did what to one record, within a time range, as the documented view', async () => {
      const me = (await as(admin).get('/api/me').expect(200)).body as { id: string };
      const created = (
        await as(admin)
          .post('/api/users', {
            email: `audited.${randomBytes(4).toString('hex')}@example.org`,
            displayName: 'Audited Coach',
            role: 'coach',
            password: TEST_PASSWORD,
            siteId: siteA,
          })
          .expect(201)
      ).body as { id: string };
      const query = `actorId=${me.id}&entityType=user&entityId=${created.id}`;
      const page = (await as(admin).get(`/api/audit?${query}`).expect(200)).body as {
        items: (AuditRow & { id: string; occurredAt: string; actorRole: string | null })[];
        total: number;
      };
      expect(page.total).toBe(1);
      const [line] = page.items;
      expect(Object.keys(line ?? {}).sort()).toEqual([
        'action',
        'actorId',
        'actorRole',
        'details',
        'entityId',
        'entityType',
        'id',
        'occurredAt',
        'requestId',
      ]);
      expect(line).toMatchObject({ action: 'user.created', actorId: me.id, actorRole: 'admin' });
      // No name, email or password in the line.
      expect(JSON.stringify(line)).not.toMatch(/Audited Coach|audited\.|example\.org/);

      // `from` includes its instant, `to` excludes its own.
      const at = new Date(line?.occurredAt ?? '');
      const within = `from=${at.toISOString()}&to=${new Date(at.getTime() + 1).toISOString()}`;
      const before = `to=${at.toISOString()}`;
      const found = await auditOf(`${query}&${within}`);
      expect(found.map((e) => e.action)).toEqual(['user.created']);
      await expect(auditOf(`${query}&${before}`)).resolves.toEqual([]);
      await expect(auditOf(`${query}&action=user.deactivated`)).resolves.toEqual([]);
    });

    it('is append-only in the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
      const db = t.app.get(DataSource);
      await expect(db.query(`UPDATE audit_events SET action = 'x.y'`)).rejects.toThrow(/append-only/);
      await expect(db.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
      await expect(db.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
      const [{ count }] = await db.query<{ count: string }[]>('SELECT count(*) FROM audit_events');
      expect(Number(count)).toBeGreaterThan(0);
    });
  });

  describe('programme settings', () => {
    it('starts at version 0 with the defaults, readable by staff', async () => {
      const coach = await tokenFor(t.app, await makeUser(t.app, { role: 'coach', siteId: siteA }));
      const res = await as(coach).get('/api/settings').expect(200);
      expect(res.body).toMatchObject({
        version: 0,
        settings: { deIdentification: { suppressionThreshold: 5 }, checkIns: { gracePeriodMs: 259_200_000 } },
      });
    });

    it('applies a valid change without a restart, audits its fields, keeps history, and refuses stale or invalid changes', async () => {
      const service = t.app.get(ProgrammeSettingsService);
      const changed = await as(admin)
        .patch('/api/settings', {
          version: 0,
          changes: { deIdentification: { suppressionThreshold: 7 }, matching: { weights: { interests: 4 } } },
        })
        .expect(200);
      expect(changed.body).toMatchObject({
        version: 1,
        settings: { deIdentification: { suppressionThreshold: 7 } },
      });
      expect((await service.currentSettings()).deIdentification.suppressionThreshold).toBe(7);
      expect((await service.currentSettings()).matching.weights.distance).toBe(2);

      const [event] = await auditOf('action=settings.changed');
      expect(event).toMatchObject({ entityId: '1', details: { fromVersion: 0, toVersion: 1 } });
      expect(event.details?.fields).toEqual([
        'matching.weights.interests',
        'deIdentification.suppressionThreshold',
      ]);

      const stale = await as(admin)
        .patch('/api/settings', { version: 0, changes: { caseload: { seekingFamiliesPerCoach: 30 } } })
        .expect(409);
      expect(stale.body).toMatchObject({
        code: 'VERSION_CONFLICT',
        details: { expectedVersion: 0, currentVersion: 1 },
      });

      const invalid = await as(admin)
        .patch('/api/settings', {
          version: 1,
          changes: { matching: { weights: { interests: -1 } }, colour: 'red' },
        })
        .expect(400);
      expect(invalid.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      const fields = (invalid.body as { details: { fields: { field: string }[] } }).details.fields.map(
        (f) => f.field,
      );
      expect(fields).toEqual(['changes.colour']);
      const negative = await as(admin)
        .patch('/api/settings', { version: 1, changes: { matching: { weights: { interests: -1 } } } })
        .expect(400);
      expect(
        (negative.body as { details: { fields: { field: string }[] } }).details.fields.map((f) => f.field),
      ).toEqual(['changes.matching.weights.interests']);
      expect((await service.currentSettings()).matching.weights.interests).toBe(4);

      const history = (await as(admin).get('/api/settings/history').expect(200)).body as {
        version: number;
      }[];
      expect(history.map((h) => h.version)).toEqual([1]);
    });
  });

  describe('demo users', () => {
    it('seeds one user per role on the demo site once, and they can sign in', async () => {
      const seeder = t.app.get(DemoSeeder);
      const first = await seeder.seedOnce();
      const second = await seeder.seedOnce();
      expect(first.signIns.map((s) => s.role)).toEqual([
        'admin',
        'supervisor',
        'coach',
        'evaluator',
        'family',
      ]);
      expect(second.created).toBe(false);
      const coach = first.signIns.find((s) => s.role === 'coach');
      const res = await login(coach?.email ?? '', coach?.password ?? '').expect(200);
      const me = (res.body as { user: { supervisorId: string | null; siteId: string } }).user;
      expect(me.supervisorId).not.toBeNull();
      const seeded = await auditOf('action=user.created&limit=200');
      expect(seeded.filter((e) => e.details?.source === 'demo_seed')).toHaveLength(5);
    });
  });
});
