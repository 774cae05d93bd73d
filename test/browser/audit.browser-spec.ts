import { Clock, FamiliesService, type Family, type User } from '@app/core';
import { callerOf, makeSeekingFamily, makeSite, makeUser, TEST_PASSWORD } from '@app/testing';
import type { Page } from 'playwright-core';
import {
  axeViolations,
  describeViolations,
  screenshot,
  signInAs,
  startBrowserHarness,
  type BrowserHarness,
} from './support/browser';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/**
 * Issue 14: the admin's audit trail answers "who did what, when, to which record": actions in plain
 * words, filters the API supports (who, what, kind of record, dates), a record's own lines, and a
 * link to the record's page; no name the audit API does not give (a family's name never appears).
 */
describe('the admin’s audit trail (browser)', () => {
  let h: BrowserHarness;
  let admin: User;
  let coach: User;
  let family: Family;
  let page: Page;

  beforeAll(async () => {
    h = await startBrowserHarness({ worker: false });
    const site = await makeSite(h.t.app);
    admin = await makeUser(h.t.app, { role: 'admin', displayName: 'Ari Admin' });
    coach = await makeUser(h.t.app, { role: 'coach', siteId: site.id, displayName: 'Casey Coach' });
    family = await makeSeekingFamily(h.t.app, coach, { displayName: 'The Quokka family' });
    const families = h.t.app.get(FamiliesService);
    await families.updateFamily(callerOf(coach), family.id, family.version, { suburb: 'Gawler' });
    page = await h.newPage(DESKTOP);
  });
  afterAll(() => h.close());

  async function expectAccessible(name: string): Promise<void> {
    for (const [size, viewport] of [
      ['1280', DESKTOP],
      ['390', PHONE],
    ] as const) {
      await page.setViewportSize(viewport);
      await screenshot(page, `audit-${name}-${size}`);
      expect(describeViolations(await axeViolations(page))).toEqual([]);
    }
    await page.setViewportSize(DESKTOP);
  }
  const table = () => page.getByRole('table', { name: 'Audit lines, newest first' });
  const rowOf = (what: string) => table().getByRole('row').filter({ hasText: what });

  it('is in the admin’s navigation and says each action in plain words, with who and the record', async () => {
    await signInAs(page, h.baseUrl, admin.email, TEST_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    await expect(page.title()).resolves.toBe('Audit trail · Family Link');

    const changed = rowOf('Changed a family’s details');
    await changed.waitFor();
    await expect(changed.getByRole('cell').nth(1).textContent()).resolves.toBe('Casey Coach (coach)');
    // The fields changed, in words ("Suburb"), not as the API's field names.
    await changed.getByText('Suburb').waitFor();
    await expect(changed.textContent()).resolves.not.toMatch(/\bsuburb\b|displayName/);
    await rowOf('Registered a family').first().waitFor();
    // No raw action key, and no family name: the trail holds ids and codes only.
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).not.toMatch(/family\.changed|family\.registered|auth\.login_succeeded/);
    expect(main).not.toContain('Quokka');
    await expectAccessible('all');
  });

  it('filters by what happened, by who, by record and by dates in the site’s zone', async () => {
    const clock = h.t.app.get(Clock);
    const filters = page.getByRole('search', { name: 'Filter the trail' });
    await filters.getByLabel('What happened').selectOption({ label: 'Changed a family’s details' });
    await page.getByRole('status').getByText('1 line.').waitFor();
    await expect(table().getByRole('row').count()).resolves.toBe(2);
    expect(new URL(page.url()).searchParams.get('action')).toBe('family.changed');

    await filters.getByLabel('What happened').selectOption({ label: 'Anything' });
    await filters.getByLabel('Who').selectOption({ label: 'Casey Coach (coach)' });
    await rowOf('Signed in').first().waitFor({ state: 'detached' });
    await rowOf('Registered a family').first().waitFor();

    // One record's lines, then its page.
    await filters.getByLabel('Who').selectOption({ label: 'Anyone' });
    const short = family.id.slice(0, 8);
    await rowOf('Changed a family’s details')
      .getByRole('button', { name: `Just this record (family ${short})` })
      .click();
    await filters.getByText(`Lines about family ${short}`).waitFor();
    await expect(filters.getByLabel('Kind of record').inputValue()).resolves.toBe('family');
    await rowOf('Created an account').first().waitFor({ state: 'detached' });
    const whats = await table().locator('tbody tr td:nth-child(3)').allTextContents();
    expect(new Set(whats)).toEqual(
      new Set(['Registered a family', 'Moved a family to another status', 'Changed a family’s details']),
    );

    // Dates are calendar days in the site's zone: today includes the lines, until yesterday none.
    await filters.getByLabel('From').fill(clock.today());
    await filters.getByLabel('Until (inclusive)').fill(clock.today());
    await page.getByRole('status').getByText(`${whats.length} line`, { exact: false }).waitFor();
    await filters.getByLabel('From').fill(clock.todayPlus(-2));
    await filters.getByLabel('Until (inclusive)').fill(clock.todayPlus(-1));
    await page.getByRole('status').getByText('No lines match these filters.').waitFor();
    await expectAccessible('filtered');
    await filters.getByLabel('Until (inclusive)').fill(clock.today());

    await rowOf('Changed a family’s details')
      .getByRole('link', { name: `family ${short}` })
      .click();
    await page.getByRole('heading', { level: 1, name: 'The Quokka family' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    await filters.getByRole('button', { name: 'Clear the filters' }).click();
    await rowOf('Signed in').first().waitFor();
    expect(h.pageErrors).toEqual([]);
  });

  it('reads as cards on a phone, with the filters folded', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${h.baseUrl}/admin/audit`);
    await page.getByRole('list', { name: 'Audit lines, newest first' }).waitFor();
    await page.getByText('Filters', { exact: true }).click();
    await page.getByLabel('What happened').selectOption({ label: 'Signed in' });
    const cards = page.getByRole('list', { name: 'Audit lines, newest first' }).getByRole('listitem');
    await expect(cards.first().textContent()).resolves.toContain('Ari Admin (admin)');
    const scrollWidth = await page.evaluate<number>('document.scrollingElement.scrollWidth');
    expect(scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'audit-phone-cards-390');
    expect(describeViolations(await axeViolations(page))).toEqual([]);
    await page.setViewportSize(DESKTOP);
  });
});
