import { type User } from '@app/core';
import { makeSite, makeUser, TestSmtpServer, waitFor } from '@app/testing';
import {
  axeViolations,
  describeViolations,
  screenshot,
  signInAs,
  startBrowserHarness,
  type BrowserHarness,
} from './support/browser';

/** Issue 15: a forgotten password is reset through the emailed link (captured by a test SMTP server). */
describe('forgotten password (browser)', () => {
  let h: BrowserHarness;
  let smtp: TestSmtpServer;
  let user: User;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    h = await startBrowserHarness({
      env: {
        SMTP_URL: smtp.url,
        SMTP_FROM: 'programme@family-link.example.org',
        PUBLIC_URL: 'https://family-link.example.org',
      },
    });
    const site = await makeSite(h.t.app);
    user = await makeUser(h.t.app, { role: 'family', siteId: site.id });
  });
  afterAll(async () => {
    await h.close();
    await smtp.close();
  });

  it('asks for a link on a phone, sets a new password with it, signs in; the link then stops working', async () => {
    const page = await h.newPage({ width: 390, height: 844 });
    await page.goto(`${h.baseUrl}/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password' }).waitFor();
    await page.getByLabel('Email').fill(user.email);
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await page.getByText('If that email has an account, a link is on its way.').waitFor();
    await screenshot(page, 'forgot-password-390');
    expect(describeViolations(await axeViolations(page))).toEqual([]);

    const mail = await waitFor(() => smtp.messages.find((m) => m.to.some((r) => r.includes(user.email))), {
      what: 'the reset email',
    });
    const link = /https:\/\/family-link\.example\.org(\/reset-password#token=[A-Za-z0-9_-]+)/.exec(mail.text);
    expect(link).not.toBeNull();
    const path = link?.[1] ?? '';

    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${h.baseUrl}${path}`);
    await page.getByRole('heading', { name: 'Set a new password' }).waitFor();
    await page.getByLabel(/^New password(?! again)/).fill('a new password for us 42');
    await page.getByLabel('New password again').fill('a new password for us 24');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByRole('alert').getByText('The two passwords are not the same.').waitFor();
    await page.getByLabel('New password again').fill('a new password for us 42');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByText('Your new password is saved.').waitFor();
    await screenshot(page, 'reset-password-360');
    expect(describeViolations(await axeViolations(page))).toEqual([]);

    await page.getByRole('link', { name: 'Go to sign in' }).click();
    await signInAs(page, h.baseUrl, user.email, 'a new password for us 42');
    await page.waitForURL('**/family');

    // The same link a second time: said in words.
    const again = await h.newPage({ width: 1280, height: 800 });
    await again.goto(`${h.baseUrl}${path}`);
    await again.getByLabel(/^New password(?! again)/).fill('yet another password 43');
    await again.getByLabel('New password again').fill('yet another password 43');
    await again.getByRole('button', { name: 'Save the new password' }).click();
    await again.getByRole('alert').getByText('This link does not work any more').waitFor();
    expect(describeViolations(await axeViolations(again))).toEqual([]);
    expect(h.pageErrors).toEqual([]);
    await page.close();
    await again.close();
  });
});
