import { type User } from '@app/core';
import { makeSite, makeUser, TEST_PASSWORD, tokenFor } from '@app/testing';
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
const NEW_PASSWORD = 'three quiet lanterns 42';

/**
 * Issue 14: every signed-in person can change their password from the header. The API's refusals
 * read as sentences; afterwards this browser stays signed in (its tabs too) and other sessions end.
 */
describe('change your password (browser)', () => {
  let h: BrowserHarness;
  let coach: User;
  let familyUser: User;
  let page: Page;

  beforeAll(async () => {
    h = await startBrowserHarness({ worker: false });
    const site = await makeSite(h.t.app);
    coach = await makeUser(h.t.app, { role: 'coach', siteId: site.id });
    familyUser = await makeUser(h.t.app, { role: 'family', siteId: site.id });
    page = await h.newPage(DESKTOP);
  });
  afterAll(() => h.close());

  async function expectAccessible(name: string): Promise<void> {
    for (const [size, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      await page.setViewportSize(viewport);
      await screenshot(page, `change-password-${name}-${size}`);
      expect(describeViolations(await axeViolations(page))).toEqual([]);
    }
    await page.setViewportSize(DESKTOP);
  }
  const alert = () => page.getByRole('alert');
  async function fill(current: string, next: string, repeat: string): Promise<void> {
    await page.getByLabel('Current password').fill(current);
    await page.getByLabel(/^New password(?! again)/).fill(next);
    await page.getByLabel('New password again').fill(repeat);
    await page.getByRole('button', { name: 'Change the password' }).click();
  }

  it('is one click from the header, and says each refusal in a sentence', async () => {
    await signInAs(page, h.baseUrl, coach.email, TEST_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Change password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Change your password' }).waitFor();
    await expect(page.title()).resolves.toBe('Change your password · Family Link');
    expect(new URL(page.url()).pathname).toBe('/account/password');
    await expectAccessible('empty');

    await fill('not my password at all', NEW_PASSWORD, NEW_PASSWORD);
    await alert().getByText('Your current password is not right.').waitFor();
    await expectAccessible('wrong-current');

    await fill(TEST_PASSWORD, 'too short', 'too short');
    await alert().getByText('The new password needs at least 12 characters.').waitFor();

    await fill(TEST_PASSWORD, NEW_PASSWORD, `${NEW_PASSWORD}!`);
    await alert().getByText('The two passwords are not the same. Please type them again.').waitFor();

    await fill(TEST_PASSWORD, TEST_PASSWORD, TEST_PASSWORD);
    await alert().getByText('The new password must be different from the current one.').waitFor();
  });

  it('changes it: this browser stays signed in, other sessions end, the new password signs in', async () => {
    const otherSession = `Bearer ${await tokenFor(h.t.app, coach)}`;
    await h.t.http().get('/api/me').set('authorization', otherSession).expect(200);
    const otherTab = await h.newPage(DESKTOP);
    await otherTab.goto(`${h.baseUrl}/coach`);
    await otherTab.getByRole('heading', { level: 1, name: 'Today' }).waitFor();

    await fill(TEST_PASSWORD, NEW_PASSWORD, NEW_PASSWORD);
    await page.getByRole('status').getByText('Your password is changed.').waitFor();
    await expect(alert().count()).resolves.toBe(0);
    await expect(page.getByLabel('Current password').inputValue()).resolves.toBe('');
    await expectAccessible('done');

    // This tab and the other one carry on with the new token; a session elsewhere has ended.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Families' }).click();
    await page.getByRole('heading', { level: 1, name: 'Families' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'No families on your list yet.' }).waitFor();
    await otherTab.reload();
    await otherTab.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await otherTab.close();
    const ended = await h.t.http().get('/api/me').set('authorization', otherSession).expect(401);
    expect((ended.body as { code: string }).code).toBe('AUTH.UNAUTHENTICATED');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs(page, h.baseUrl, coach.email, TEST_PASSWORD);
    await page
      .getByRole('alert')
      .getByText('That email and password do not match.', { exact: false })
      .waitFor();
    await signInAs(page, h.baseUrl, coach.email, NEW_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    expect(h.pageErrors).toEqual([]);
  });

  it('is there for a family too, on a phone', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.setViewportSize(PHONE);
    await signInAs(page, h.baseUrl, familyUser.email, TEST_PASSWORD);
    await page.getByRole('banner').getByRole('link', { name: 'Change password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Change your password' }).waitFor();
    await screenshot(page, 'change-password-family-phone');
    expect(describeViolations(await axeViolations(page))).toEqual([]);
  });
});
