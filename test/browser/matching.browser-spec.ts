import {
  makeApprovedSharingFamily,
  makeSeekingFamily,
  makeSite,
  makeUser,
  TEST_PASSWORD,
} from '@app/testing';
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

/**
 * Issue 14, matching: a shortlist's decision in two steps (the Seeking family's choice, then the
 * Sharing family's answer, pending in between), a decline only after a confirmation naming the
 * family, and undone by lifting it; an empty shortlist says so in a sentence.
 */
describe('matching and the family record (browser)', () => {
  let h: BrowserHarness;
  let coach: User;
  let page: Page;

  beforeAll(async () => {
    h = await startBrowserHarness();
    const site = await makeSite(h.t.app);
    coach = await makeUser(h.t.app, { role: 'coach', siteId: site.id });
    await makeSeekingFamily(h.t.app, coach, { displayName: 'The Lane family' });
    await makeApprovedSharingFamily(h.t.app, coach, { displayName: 'The Oak family' });
    await makeApprovedSharingFamily(h.t.app, coach, { displayName: 'The Birch family' });
    page = await h.newPage(DESKTOP);
  });
  afterAll(() => h.close());

  /** axe at 1280×800 and 390×844, with a screenshot of each. */
  async function expectAccessible(name: string): Promise<void> {
    await screenshot(page, `${name}-1280`);
    expect(describeViolations(await axeViolations(page))).toEqual([]);
    await page.setViewportSize(PHONE);
    await screenshot(page, `${name}-390`);
    expect(describeViolations(await axeViolations(page))).toEqual([]);
    await page.setViewportSize(DESKTOP);
  }

  async function openFamily(name: string): Promise<void> {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Families' }).click();
    await page.getByRole('link', { name }).first().click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
  }

  it('says in a sentence that an empty shortlist cannot be offered', async () => {
    await signInAs(page, h.baseUrl, coach.email, TEST_PASSWORD);
    await openFamily('The Lane family');
    await page.getByRole('link', { name: 'Suggested Sharing families' }).click();
    await page.getByRole('region', { name: 'The Oak family' }).waitFor();
    await page.getByRole('button', { name: 'Offer this shortlist to the family' }).click();
    await page.getByRole('alert').getByText('Tick at least one family above to offer a shortlist.').waitFor();
    await expectAccessible('matching-suggestions');
  });

  it('records the choice first, asks before recording a decline, and undoes a mistaken decline', async () => {
    await page.getByLabel('Add The Oak family to the shortlist').check();
    await page.getByLabel('Add The Birch family to the shortlist').check();
    await page.getByRole('button', { name: 'Offer this shortlist to the family' }).click();
    await page.getByRole('heading', { level: 1, name: 'Shortlist for The Lane family' }).waitFor();

    // Step 1: nothing is pre-selected, and recording nothing says what to do.
    for (const option of ['They chose The Oak family', 'They chose The Birch family']) {
      await expect(page.getByLabel(option).isChecked()).resolves.toBe(false);
    }
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await page.getByRole('alert').getByText('Choose one of the answers above first.').waitFor();
    await expectAccessible('matching-shortlist-step-1');
    await page.getByLabel('They chose The Oak family').check();
    await page.getByRole('button', { name: 'Record the decision' }).click();

    // Step 2: pending until the Sharing family answers.
    await page.getByRole('heading', { name: 'Step 2: The Oak family’s answer' }).waitFor();
    await page.getByText('The Lane family chose The Oak family. Ask The Oak family').waitFor();
    await expectAccessible('matching-shortlist-step-2');

    // A decline asks first, naming the family; cancelling records nothing.
    await page.getByRole('button', { name: 'The Oak family said no' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record that The Oak family said no?' });
    await dialog.waitFor();
    await expectAccessible('matching-decline-confirmation');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.reload();
    await page.getByRole('heading', { name: 'Step 2: The Oak family’s answer' }).waitFor();

    await page.getByRole('button', { name: 'The Oak family said no' }).click();
    await dialog.getByRole('button', { name: 'Yes, The Oak family said no' }).click();
    await page.getByText('The Oak family said no to linking up with The Lane family').waitFor();
    await page.getByRole('link', { name: 'Find more Sharing families for The Lane family' }).waitFor();
    await expectAccessible('matching-shortlist-declined');

    // Undo: the decline is lifted, with a reason.
    await page.getByLabel('Why is it being lifted?').selectOption({ label: 'It was recorded by mistake' });
    await page.getByRole('button', { name: 'Undo the decline of The Oak family' }).click();
    await page
      .getByText('The decline is lifted: The Oak family can be suggested and offered again.')
      .waitFor();
    await page.getByRole('link', { name: 'Find more Sharing families for The Lane family' }).click();
    await page.getByRole('region', { name: 'The Oak family' }).waitFor();
  });

  it('offers again, records the choice and the Sharing family’s yes, and opens the link-up', async () => {
    await page.getByLabel('Add The Oak family to the shortlist').check();
    await page.getByRole('button', { name: 'Offer this shortlist to the family' }).click();
    await page.getByRole('heading', { level: 1, name: 'Shortlist for The Lane family' }).waitFor();
    await page.getByLabel('They chose The Oak family').check();
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await page.getByLabel('Planned length in weeks').fill('16');
    await page.getByRole('button', { name: 'The Oak family said yes — start the link-up' }).click();
    await page.getByText('The Lane family and The Oak family are linked up.').waitFor();
    await expectAccessible('matching-shortlist-linked');
    await page.getByRole('link', { name: 'Open the link-up' }).click();
    await page.getByRole('heading', { name: 'The Lane family with The Oak family' }).waitFor();
    expect(h.pageErrors).toEqual([]);
  });
});
