import {
  ConsentsService,
  FamiliesService,
  SafeguardingService,
  SmallWinsService,
  type User,
} from '@app/core';
import { callerOf, makeLinkUp, makeSeekingFamily, makeSite, makeUser, TEST_PASSWORD } from '@app/testing';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ARTIFACTS,
  axeViolations,
  describeViolations,
  screenshot,
  signInAs,
  startBrowserHarness,
  type BrowserHarness,
} from './support/browser';

/** A family on a phone (390 px, and 360 px wide), an evaluator's downloads, sign-out and an expired session. */
describe('family, evaluator and sessions (browser)', () => {
  let h: BrowserHarness;
  let coach: User;
  let familyUser: User;
  let evaluator: User;
  let admin: User;
  let supervisor: User;
  let siteId: string;
  let unclaimedFamilyId: string;

  beforeAll(async () => {
    h = await startBrowserHarness();
    const app = h.t.app;
    const site = await makeSite(app);
    siteId = site.id;
    admin = await makeUser(app, { role: 'admin' });
    supervisor = await makeUser(app, { role: 'supervisor', siteId: site.id });
    coach = await makeUser(app, { role: 'coach', siteId: site.id });
    evaluator = await makeUser(app, { role: 'evaluator' });
    familyUser = await makeUser(app, { role: 'family', siteId: site.id });
    const familyId = familyUser.familyId as string;
    await app.get(FamiliesService).addPerson(callerOf(admin), familyId, {
      role: 'adult',
      preferredName: 'Mel',
      legalName: 'Melanie Legalname',
    });
    const made = await makeLinkUp(app, coach, { seekingFamily: { id: familyId } });
    // The Sharing family shares its wins with its partner family.
    await app
      .get(ConsentsService)
      .grantConsent(callerOf(coach), made.sharingFamilyId, 'share_with_partner_family');
    await app.get(SmallWinsService).recordSmallWin(callerOf(coach), made.linkUp.id, {
      text: 'We tried the new library storytime',
      occurredOn: new Date().toISOString().slice(0, 10),
      familyId: made.sharingFamilyId,
    });
    // One consenting family: the report's count of 1 is shown as n.p.
    const seeking = await makeSeekingFamily(app, coach);
    await app.get(ConsentsService).grantConsent(callerOf(coach), seeking.id, 'evaluation_use');
    unclaimedFamilyId = seeking.id;
  });
  afterAll(() => h.close());

  it('a family on a 390 px phone logs a small win and sees it, with the partner’s shared wins', async () => {
    const page = await h.newPage({ width: 390, height: 844 });
    await signInAs(page, h.baseUrl, familyUser.email, TEST_PASSWORD);
    await page.getByRole('heading', { name: 'Hi, Mel' }).waitFor();
    await expect(page.getByText('Melanie Legalname').count()).resolves.toBe(0);
    await page.getByText('We tried the new library storytime').waitFor();

    await page.getByLabel('What went well?').fill('We made pancakes together');
    await page.getByRole('button', { name: 'Save the small win' }).click();
    await page
      .getByRole('list', { name: 'Your journey so far' })
      .getByText('We made pancakes together')
      .waitFor();
    await expect(page.getByLabel('What went well?').inputValue()).resolves.toBe('');

    // Large touch targets: every button at least 44 px high.
    const heights = await page.evaluate<number[]>(
      "[...document.querySelectorAll('button')].map((b) => b.getBoundingClientRect().height)",
    );
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
    await screenshot(page, 'family-home-390');
    expect(describeViolations(await axeViolations(page))).toEqual([]);

    // 360 px: nothing wider than the screen.
    await page.setViewportSize({ width: 360, height: 780 });
    await expect(page.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(360);
    await screenshot(page, 'family-home-360');
    await page.close();
  });

  it('an evaluator reads the summary with n.p. cells and downloads an export and the data dictionary', async () => {
    const page = await h.newPage();
    await signInAs(page, h.baseUrl, evaluator.email, TEST_PASSWORD);
    await page.getByRole('heading', { name: 'Reports and exports' }).waitFor();
    const seeking = page.getByRole('region', { name: 'Seeking families by status' });
    await seeking.getByRole('cell', { name: 'n.p.' }).first().waitFor();
    await expect(seeking.getByRole('cell', { name: '1', exact: true }).count()).resolves.toBe(0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download Link-ups (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('link-ups.csv');
    const saved = path.join(ARTIFACTS, 'link-ups.csv');
    await download.saveAs(saved);
    expect(readFileSync(saved, 'utf8').split(/\r?\n/)[0]).toMatch(/^link_up_id,/);
    await page.getByText('Downloaded link-ups.csv').waitFor();

    await page.getByRole('button', { name: 'Show the data dictionary' }).click();
    await page
      .getByRole('region', { name: 'Data dictionary' })
      .getByRole('rowheader', { name: 'link_up_id' })
      .first()
      .waitFor();
    await screenshot(page, 'evaluator');
    expect(describeViolations(await axeViolations(page))).toEqual([]);
    await page.close();
  });

  it('an admin sees sites, users and settings, and adds a site', async () => {
    const page = await h.newPage();
    await signInAs(page, h.baseUrl, admin.email, TEST_PASSWORD);
    await page.getByRole('heading', { name: 'Administration' }).waitFor();
    await page.getByRole('cell', { name: evaluator.email }).waitFor();
    await page.getByText('Small-cell threshold: 5').waitFor();
    await page.getByLabel('Site name').fill('Northern suburbs');
    await page.getByLabel(/^Time zone/).selectOption('Australia/Darwin');
    await page.getByRole('button', { name: 'Add the site' }).click();
    // The site's calendar is said in plain words.
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Northern suburbs' })
      .filter({ hasText: 'Darwin (Northern Territory)' })
      .waitFor();
    await screenshot(page, 'admin-sites');
    // A duplicate is said in words.
    await page.getByLabel('Site name').fill('Northern suburbs');
    await page.getByRole('button', { name: 'Add the site' }).click();
    await page.getByRole('alert').getByText('There is already a site with that name.').waitFor();

    // The first password is never kept in sessionStorage with the rest of the draft.
    const form = page.getByRole('form', { name: 'Add a user' });
    const secret = 'A-first-password-42';
    await form.getByRole('textbox', { name: /^Name/ }).fill('Robin Family');
    await form.getByLabel('First password').fill(secret);
    await form.getByLabel('Email').fill('robin.family@example.org');
    await expect(page.evaluate('JSON.stringify(Object.entries(sessionStorage))')).resolves.toContain(
      'robin.family@example.org',
    );
    await expect(page.evaluate('JSON.stringify(Object.entries(sessionStorage))')).resolves.not.toContain(
      secret,
    );

    // A coach gets a supervisor of its site to choose from.
    await form.getByLabel('Role').selectOption('coach');
    await form.getByLabel('Site', { exact: true }).selectOption(siteId);
    await form
      .getByLabel('Supervisor')
      .locator(`option[value="${supervisor.id}"]`)
      .waitFor({ state: 'attached' });

    // A family user belongs to one family of the chosen site.
    await form.getByLabel('Role').selectOption('family');
    await form.getByLabel('Family', { exact: true }).locator(`option[value="${unclaimedFamilyId}"]`).waitFor({
      state: 'attached',
    });
    await form.getByLabel('Family', { exact: true }).selectOption(unclaimedFamilyId);
    await form.getByLabel('First password').fill(secret);
    await expect(page.evaluate('JSON.stringify(Object.entries(sessionStorage))')).resolves.not.toContain(
      secret,
    );
    await page.getByRole('button', { name: 'Add the user' }).click();
    const row = page.getByRole('row').filter({ hasText: 'robin.family@example.org' });
    await row.getByRole('cell', { name: 'family', exact: true }).waitFor();
    await expect(form.getByLabel('First password').inputValue()).resolves.toBe('');
    await screenshot(page, 'admin');
    expect(describeViolations(await axeViolations(page))).toEqual([]);
    await page.close();
  });

  it('an expired session leads back to sign-in and keeps what was typed; signing out ends the session', async () => {
    const page = await h.newPage();
    await signInAs(page, h.baseUrl, coach.email, TEST_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await page.goto(`${h.baseUrl}/coach/families`);
    await page.getByLabel('Household name').fill('The Half-typed family');

    // The token stops working (as after its lifetime): the next call answers 401.
    await page.evaluate(`(() => {
      const s = JSON.parse(localStorage.getItem('fl.session'));
      localStorage.setItem('fl.session', JSON.stringify({ ...s, token: 'expired' }));
    })()`);
    await page.reload();
    await page.getByText('Your session ended.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await screenshot(page, 'sign-in-expired');
    expect(describeViolations(await axeViolations(page))).toEqual([]);

    await page.getByLabel('Email').fill(coach.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Register a family' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/coach/families');
    await expect(page.getByLabel('Household name').inputValue()).resolves.toBe('The Half-typed family');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    await page.goto(`${h.baseUrl}/coach`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    // A wrong password is said in words. By keyboard alone: Tab moves on, Enter sends the form.
    await page.getByLabel('Email').focus();
    await page.keyboard.type(coach.email);
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.getAttribute("type")')).resolves.toBe('password');
    await page.keyboard.type('not the password');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText('That email and password do not match').waitFor();
    expect(h.pageErrors).toEqual([]);
    await page.close();
  });
  it('after an expired session, someone else signing in gets their own home and none of the drafts', async () => {
    const page = await h.newPage();
    await signInAs(page, h.baseUrl, coach.email, TEST_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await page.goto(`${h.baseUrl}/coach/families`);
    await page.getByLabel('Household name').fill('The Coach-only draft family');
    await page.evaluate(`(() => {
      const s = JSON.parse(localStorage.getItem('fl.session'));
      localStorage.setItem('fl.session', JSON.stringify({ ...s, token: 'expired' }));
    })()`);
    await page.reload();
    await page.getByText('Your session ended.').waitFor();

    await page.getByLabel('Email').fill(familyUser.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Hi, Mel' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/family');
    await expect(
      page.evaluate(
        "[...document.querySelectorAll('input, textarea')].some((e) => e.value.includes('Coach-only'))",
      ),
    ).resolves.toBe(false);
    const leftOver = await page.evaluate<string[]>(
      `Object.keys(sessionStorage).filter((k) => k.startsWith('fl.draft:') && !k.startsWith('fl.draft:${familyUser.id}:'))`,
    );
    expect(leftOver).toEqual([]);
    await expect(page.evaluate('JSON.stringify(Object.entries(sessionStorage))')).resolves.not.toContain(
      'Coach-only',
    );
    await expect(page.evaluate("sessionStorage.getItem('fl.returnTo')")).resolves.toBeNull();

    // A staff page is not for a family user: it goes to its own home.
    await page.goto(`${h.baseUrl}/coach/concerns`);
    await page.getByRole('heading', { name: 'Hi, Mel' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/family');

    // Signing out leaves no draft behind.
    await page.getByLabel('What went well?').fill('A family draft');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    await expect(
      page.evaluate("Object.keys(sessionStorage).filter((k) => k.startsWith('fl.draft:'))"),
    ).resolves.toEqual([]);
    expect(h.pageErrors).toEqual([]);
    await page.close();
  });

  it('raises a concern against the link-up in the address, with a draft for each link-up', async () => {
    const first = await makeLinkUp(h.t.app, coach);
    const second = await makeLinkUp(h.t.app, coach);
    const page = await h.newPage();
    await signInAs(page, h.baseUrl, coach.email, TEST_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await page.goto(`${h.baseUrl}/link-ups/${first.linkUp.id}`);
    await page.getByRole('link', { name: 'Raise a concern' }).click();
    await page.getByRole('heading', { name: 'Safeguarding concerns' }).waitFor();
    await page.getByLabel('What is the concern?').fill('About the first link-up');

    // The address changes without a reload: the form follows it.
    await page.evaluate(`(() => {
      history.pushState(history.state, '', '/coach/concerns?linkUpId=${second.linkUp.id}');
      dispatchEvent(new PopStateEvent('popstate', { state: history.state }));
    })()`);
    await page
      .getByRole('link', { name: 'this link-up' })
      .and(page.locator(`[href="/link-ups/${second.linkUp.id}"]`))
      .waitFor();
    await expect(page.getByLabel('What is the concern?').inputValue()).resolves.toBe('');

    // Another link-up opened from its page: its own, empty draft.
    await page.goto(`${h.baseUrl}/link-ups/${second.linkUp.id}`);
    await page.getByRole('link', { name: 'Raise a concern' }).click();
    await page.getByRole('heading', { name: 'Safeguarding concerns' }).waitFor();
    await expect(page.getByLabel('What is the concern?').inputValue()).resolves.toBe('');
    await page.getByLabel('What is the concern?').fill('About the second link-up');
    await page.getByRole('button', { name: 'Raise the concern' }).click();
    await page.getByRole('cell', { name: 'About the second link-up' }).waitFor();
    const raised = await h.t.app
      .get(SafeguardingService)
      .listConcerns(callerOf(coach), { linkUpId: second.linkUp.id, limit: 10, offset: 0 });
    expect(raised.items.map((c) => c.description)).toEqual(['About the second link-up']);

    // The first link-up's draft is still there for it.
    await page.goto(`${h.baseUrl}/coach/concerns?linkUpId=${first.linkUp.id}`);
    await page.getByRole('heading', { name: 'Safeguarding concerns' }).waitFor();
    await expect(page.getByLabel('What is the concern?').inputValue()).resolves.toBe(
      'About the first link-up',
    );
    expect(h.pageErrors).toEqual([]);
    await page.close();
  });
});
