import {
  callerOf,
  makeApprovedSharingFamily,
  makeSeekingFamily,
  makeSite,
  makeUser,
  TEST_PASSWORD,
  waitFor,
} from '@app/testing';
import { CheckInsService, type User } from '@app/core';
import type { Page } from 'playwright-core';
import {
  axeViolations,
  describeViolations,
  screenshot,
  signInAs,
  startBrowserHarness,
  type BrowserHarness,
} from './support/browser';

/**
 * The coach scenario in a real browser: sign in, register a family pair, make the Sharing
 * family approvable and approve it, offer a shortlist, record the family's choice, meet the guards
 * and move the link-up to "doing with".
 */
describe('coach journey (browser)', () => {
  let h: BrowserHarness;
  let coach: User;
  let page: Page;

  beforeAll(async () => {
    h = await startBrowserHarness();
    const site = await makeSite(h.t.app);
    coach = await makeUser(h.t.app, { role: 'coach', siteId: site.id });
    page = await h.newPage();
  });
  afterAll(() => h.close());

  async function expectAccessible(name: string): Promise<void> {
    await screenshot(page, name);
    expect(describeViolations(await axeViolations(page))).toEqual([]);
  }

  async function registerFamily(kind: 'seeking' | 'sharing', name: string): Promise<void> {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Families' }).click();
    await page.getByRole('heading', { name: 'Register a family' }).waitFor();
    await page.getByLabel('Kind of family').selectOption(kind);
    await page.getByLabel('Household name').fill(name);
    await page.getByLabel('Suburb').fill('Adelaide');
    await page.getByRole('button', { name: 'Register the family' }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
  }

  async function moveFamilyTo(status: string): Promise<void> {
    await page.getByRole('button', { name: `Move to “${status}”` }).click();
    await page.getByText(`Status: ${status}`).waitFor();
  }

  it('signs in to Today', async () => {
    await signInAs(page, h.baseUrl, coach.email, TEST_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    expect(page.url()).toBe(`${h.baseUrl}/coach`);
    await page.getByText('Nothing on your list today.').waitFor();
    await expectAccessible('coach-today');
  });

  it('registers a Seeking family and moves it to choosing', async () => {
    await registerFamily('seeking', 'The Rivers family');
    await moveFamilyTo('intake');
    await moveFamilyTo('choosing');
    await expectAccessible('coach-family-seeking');
  });

  it('registers a Sharing family and approves it once its guards are met', async () => {
    await registerFamily('sharing', 'The Hills family');
    // Approving too early names what is missing, in words.
    await moveFamilyTo('in training');
    await page.getByRole('button', { name: 'Approve The Hills family' }).click();
    await page.getByRole('alert').getByText('The family cannot be approved yet').waitFor();

    await page.getByRole('link', { name: 'Add an adult with their check' }).click();
    await page.getByLabel('Preferred name').fill('Sam');
    await page.getByLabel('Legal name').fill('Samuel Hill');
    await page.getByLabel('Working With Children Check number').fill('WWC1234567');
    await page.getByLabel('Check valid until').fill('2035-01-01');
    await page.getByRole('button', { name: 'Add the person' }).click();
    await page.getByText('legal name: Samuel Hill').waitFor();

    await page.getByRole('link', { name: 'Record the training date' }).click();
    await page.getByRole('button', { name: 'Record the training' }).click();
    await page.getByText('Training completed on').first().waitFor();
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Takes part in the programme' })
      .getByRole('button', { name: 'Record it given' })
      .click();
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Takes part in the programme' })
      .getByText('yes, since')
      .waitFor();

    await page.getByLabel('I sign off The Hills family as ready to share').check();
    await page.getByRole('button', { name: 'Approve The Hills family' }).click();
    await page.getByText('Status: approved').waitFor();
    await expectAccessible('coach-family-sharing');
  });

  it('shows suggestions with explanations, offers a shortlist and records the family’s choice', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Families' }).click();
    await page.getByRole('link', { name: 'The Rivers family' }).click();
    await page.getByRole('link', { name: 'Suggested Sharing families' }).click();
    const card = page.getByRole('region', { name: 'The Hills family' });
    await card.waitFor();
    await card.locator('summary', { hasText: 'Why The Hills family' }).click();
    await expect(card.getByRole('table').getByRole('columnheader', { name: 'Why' }).count()).resolves.toBe(1);
    await page.getByRole('heading', { name: /Why not the others/ }).waitFor();
    await expectAccessible('coach-suggestions');

    await page.getByLabel('Add The Hills family to the shortlist').check();
    await page.getByRole('button', { name: 'Offer this shortlist to the family' }).click();
    await page.getByRole('heading', { name: 'Shortlist for The Rivers family' }).waitFor();
    // Step 1, the Seeking family's choice (nothing pre-selected); step 2, the Sharing family's answer.
    await page.getByLabel('They chose The Hills family').check();
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await page.getByRole('heading', { name: 'Step 2: The Hills family’s answer' }).waitFor();
    await page.getByRole('button', { name: 'The Hills family said yes — start the link-up' }).click();
    await page.getByText('The Rivers family and The Hills family are linked up.').waitFor();
    await page.getByRole('link', { name: 'Open the link-up' }).click();
    await page.getByRole('heading', { name: 'The Rivers family with The Hills family' }).waitFor();
  });

  it('refuses to move on with unmet guards, then moves to doing with once they are met', async () => {
    const guards = page.getByRole('list', { name: 'Guards' });
    await expect(guards.getByText('✗ Still to do').count()).resolves.toBe(3);
    await expectAccessible('coach-link-up');

    // Trying anyway: the API's 409 is shown as the list of what is still to do.
    await page.getByRole('button', { name: 'Pause, move back or end' }).click();
    await page.getByLabel('Change', { exact: true }).selectOption('doing_with');
    await page.getByRole('button', { name: 'Make this change' }).click();
    await page.getByRole('alert').getByText('This link-up cannot move yet').waitFor();

    // Each unmet guard opens the form that meets it.
    await guards.getByRole('button', { name: 'The Seeking family has written at least one goal' }).click();
    await page.getByLabel("The goal, in the family's own words").fill('Get the kids to school on time');
    await page.getByRole('button', { name: 'Add the goal' }).click();
    await page.getByText('“Get the kids to school on time”').waitFor();

    await guards
      .getByRole('button', { name: 'A baseline outcome measure is recorded (or declined)' })
      .click();
    await page.getByLabel('The family declined this measure').check();
    await page.getByRole('button', { name: 'Record the measure' }).click();
    await guards.getByText('✓ Done').nth(1).waitFor();

    // The first-contact check-in is planned (by the worker) when the link-up starts: wait for it in the
    // database, with a deadline that allows for a loaded CI machine, then load the page once.
    const linkUpId = new URL(page.url()).pathname.split('/').pop() as string;
    await waitFor(
      async () => {
        const planned = await h.t.app
          .get(CheckInsService)
          .listCheckIns(callerOf(coach), { view: 'open', linkUpId, limit: 10, offset: 0 });
        return planned.items.length > 0 ? true : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: 'the first-contact check-in' },
    );
    await page.reload();
    await page.getByRole('heading', { name: 'Check-ins' }).waitFor();
    const holdIt = page.getByRole('link', { name: 'Record it as held' }).first();
    await holdIt.waitFor();
    await holdIt.click();
    await page.getByRole('heading', { name: 'Check-in' }).waitFor();
    // The ratings are not pre-filled: recording without them is refused by the form.
    await expect(page.getByLabel('How is the relationship going? (1–5)').inputValue()).resolves.toBe('');
    await expect(page.getByLabel("How is the family's wellbeing? (1–5)").inputValue()).resolves.toBe('');
    await page.getByLabel('How is the relationship going? (1–5)').selectOption('4');
    await page.getByLabel("How is the family's wellbeing? (1–5)").selectOption('4');
    await page.getByLabel('Notes (staff only)').fill('Met at the park.');
    await expectAccessible('coach-check-in');
    await page.getByRole('button', { name: 'Record the check-in' }).click();
    await page.getByText('Relationship 4 / 5').waitFor();
    await page.getByRole('link', { name: 'Back to the link-up' }).click();

    await guards.getByText('✓ Done').nth(2).waitFor();
    await expect(guards.getByText('✗ Still to do').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Move to “Doing with”' }).click();
    await page.getByText('Moved to “Doing with”.').waitFor();
    await page.getByRole('cell', { name: /Relationship building → Doing with/ }).waitFor();
    await expectAccessible('coach-link-up-doing-with');
  });

  it('raises a safeguarding concern from the link-up and opens it from the dashboard', async () => {
    await page.getByRole('link', { name: 'Raise a concern' }).click();
    await page.getByRole('heading', { name: 'Safeguarding concerns' }).waitFor();
    await page.getByLabel('What is the concern?').fill('The children seemed worried about home.');
    await page.getByRole('button', { name: 'Raise the concern' }).click();
    await page.getByRole('cell', { name: 'The children seemed worried about home.' }).waitFor();
    await expectAccessible('coach-concerns');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
    await page
      .getByRole('region', { name: /^Link-ups: what to do next/ })
      .getByText('The Rivers family with The Hills family')
      .waitFor();
    await page.getByRole('link', { name: /^Triage it/ }).click();
    await page.getByRole('heading', { name: 'Triage' }).waitFor();
    await expectAccessible('coach-concern');
    await page.getByLabel('Close the concern').check();
    await page.getByRole('button', { name: 'Record the triage' }).click();
    await page.getByRole('status').getByText('The concern is closed.').waitFor();
  });

  it('works out a cohort proposal and turns a pair into a shortlist in one action', async () => {
    // A second pair waiting: the first is linked by now.
    await makeSeekingFamily(h.t.app, coach, { displayName: 'The Brooks family' });
    await makeApprovedSharingFamily(h.t.app, coach, { displayName: 'The Fields family' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cohort' }).click();
    await page.getByRole('button', { name: 'Work out a proposal' }).click();
    await page.getByRole('heading', { name: 'Proposed pairs (1)' }).waitFor();
    await page.getByText(/1 of 1 waiting families paired; average fit \d+%/).waitFor();
    await page.getByRole('cell').getByRole('link', { name: 'The Brooks family' }).waitFor();
    await expectAccessible('coach-cohort');
    await page
      .getByRole('button', { name: 'Offer as a shortlist: The Fields family for The Brooks family' })
      .click();
    await page.getByRole('heading', { level: 1, name: /The Brooks family/ }).waitFor();
    expect(page.url()).toMatch(/\/coach\/proposals\/[0-9a-f-]{36}$/);
    await page.getByText('The Fields family').first().waitFor();
    await screenshot(page, 'coach-cohort-shortlist');
    expect(h.pageErrors).toEqual([]);
  });
});
