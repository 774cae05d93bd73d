import { Clock, FamiliesService, FamilyLifecycleService, type Family, type User } from '@app/core';
import {
  callerOf,
  makeApprovedSharingFamily,
  makeFamily,
  makeSeekingFamily,
  makeSite,
  makeUser,
  TEST_PASSWORD,
} from '@app/testing';
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
 * Issue 14, the family record: the matching profile read and edited in words (a family excluded
 * for want of an interpreter becomes a suggestion once one is arranged).
 */
describe('the coach’s family record (browser)', () => {
  let h: BrowserHarness;
  let coach: User;
  let page: Page;
  let seeking: Family;
  let sharing: Family;

  beforeAll(async () => {
    h = await startBrowserHarness();
    const site = await makeSite(h.t.app);
    coach = await makeUser(h.t.app, { role: 'coach', siteId: site.id });
    seeking = await makeSeekingFamily(h.t.app, coach, {
      displayName: 'The Dari family',
      languages: ['dari'],
      availabilitySlots: null,
    });
    await makeApprovedSharingFamily(h.t.app, coach, {
      displayName: 'The Wattle family',
      languages: ['english'],
    });
    // A Sharing family in training: no training date, an adult without a check, no consent yet.
    const families = h.t.app.get(FamiliesService);
    sharing = await makeFamily(h.t.app, coach, 'sharing', { displayName: 'The Banksia family' });
    sharing = await h.t.app.get(FamilyLifecycleService).changeFamilyStatus(callerOf(coach), sharing.id, {
      to: 'in_training',
      version: sharing.version,
    });
    await families.addPerson(callerOf(coach), sharing.id, { role: 'adult', preferredName: 'Robin' });
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

  const profile = () => page.getByRole('region', { name: 'Matching profile' });
  const fact = (term: string) =>
    profile().locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');

  it('shows why a family is left out, and the record’s matching profile in words', async () => {
    await signInAs(page, h.baseUrl, coach.email, TEST_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.goto(`${h.baseUrl}/coach/families/${seeking.id}/suggestions`);
    const languageGroup = page.getByText('No language in common (and no interpreter arranged) (1)');
    await languageGroup.waitFor();
    await expect(page.getByRole('region', { name: 'The Wattle family' }).count()).resolves.toBe(0);

    await page.goto(`${h.baseUrl}/coach/families/${seeking.id}`);
    await page.getByRole('heading', { level: 1, name: 'The Dari family' }).waitFor();
    await expect(fact('Languages').textContent()).resolves.toBe('Dari');
    await expect(fact('Interpreter').textContent()).resolves.toBe('Not needed');
    await expect(fact('When they are free').textContent()).resolves.toBe('Not recorded');
    // No form is open until asked for.
    await expect(page.getByRole('form', { name: 'Edit the matching profile' }).count()).resolves.toBe(0);
    await expectAccessible('family-record-profile');
  });

  it('says in a sentence when someone else changed the family meanwhile', async () => {
    await page.getByRole('button', { name: 'Edit the matching profile' }).click();
    const form = page.getByRole('form', { name: 'Edit the matching profile' });
    await form.waitFor();
    const current = await h.t.app.get(FamiliesService).getFamilyInScope(callerOf(coach).actor, seeking.id);
    await h.t.app
      .get(FamiliesService)
      .updateFamily(callerOf(coach), seeking.id, current.version, { suburb: 'Salisbury' });
    await form.getByRole('button', { name: 'Save the matching profile' }).click();
    await form
      .getByRole('alert')
      .getByText('Someone else changed this while you were working on it. Reload the page')
      .waitFor();
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });
  });

  it('saves languages, an interpreter and availability, confirms, and the family is suggested', async () => {
    await page.reload();
    await page.getByRole('button', { name: 'Edit the matching profile' }).click();
    const form = page.getByRole('form', { name: 'Edit the matching profile' });
    await form.getByRole('group', { name: 'Languages' }).getByLabel('Persian').check();
    await form.getByLabel('An interpreter is arranged').check();
    await form.getByRole('group', { name: 'When they are free' }).getByLabel('Saturday mornings').check();
    await expectAccessible('family-record-profile-form');
    await form.getByRole('button', { name: 'Save the matching profile' }).click();

    await page
      .getByRole('status')
      .getByText('The matching profile is saved. Suggestions now use it.')
      .waitFor();
    await expect(page.getByRole('form', { name: 'Edit the matching profile' }).count()).resolves.toBe(0);
    await expect(fact('Languages').textContent()).resolves.toBe('Dari, Persian');
    await expect(fact('Interpreter').textContent()).resolves.toBe(
      'Arranged (a shared language is not needed)',
    );
    await expect(fact('When they are free').textContent()).resolves.toBe('Saturday mornings');
    await expectAccessible('family-record-profile-saved');

    await page.getByRole('link', { name: 'See the suggestions' }).click();
    await page.getByRole('region', { name: 'The Wattle family' }).waitFor();
    await expect(page.getByText('No language in common (and no interpreter arranged)').count()).resolves.toBe(
      0,
    );
    expect(h.pageErrors).toEqual([]);
  });

  it('shows the approval checklist up front, each unmet guard linked to the form that meets it', async () => {
    const clock = h.t.app.get(Clock);
    await page.goto(`${h.baseUrl}/coach/families/${sharing.id}`);
    const checklist = page.getByRole('region', { name: 'Ready to approve?' });
    await checklist.waitFor();
    const items = checklist.getByRole('listitem');
    await expect(items.allTextContents()).resolves.toEqual([
      '✗ To do: Training is not recorded yet. Record the training date',
      '✗ To do: Robin: no current Working With Children Check. Record Robin’s check',
      '✗ To do: The family’s agreement to take part is not recorded. Record that they agreed to take part',
      '✗ To do: Last, your sign-off: it is given with the approval.',
    ]);
    // No API wording leaks into the page.
    expect(await page.locator('main').textContent()).not.toMatch(/signOff|COACH_SIGN_OFF|true/);
    await expectAccessible('family-record-approval');

    // Training, with its date (today from the clock by default).
    await checklist.getByRole('link', { name: 'Record the training date' }).click();
    const training = page.getByRole('form', { name: 'Record the training date' });
    await training.waitFor();
    const date = training.getByLabel('Date training was completed');
    await expect(date.inputValue()).resolves.toBe(clock.today());
    await date.fill(clock.todayPlus(-3));
    await expectAccessible('family-record-training-form');
    await training.getByRole('button', { name: 'Record the training' }).click();
    await page.getByRole('status').getByText('The training date is recorded.').waitFor();
    await items.filter({ hasText: 'Training completed on' }).getByText('Done').waitFor();

    // Robin's check, from the checklist's link.
    await checklist.getByRole('link', { name: 'Record Robin’s check' }).click();
    const check = page.getByRole('form', { name: 'Record Robin’s check' });
    await check.getByLabel('Working With Children Check number').fill('WWC-2041');
    await check.getByLabel('Check valid until').fill(clock.todayPlus(700));
    await check.getByRole('button', { name: 'Record the check' }).click();
    await page.getByRole('status').getByText('Robin’s check is recorded.').waitFor();
    await items.filter({ hasText: 'Every adult has a current Working With Children Check.' }).waitFor();

    // Consent, from the checklist's button.
    await checklist.getByRole('button', { name: 'Record that they agreed to take part' }).click();
    await items.filter({ hasText: 'The family has agreed to take part.' }).waitFor();
    await expectAccessible('family-record-approval-ready');

    // Approving without the sign-off says what is missing, in words; with it, the family is approved.
    await checklist.getByRole('button', { name: 'Approve The Banksia family' }).click();
    const refusal = checklist.getByRole('alert');
    await refusal.getByText('The family cannot be approved yet. Still to do:').waitFor();
    await expect(refusal.getByRole('listitem').allTextContents()).resolves.toEqual([
      'A coach signs the family off',
    ]);
    await checklist.getByLabel('I sign off The Banksia family as ready to share').check();
    await checklist.getByRole('button', { name: 'Approve The Banksia family' }).click();
    await page
      .getByRole('status')
      .getByText('The Banksia family is approved and can now be suggested to Seeking families.')
      .waitFor();
    await checklist.waitFor({ state: 'detached' });
    await page.getByText('Status: approved').waitFor();
    expect(h.pageErrors).toEqual([]);
  });

  it('adds an exclusion for a family found by name, and lifts it with a reason after a confirmation', async () => {
    await page.goto(`${h.baseUrl}/coach/families/${seeking.id}`);
    const section = page.getByRole('region', { name: 'Never to be matched with' });
    await section.getByText('No pair is excluded.').waitFor();
    await section.getByRole('button', { name: 'Add a family never to match' }).click();
    const form = page.getByRole('form', { name: 'Add a family never to match' });
    await form.getByLabel('Find the Sharing family').fill('wattle');
    const option = 'The Wattle family · Adelaide · approved';
    await form.locator('option', { hasText: option }).waitFor({ state: 'attached' });
    await form.getByLabel('The family', { exact: true }).selectOption({ label: option });
    await form
      .getByLabel('Why should they never be matched?')
      .selectOption({ label: 'They already know each other' });
    await expectAccessible('family-record-exclusion-form');
    await form.getByRole('button', { name: 'Record it' }).click();
    await page
      .getByRole('status')
      .getByText('The Wattle family will not be suggested with this family.')
      .waitFor();
    const row = section.getByRole('listitem').filter({ hasText: 'The Wattle family' });
    await row.getByText('They already know each other, since').waitFor();

    // The suggestions leave it out, and say why.
    await page.goto(`${h.baseUrl}/coach/families/${seeking.id}/suggestions`);
    await page.getByText('Marked never to be matched with this family (1)').waitFor();
    await expect(page.getByRole('region', { name: 'The Wattle family' }).count()).resolves.toBe(0);

    // Lifting asks for a reason, then for a confirmation naming both families.
    await page.goto(`${h.baseUrl}/coach/families/${seeking.id}`);
    await row.getByRole('button', { name: 'Lift the exclusion of The Wattle family' }).click();
    const lift = page.getByRole('form', { name: 'Lift the exclusion of The Wattle family' });
    await lift.getByLabel('Why is it being lifted?').selectOption({ label: 'Circumstances have changed' });
    await lift.getByRole('button', { name: 'Lift it…' }).click();
    const dialog = page.getByRole('dialog', {
      name: 'Lift the exclusion of The Dari family and The Wattle family?',
    });
    await dialog.waitFor();
    await expectAccessible('family-record-lift-confirmation');
    await dialog.getByRole('button', { name: 'Yes, lift it' }).click();
    await page
      .getByRole('status')
      .getByText('The exclusion is lifted: The Dari family and The Wattle family can be suggested again.')
      .waitFor();
    await section.getByText('No pair is excluded.').waitFor();
    await page.getByRole('link', { name: 'Suggested Sharing families' }).click();
    await page.getByRole('region', { name: 'The Wattle family' }).waitFor();
    expect(h.pageErrors).toEqual([]);
  });

  it('edits the household name, suburb and postcode, confirms, and refuses a change made meanwhile', async () => {
    await page.goto(`${h.baseUrl}/coach/families/${sharing.id}`);
    const section = page.getByRole('region', { name: 'Household' });
    const value = (term: string) =>
      section.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
    await expect(value('Suburb').textContent()).resolves.toBe('Adelaide');
    await section.getByRole('button', { name: 'Edit the household name and location' }).click();
    const form = page.getByRole('form', { name: 'Edit the household name and location' });
    await form.getByLabel('Household name').fill('The Banksia-Lee family');
    await form.getByLabel('Suburb').fill('Elizabeth');
    await form.getByLabel('Postcode').fill('511');
    await form.getByRole('button', { name: 'Save the household details' }).click();
    await form.getByRole('alert').getByText('Check “Postcode”.').waitFor();
    await form.getByLabel('Postcode').fill('5112');
    await expectAccessible('family-record-household-form');
    await form.getByRole('button', { name: 'Save the household details' }).click();
    await page.getByRole('status').getByText('The household name and location are saved.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'The Banksia-Lee family' }).waitFor();
    await expect(value('Suburb').textContent()).resolves.toBe('Elizabeth');
    await expect(value('Postcode').textContent()).resolves.toBe('5112');
    await expect(page.title()).resolves.toBe('The Banksia-Lee family · Family Link');

    // Someone else changes the family while the form is open: the save is refused in a sentence.
    await section.getByRole('button', { name: 'Edit the household name and location' }).click();
    await form.getByLabel('Suburb').fill('Gawler');
    const families = h.t.app.get(FamiliesService);
    const current = await families.getFamilyInScope(callerOf(coach).actor, sharing.id);
    await families.updateFamily(callerOf(coach), sharing.id, current.version, { postcode: '5113' });
    await form.getByRole('button', { name: 'Save the household details' }).click();
    await form
      .getByRole('alert')
      .getByText('Someone else changed this while you were working on it. Reload the page')
      .waitFor();
    const after = await families.getFamilyInScope(callerOf(coach).actor, sharing.id);
    expect([after.suburb, after.postcode]).toEqual(['Elizabeth', '5113']);
    expect(h.pageErrors).toEqual([]);
  });
});
