import { FamiliesService, type Family, type Site, type User } from '@app/core';
import { callerOf, makeFamily, makeSeekingFamily, makeSite, makeUser, tokenFor } from '@app/testing';
import { startTestApp, type TestApp } from './support/test-app';

interface Row {
  id: string;
  kind: string;
  status: string;
  displayName: string;
  suburb: string | null;
  primaryCoachId: string | null;
  coachName: string | null;
  weeksWaiting: number | null;
}
interface Page {
  items: Row[];
  total: number;
  limit: number;
  offset: number;
}

const WEEK_MS = 7 * 86_400_000;

/** `GET /api/families`: search, filters, sort and pages, scoped like every list (issue 14, DESIGN §2, §6). */
describe('GET /api/families: search, filter, sort, pages', () => {
  let t: TestApp;
  let site: Site;
  let coach: User;
  let otherCoach: User;
  let supervisor: User;
  let otherSiteCoach: User;
  const tokens = new Map<string, string>();
  // Site A: coach's and otherCoach's families; site B: one family of a coach elsewhere.
  let marigoldTan: Family; // coach, Seeking, choosing, waiting 10 weeks, Salisbury, adult "Xiomara"
  let marigold: Family; // otherCoach, Seeking, referred, Elizabeth
  let nguyenNorth: Family; // coach, Seeking, waitlisted, waiting 3 weeks, Gawler
  let nguyenSouth: Family; // otherCoach, Seeking, choosing, waiting 0 weeks, Noarlunga
  let juniper: Family; // coach, Sharing, enquiry, Marion
  let elsewhere: Family; // site B: "The Marigold-Far family"

  const list = async (who: User, query: string): Promise<Page> =>
    (
      await t
        .http()
        .get(`/api/families?${query}`)
        .set('authorization', tokens.get(who.id) as string)
        .expect(200)
    ).body as Page;
  const ids = (page: Page): string[] => page.items.map((row) => row.id);

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    let otherSite: Site;
    [site, otherSite] = await Promise.all([makeSite(t.app), makeSite(t.app)]);
    supervisor = await makeUser(t.app, { role: 'supervisor', siteId: site.id });
    coach = await makeUser(t.app, { role: 'coach', siteId: site.id, supervisorId: supervisor.id });
    otherCoach = await makeUser(t.app, { role: 'coach', siteId: site.id, supervisorId: supervisor.id });
    otherSiteCoach = await makeUser(t.app, { role: 'coach', siteId: otherSite.id });
    for (const user of [supervisor, coach, otherCoach, otherSiteCoach]) {
      tokens.set(user.id, `Bearer ${await tokenFor(t.app, user)}`);
    }
    const weeksAgo = (weeks: number): Date => new Date(t.clock.now().getTime() - weeks * WEEK_MS - 3_600_000);
    // Registered in this order, the clock moving on between them: "updated" order is this order.
    marigoldTan = await makeSeekingFamily(t.app, coach, {
      displayName: 'The Marigold-Tan family',
      suburb: 'Salisbury',
      waitingSince: weeksAgo(10),
    });
    await t.app.get(FamiliesService).addPerson(callerOf(coach), marigoldTan.id, {
      role: 'adult',
      preferredName: 'Xiomara',
    });
    t.clock.advance({ minutes: 5 });
    marigold = await makeFamily(t.app, otherCoach, 'seeking', {
      displayName: 'The Marigold family',
      suburb: 'Elizabeth',
    });
    t.clock.advance({ minutes: 5 });
    nguyenNorth = await makeSeekingFamily(
      t.app,
      coach,
      { displayName: 'The Nguyen family', suburb: 'Gawler', waitingSince: weeksAgo(3) },
      'waitlisted',
    );
    t.clock.advance({ minutes: 5 });
    nguyenSouth = await makeSeekingFamily(t.app, otherCoach, {
      displayName: 'The Nguyen family',
      suburb: 'Noarlunga',
    });
    t.clock.advance({ minutes: 5 });
    juniper = await makeFamily(t.app, coach, 'sharing', {
      displayName: 'The Juniper family',
      suburb: 'Marion',
    });
    t.clock.advance({ minutes: 5 });
    elsewhere = await makeSeekingFamily(t.app, otherSiteCoach, { displayName: 'The Marigold-Far family' });
  });
  afterAll(() => t.close());

  describe('search (q)', () => {
    it('finds a family by part of its name, in any case, and not the others', async () => {
      const page = await list(supervisor, 'q=GOLD-t');
      expect(ids(page)).toEqual([marigoldTan.id]);
      expect(page.total).toBe(1);
      expect(ids(await list(supervisor, 'q=marigold'))).toEqual([marigoldTan.id, marigold.id].sort(byName));
    });

    it('finds a family by a person’s preferred name and by suburb', async () => {
      expect(ids(await list(supervisor, 'q=xiom'))).toEqual([marigoldTan.id]);
      expect(ids(await list(supervisor, 'q=noarl'))).toEqual([nguyenSouth.id]);
    });

    it('matches the text literally: LIKE wildcards and quotes find nothing', async () => {
      for (const q of ['%', '_', "'; DELETE FROM families; --", '\\']) {
        const page = await list(supervisor, `q=${encodeURIComponent(q)}`);
        expect([q, page.total, page.items]).toEqual([q, 0, []]);
      }
      expect((await list(supervisor, '')).total).toBe(5);
    });

    it('a blank search lists everything in scope', async () => {
      expect((await list(supervisor, 'q=%20%20')).total).toBe(5);
    });
  });

  describe('scope (DESIGN §2)', () => {
    it('a coach never finds another site’s family, nor a family off its caseload', async () => {
      expect(ids(await list(otherSiteCoach, 'q=marigold'))).toEqual([elsewhere.id]);
      expect(ids(await list(coach, 'q=marigold'))).toEqual([marigoldTan.id]);
      expect(ids(await list(coach, 'q=elizabeth'))).toEqual([]);
      // Filtering by another site or coach widens nothing.
      expect((await list(otherSiteCoach, `siteId=${site.id}`)).total).toBe(0);
      expect((await list(coach, `coachId=${otherCoach.id}`)).total).toBe(0);
    });

    it('a supervisor sees its whole site and nothing of another', async () => {
      expect(ids(await list(supervisor, 'q=far'))).toEqual([]);
      expect((await list(supervisor, 'limit=200')).total).toBe(5);
    });
  });

  describe('rows tell two families of the same name apart', () => {
    it('carries suburb, coach name, status and weeks waiting', async () => {
      const page = await list(supervisor, 'q=nguyen&sort=waiting&order=desc');
      expect(
        page.items.map((r) => [r.id, r.displayName, r.suburb, r.coachName, r.status, r.weeksWaiting]),
      ).toEqual([
        [nguyenNorth.id, 'The Nguyen family', 'Gawler', coach.displayName, 'waitlisted', 3],
        [nguyenSouth.id, 'The Nguyen family', 'Noarlunga', otherCoach.displayName, 'choosing', 0],
      ]);
      expect(page.items.map((r) => r.primaryCoachId)).toEqual([coach.id, otherCoach.id]);
      const notWaiting = (await list(supervisor, 'q=juniper')).items[0];
      expect([notWaiting.weeksWaiting, notWaiting.coachName]).toEqual([null, coach.displayName]);
    });

    it('counts weeks waiting from the clock', async () => {
      t.clock.advance({ days: 14 });
      try {
        const rows = (await list(supervisor, 'q=nguyen&sort=waiting&order=desc')).items;
        expect(rows.map((r) => r.weeksWaiting)).toEqual([5, 2]);
      } finally {
        t.clock.advance({ days: -14 });
      }
    });
  });

  describe('filters', () => {
    it('kind', async () => {
      expect(ids(await list(supervisor, 'kind=sharing'))).toEqual([juniper.id]);
      expect((await list(supervisor, 'kind=seeking')).total).toBe(4);
    });

    it('status', async () => {
      expect(ids(await list(supervisor, 'status=choosing&sort=name'))).toEqual(
        [marigoldTan.id, nguyenSouth.id].sort(byName),
      );
      expect(ids(await list(supervisor, 'status=approved'))).toEqual([]);
    });

    it('coach (the primary coach)', async () => {
      expect(ids(await list(supervisor, `coachId=${otherCoach.id}&sort=updated`))).toEqual([
        marigold.id,
        nguyenSouth.id,
      ]);
    });

    it('waiting time, in whole weeks', async () => {
      expect(ids(await list(supervisor, 'waitingMinWeeks=4'))).toEqual([marigoldTan.id]);
      expect(ids(await list(supervisor, 'waitingMinWeeks=3&sort=waiting&order=desc'))).toEqual([
        marigoldTan.id,
        nguyenNorth.id,
      ]);
      // 0: every family waiting at all.
      expect((await list(supervisor, 'waitingMinWeeks=0')).total).toBe(3);
    });

    it('combine with search', async () => {
      expect(ids(await list(supervisor, 'q=nguyen&status=waitlisted'))).toEqual([nguyenNorth.id]);
      expect(ids(await list(supervisor, `q=nguyen&coachId=${coach.id}`))).toEqual([nguyenNorth.id]);
    });
  });

  describe('sort', () => {
    const all = () => [marigoldTan, marigold, nguyenNorth, nguyenSouth, juniper];

    it('by name, either way (ties by id)', async () => {
      const expected = all()
        .map((f) => f.id)
        .sort(byName);
      expect(ids(await list(supervisor, 'sort=name'))).toEqual(expected);
      const desc = ids(await list(supervisor, 'sort=name&order=desc'));
      expect(desc.map(nameOf)).toEqual(expected.map(nameOf).reverse());
    });

    it('by waiting time: longest first when desc, shortest first when asc; not waiting last either way', async () => {
      expect(ids(await list(supervisor, 'sort=waiting&order=desc')).slice(0, 3)).toEqual([
        marigoldTan.id,
        nguyenNorth.id,
        nguyenSouth.id,
      ]);
      const asc = ids(await list(supervisor, 'sort=waiting&order=asc'));
      expect(asc.slice(0, 3)).toEqual([nguyenSouth.id, nguyenNorth.id, marigoldTan.id]);
      expect(new Set(asc.slice(3))).toEqual(new Set([marigold.id, juniper.id]));
    });

    it('by status, in lifecycle order (Seeking, then Sharing)', async () => {
      const rows = (await list(supervisor, 'sort=status')).items;
      expect(rows.map((r) => r.status)).toEqual([
        'referred',
        'choosing',
        'choosing',
        'waitlisted',
        'enquiry',
      ]);
      const desc = (await list(supervisor, 'sort=status&order=desc')).items;
      expect(desc.map((r) => r.status)).toEqual([
        'enquiry',
        'waitlisted',
        'choosing',
        'choosing',
        'referred',
      ]);
    });

    it('by last change', async () => {
      const order = all().map((f) => f.id);
      expect(ids(await list(supervisor, 'sort=updated'))).toEqual(order);
      expect(ids(await list(supervisor, 'sort=updated&order=desc'))).toEqual([...order].reverse());
    });
  });

  describe('pages', () => {
    it('gives the total of the whole result with each page, and pages that add up to it', async () => {
      const first = await list(supervisor, 'sort=name&limit=2&offset=0');
      const second = await list(supervisor, 'sort=name&limit=2&offset=2');
      const third = await list(supervisor, 'sort=name&limit=2&offset=4');
      expect([first.total, second.total, third.total]).toEqual([5, 5, 5]);
      expect([first.limit, first.offset, third.offset]).toEqual([2, 0, 4]);
      expect([first.items.length, second.items.length, third.items.length]).toEqual([2, 2, 1]);
      expect([...ids(first), ...ids(second), ...ids(third)]).toEqual(
        ids(await list(supervisor, 'sort=name')),
      );
      const beyond = await list(supervisor, 'limit=2&offset=10');
      expect([beyond.total, beyond.items]).toEqual([5, []]);
      const searched = await list(supervisor, 'q=nguyen&limit=1');
      expect([searched.total, searched.items.length]).toEqual([2, 1]);
    });
  });

  describe('bad parameters', () => {
    it.each([
      ['sort=colour', 'sort'],
      ['order=up', 'order'],
      ['status=happy', 'status'],
      ['kind=both', 'kind'],
      ['waitingMinWeeks=-1', 'waitingMinWeeks'],
      ['waitingMinWeeks=soon', 'waitingMinWeeks'],
      ['waitingMinWeeks=521', 'waitingMinWeeks'],
      ['coachId=not-a-uuid', 'coachId'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['offset=-1', 'offset'],
      [`q=${'a'.repeat(81)}`, 'q'],
      ['search=marigold', 'search'],
    ])('%s → 400 VALIDATION_FAILED naming %s', async (query, field) => {
      const res = await t
        .http()
        .get(`/api/families?${query}`)
        .set('authorization', tokens.get(supervisor.id) as string)
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(typeof (res.body as { message: unknown }).message).toBe('string');
      expect(typeof (res.body as { requestId: unknown }).requestId).toBe('string');
      const fields = ((res.body as { details?: { fields?: { field: string }[] } }).details?.fields ?? []).map(
        (f) => f.field,
      );
      expect(fields).toEqual([field]);
    });
  });

  function nameOf(id: string): string {
    const family = [marigoldTan, marigold, nguyenNorth, nguyenSouth, juniper, elsewhere].find(
      (f) => f.id === id,
    );
    if (family === undefined) throw new Error(`unknown family ${id}`);
    return family.displayName;
  }
  /** The API's name order: display name (PostgreSQL's collation agrees for these ASCII names), then id. */
  function byName(a: string, b: string): number {
    const [na, nb] = [nameOf(a).toLowerCase(), nameOf(b).toLowerCase()];
    return na === nb ? (a < b ? -1 : 1) : na < nb ? -1 : 1;
  }
});
