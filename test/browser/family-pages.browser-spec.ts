import { FamiliesService, type User } from '@app/core';
import { callerOf, makeLinkUp, makeSite, makeUser, TEST_PASSWORD } from '@app/testing';
import type { Page } from 'playwright-core';
import {
  axeViolations,
  describeViolations,
  screenshot,
  signInAs,
  startBrowserHarness,
  type BrowserHarness,
} from './support/browser';

const PHONES = [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
] as const;

/** Issue 15: a family on its phone writes a goal, rates it, logs a win and sees each save confirmed. */
describe('the family’s pages on a phone (browser)', () => {
  let h: BrowserHarness;
  const families: User[] = [];

  beforeAll(async () => {
    h = await startBrowserHarness();
    const app = h.t.app;
    const site = await makeSite(app);
    const coach = await makeUser(app, { role: 'coach', siteId: site.id });
    const admin = await makeUser(app, { role: 'admin' });
    for (const names of [
      ['Aroha', 'Tui'],
      ['Sam', 'Priya'],
    ]) {
      const user = await makeUser(app, { role: 'family', siteId: site.id });
      for (const preferredName of names) {
        await app
          .get(FamiliesService)
          .addPerson(callerOf(admin), user.familyId as string, { role: 'adult', preferredName });
      }
      await makeLinkUp(app, coach, { seekingFamily: { id: user.familyId as string } });
      families.push(user);
    }
  });
  afterAll(() => h.close());

  async function expectClean(page: Page, name: string): Promise<void> {
    await expect(page.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(
      page.viewportSize()?.width ?? 0,
    );
    await screenshot(page, name);
    expect(describeViolations(await axeViolations(page))).toEqual([]);
  }

  it.each(PHONES.map((size, i) => [size.width, size, i] as const))(
    'at %i px: adds a goal, rates it twice (the latest shows), logs a win, each save confirmed',
    async (width, size, i) => {
      const page = await h.newPage(size);
      const names = i === 0 ? 'Aroha and Tui' : 'Sam and Priya';
      await signInAs(page, h.baseUrl, families[i].email, TEST_PASSWORD);
      await page.getByRole('heading', { name: `Hi, ${names}` }).waitFor();
      // The family's preferred names in the header, never the account's name.
      await page.getByRole('banner').getByText(names).waitFor();
      await expect(page.getByText('Test family', { exact: true }).count()).resolves.toBe(0);
      // The stage in plain words, the coach and how to reach them.
      await page.getByText('Getting to know each other').first().waitFor();
      await page.getByRole('link', { name: 'Email Test coach' }).waitFor();
      await expectClean(page, `family-${width}-start`);

      const goal = `Walk to school together ${width}`;
      const form = page.getByRole('form', { name: 'Add a goal' });
      await form.getByLabel('Our goal, in our own words').fill(goal);
      await form.getByLabel('What is it about?').selectOption({ label: 'Daily routines' });
      await form.getByRole('button', { name: 'Save our goal' }).click();
      await page.getByText('Saved! Your goal is on your list.').waitFor();
      const item = page
        .getByRole('list', { name: 'Our goals' })
        .getByRole('listitem')
        .filter({ hasText: goal });
      await item.getByText('About: Daily routines').waitFor();
      await item.getByText('Not rated yet.').waitFor();

      await item.getByRole('button', { name: 'A bit better than hoped' }).click();
      await item.getByText('Thanks! We noted “A bit better than hoped”.').waitFor();
      await item.getByText(/^Latest: A bit better than hoped/).waitFor();
      await item.getByRole('button', { name: 'As hoped', exact: true }).click();
      await item.getByText('Thanks! We noted “As hoped”.').waitFor();
      await item.getByText(/^Latest: As hoped/).waitFor();
      await expect(
        item.getByRole('button', { name: 'As hoped', exact: true }).getAttribute('aria-pressed'),
      ).resolves.toBe('true');
      await expect(
        item.getByRole('button', { name: 'A bit better than hoped' }).getAttribute('aria-pressed'),
      ).resolves.toBe('false');

      // Changing the goal's words.
      await item.getByRole('button', { name: 'Change the words' }).click();
      await item.getByLabel('Our goal, in our own words').fill(`${goal}, most days`);
      await item.getByRole('button', { name: 'Save the changes' }).click();
      await page.getByText('Saved! Your goal now reads the way you want it.').waitFor();
      await page.getByRole('heading', { name: `“${goal}, most days”` }).waitFor();

      await page.getByLabel('What went well?').fill(`We were on time all week ${width}`);
      await page.getByRole('button', { name: 'Save the small win' }).click();
      await page.getByText('Saved! Another small win — every step counts.').waitFor();
      await page
        .getByRole('list', { name: 'Your journey so far' })
        .getByText(`We were on time all week ${width}`)
        .waitFor();

      await page.getByRole('button', { name: 'Save the get-together' }).click();
      await page.getByText('Saved! Lovely that you got together.').waitFor();

      const feedback = page.getByRole('form', { name: 'How it is going' });
      await feedback
        .getByRole('group', { name: /How are things going between you/ })
        .getByLabel('Well', { exact: true })
        .check();
      await feedback
        .getByRole('group', { name: /How are things changing/ })
        .getByLabel('A little better')
        .check();
      await feedback.getByRole('button', { name: 'Send our answers' }).click();
      await page.getByText('Thank you! Your coach will see your answers.').waitFor();

      const heights = await page.evaluate<number[]>(
        "[...document.querySelectorAll('main button, main a.button')].map((b) => b.getBoundingClientRect().height)",
      );
      expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
      await expectClean(page, `family-${width}-after`);
      await page.setViewportSize({ width: 1280, height: 800 });
      await expectClean(page, `family-${width}-wide`);
      expect(h.pageErrors).toEqual([]);
      await page.close();
    },
  );
});
