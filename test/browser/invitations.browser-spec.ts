import { type User } from '@app/core';
import { makeSeekingFamily, makeSite, makeUser, TEST_PASSWORD } from '@app/testing';
import {
  axeViolations,
  describeViolations,
  screenshot,
  signInAs,
  startBrowserHarness,
  type BrowserHarness,
} from './support/browser';

/** Issue 15: a coach invites a family adult, who joins with the code on a phone, then signs in. */
describe('invitations (browser)', () => {
  let h: BrowserHarness;
  let coach: User;
  let familyId: string;

  beforeAll(async () => {
    h = await startBrowserHarness();
    const site = await makeSite(h.t.app);
    coach = await makeUser(h.t.app, { role: 'coach', siteId: site.id });
    familyId = (await makeSeekingFamily(h.t.app, coach)).id;
  });
  afterAll(() => h.close());

  it('a coach invites an adult, who sets a password with the code and signs in; the coach sees who joined', async () => {
    const page = await h.newPage({ width: 1280, height: 800 });
    await signInAs(page, h.baseUrl, coach.email, TEST_PASSWORD);
    await page.waitForURL('**/coach');
    await page.goto(`${h.baseUrl}/coach/families/${familyId}`);
    const form = page.getByRole('form', { name: 'Invite an adult of this family' });
    await form.getByLabel(/^Their name/).fill('Robin');
    await form.getByLabel(/^Their email/).fill('robin@example.org');
    await form.getByRole('button', { name: 'Send the invitation' }).click();
    await page.getByText('Invitation sent to Robin.').waitFor();
    const code = (await page.locator('strong.code').textContent()) ?? '';
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await page.getByRole('list', { name: 'Invitations' }).getByText('invited, not joined yet').waitFor();
    expect(describeViolations(await axeViolations(page))).toEqual([]);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();

    // The adult, on a phone, with the code read out.
    const phone = await h.newPage({ width: 360, height: 740 });
    await phone.goto(`${h.baseUrl}/join`);
    await phone.getByRole('heading', { name: 'Join Family Link' }).waitFor();
    await phone.getByLabel(/^Email/).fill('robin@example.org');
    await phone.getByLabel(/^The code from your coach/).fill(code);
    await phone.getByLabel(/^New password(?! again)/).fill('robin family password');
    await phone.getByLabel('New password again').fill('robin family password');
    await phone.getByRole('button', { name: 'Join' }).click();
    await phone.getByText('Welcome to Family Link!').waitFor();
    await screenshot(phone, 'join-360');
    expect(describeViolations(await axeViolations(phone))).toEqual([]);
    await signInAs(phone, h.baseUrl, 'robin@example.org', 'robin family password');
    await phone.waitForURL('**/family');
    await phone.close();

    await signInAs(page, h.baseUrl, coach.email, TEST_PASSWORD);
    await page.waitForURL('**/coach');
    await page.goto(`${h.baseUrl}/coach/families/${familyId}`);
    await page.getByRole('list', { name: 'Invitations' }).getByText('✓ joined on').waitFor();
    await screenshot(page, 'coach-invitations');
    expect(h.pageErrors).toEqual([]);
    await page.close();
  });
});
