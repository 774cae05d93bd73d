import { makeFamily, makeSeekingFamily, makeSite, makeUser, TEST_PASSWORD } from '@app/testing';
import type { User } from '@app/core';
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
const WEEK_MS = 7 * 86_400_000;

/**
 * The Families page (issue 14): a supervisor searches by part of a name, filters, sorts by a column,
 * pages through, and a link or the back button keeps the list as it was. Cards on a phone.
 */
describe('the families list (browser)', () => {
  let h: BrowserHarness;
  let supervisor: User;
  let page: Page;

  beforeAll(async () => {
    h = await startBrowserHarness({ worker: false });
    const site = await makeSite(h.t.app);
    supervisor = await makeUser(h.t.app, { role: 'supervisor', siteId: site.id });
    const coach = await makeUser(h.t.app, { role: 'coach', siteId: site.id, supervisorId: supervisor.id });
    const other = await makeUser(h.t.app, { role: 'coach', siteId: site.id, supervisorId: supervisor.id });
    const weeksAgo = (n: number) => new Date(h.t.clock.now().getTime() - n * WEEK_MS - 3_600_000);
    await makeSeekingFamily(h.t.app, coach, {
      displayName: 'The Marigold-Tan family',
      suburb: 'Salisbury',
      waitingSince: weeksAgo(10),
    });
    await makeSeekingFamily(
      h.t.app,
      coach,
      { displayName: 'The Nguyen family', suburb: 'Gawler' },
      'waitlisted',
    );
    await makeSeekingFamily(h.t.app, other, {
      displayName: 'The Nguyen family',
      suburb: 'Noarlunga',
      waitingSince: weeksAgo(3),
    });
    await makeFamily(h.t.app, other, 'sharing', { displayName: 'The Juniper family', suburb: 'Marion' });
    // Enough families for a second page (25 a page).
    for (let i = 1; i <= 26; i += 1) {
      await makeFamily(h.t.app, i % 2 === 0 ? coach : other, 'seeking', {
        displayName: `The Filler ${String(i).padStart(2, '0')} family`,
      });
    }
    page = await h.newPage(DESKTOP);
  });
  afterAll(() => h.close());

  async function expectAccessible(name: string): Promise<void> {
    for (const [size, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      await page.setViewportSize(viewport);
      await page
        .getByRole('status')
        .filter({ hasText: /Showing|found|No family/ })
        .waitFor();
      await screenshot(page, `families-${name}-${size}`);
      expect(describeViolations(await axeViolations(page))).toEqual([]);
    }
    await page.setViewportSize(DESKTOP);
  }
  const status = () => page.getByRole('status').filter({ hasText: /Showing|found|No family/ });
  const rowNames = async (): Promise<string[]> =>
    page.getByRole('table').getByRole('row').locator('td:first-child').allInnerTexts();
  const param = (name: string): string | null => new URL(page.url()).searchParams.get(name);

  it('lists the families a page at a time, with suburb, coach, status and weeks waiting', async () => {
    await signInAs(page, h.baseUrl, supervisor.email, TEST_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Families' }).click();
    await page.getByRole('heading', { level: 1, name: 'Families' }).waitFor();
    await expect(page.title()).resolves.toBe('Families · Family Link');
    await status().getByText('Showing 1–25 of 30 families').waitFor();
    await expect(page.getByRole('table').getByRole('row').count()).resolves.toBe(26);
    await expectAccessible('all');

    await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Next page' }).click();
    await status().getByText('Showing 26–30 of 30 families').waitFor();
    expect(param('page')).toBe('2');
    await page.goBack();
    await status().getByText('Showing 1–25 of 30 families').waitFor();
    expect(param('page')).toBeNull();
  });

  it('finds a family by part of its name as one types, and keeps the search in the address', async () => {
    await page.getByRole('searchbox', { name: 'Search' }).fill('gold-t');
    await status().getByText('1 family found').waitFor();
    expect(await rowNames()).toEqual(['The Marigold-Tan family']);
    expect(param('q')).toBe('gold-t');
    const row = page.getByRole('row', { name: /Marigold-Tan/ });
    await expect(row.getByRole('cell').allInnerTexts()).resolves.toEqual([
      'The Marigold-Tan family',
      'Seeking',
      'Choosing a Sharing family',
      'Salisbury',
      'Test coach',
      '10 weeks',
      expect.any(String),
    ]);
    await expectAccessible('search');

    // Nothing found: said in words.
    await page.getByRole('searchbox', { name: 'Search' }).fill('zzz');
    await status().getByText('No family matches.').waitFor();
  });

  it('tells two families of the same name apart, and a link back keeps the list', async () => {
    await page.getByRole('searchbox', { name: 'Search' }).fill('nguyen');
    await status().getByText('2 families found').waitFor();
    const suburbs = await page.getByRole('table').getByRole('row').locator('td:nth-child(4)').allInnerTexts();
    expect(suburbs.sort()).toEqual(['Gawler', 'Noarlunga']);

    await page.getByRole('link', { name: 'The Nguyen family' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'The Nguyen family' }).waitFor();
    await page.goBack();
    await status().getByText('2 families found').waitFor();
    await expect(page.getByRole('searchbox', { name: 'Search' }).inputValue()).resolves.toBe('nguyen');

    // The same address in a fresh page shows the same list.
    const url = page.url();
    const second = await h.newPage(DESKTOP);
    await second.goto(url);
    await second.getByRole('status').filter({ hasText: '2 families found' }).waitFor();
    await second.close();
  });

  it('filters by kind, status and waiting time', async () => {
    await page.getByRole('button', { name: 'Clear the search and filters' }).click();
    await status().getByText('Showing 1–25 of 30 families').waitFor();
    await page.getByLabel('Kind', { exact: true }).selectOption('sharing');
    await status().getByText('1 family found').waitFor();
    expect(await rowNames()).toEqual(['The Juniper family']);
    await page.getByLabel('Kind', { exact: true }).selectOption('');
    await page.getByLabel('Status', { exact: true }).selectOption('waitlisted');
    await status().getByText('1 family found').waitFor();
    expect(await rowNames()).toEqual(['The Nguyen family']);
    await page.getByLabel('Status', { exact: true }).selectOption('');
    await page.getByLabel('Waiting', { exact: true }).selectOption('8');
    await status().getByText('1 family found').waitFor();
    expect(await rowNames()).toEqual(['The Marigold-Tan family']);
    expect(param('waiting')).toBe('8');
    await page.getByRole('button', { name: 'Clear the search and filters' }).click();
    await status().getByText('Showing 1–25 of 30 families').waitFor();
  });

  it('sorts by a column: the longest waiting first, then the other way', async () => {
    const waiting = page.getByRole('columnheader', { name: /Waiting/ });
    await waiting.getByRole('button').click();
    // The page answers on its next render: wait for each state before reading it.
    await page.locator('th[aria-sort="descending"]', { hasText: 'Waiting' }).waitFor();
    await expect(waiting.getAttribute('aria-sort')).resolves.toBe('descending');
    await page.waitForURL((url) => url.searchParams.get('sort') === 'waiting');
    await status().getByText('Showing 1–25 of 30 families').waitFor();
    await page.getByRole('table').getByRole('row').nth(1).getByText('The Marigold-Tan family').waitFor();
    await page.getByRole('table').getByRole('row').nth(3).getByText('The Nguyen family').waitFor();
    expect((await rowNames()).slice(0, 3)).toEqual([
      'The Marigold-Tan family',
      'The Nguyen family',
      'The Nguyen family',
    ]);
    await waiting.getByRole('button').click();
    await page.locator('th[aria-sort="ascending"]', { hasText: 'Waiting' }).waitFor();
    await expect(waiting.getAttribute('aria-sort')).resolves.toBe('ascending');
    await page.getByRole('table').getByRole('row').nth(1).getByText('The Nguyen family').waitFor();
    await screenshot(page, 'families-sorted-desktop');
  });

  it('shows cards on a phone, with a sort choice in place of the columns', async () => {
    await page.setViewportSize(PHONE);
    // The layout follows the viewport on the next render: wait for the cards, then the table is gone.
    const cards = page.getByRole('list', { name: 'Families' });
    await cards.getByRole('link', { name: 'The Marigold-Tan family' }).waitFor();
    await page.getByRole('table').waitFor({ state: 'detached' });
    await expect(page.getByRole('table').count()).resolves.toBe(0);
    // The filters fold away on a phone, so the list starts on the first screen.
    await expect(page.getByLabel('Sort by').isVisible()).resolves.toBe(false);
    await page.getByText('Filters and order').click();
    await page.getByLabel('Sort by').selectOption('name-asc');
    await cards.getByRole('listitem').first().getByText('The Filler 01 family').waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill('salis');
    await status().getByText('1 family found').waitFor();
    const card = cards.getByRole('listitem');
    await card.getByText('Salisbury · Coach: Test coach').waitFor();
    await card.getByText('Seeking · Choosing a Sharing family · waiting 10 weeks').waitFor();
    await screenshot(page, 'families-cards-phone');
    expect(describeViolations(await axeViolations(page))).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });
});
