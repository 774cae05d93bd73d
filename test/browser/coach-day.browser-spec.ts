import {
  callerOf,
  makeFamily,
  makeSite,
  makeUser,
  startLinkUpOf,
  TEST_PASSWORD,
  waitFor,
} from '@app/testing';
import { CheckInsService, type LinkUp, type User } from '@app/core';
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
const PAIR = 'The Rivers family with The Hills family';

/**
 * A slice of a coach's day (issue 14) in a real browser: sign in to Today, open a link-up from it,
 * meet a guard through its link, move the stage, hold a due check-in from Today, raise a concern and
 * see the banner, then the supervisor triages it from the escalation queue. axe at both sizes.
 */
describe('a coach’s day (browser)', () => {
  let h: BrowserHarness;
  let coach: User;
  let supervisor: User;
  let linkUp: LinkUp;
  let page: Page;

  beforeAll(async () => {
    h = await startBrowserHarness();
    const site = await makeSite(h.t.app);
    supervisor = await makeUser(h.t.app, { role: 'supervisor', siteId: site.id });
    coach = await makeUser(h.t.app, { role: 'coach', siteId: site.id, supervisorId: supervisor.id });
    const other = await makeUser(h.t.app, { role: 'coach', siteId: site.id, supervisorId: supervisor.id });
    const seeking = await makeFamily(h.t.app, coach, 'seeking', { displayName: 'The Rivers family' });
    const sharing = await makeFamily(h.t.app, coach, 'sharing', { displayName: 'The Hills family' });
    // Another coach's family, for the supervisor's per-coach view.
    await makeFamily(h.t.app, other, 'sharing', { displayName: 'The Lakes family' });
    linkUp = await startLinkUpOf(h.t.app, coach, {
      seekingFamilyId: seeking.id,
      sharingFamilyId: sharing.id,
      startedAt: h.t.clock.now(),
      announce: true,
    });
    // The first contact is planned by the worker: wait for it, then let two days pass so it is due.
    await waitFor(
      async () => {
        const planned = await h.t.app
          .get(CheckInsService)
          .listCheckIns(callerOf(coach), { view: 'open', linkUpId: linkUp.id, limit: 10, offset: 0 });
        return planned.items.length > 0 ? true : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: 'the first-contact check-in' },
    );
    h.t.clock.advance({ hours: 49 });
    page = await h.newPage(DESKTOP);
  });
  afterAll(() => h.close());

  /** A screenshot and axe at 1280×800 and at 390×844 (then back to the desktop size). */
  async function expectAccessible(name: string): Promise<void> {
    for (const [size, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      await page.setViewportSize(viewport);
      await screenshot(page, `day-${name}-${size}`);
      expect(describeViolations(await axeViolations(page))).toEqual([]);
    }
    await page.setViewportSize(DESKTOP);
  }

  it('signs in to Today: the check-in due and the link-up’s next step, with family names', async () => {
    await signInAs(page, h.baseUrl, coach.email, TEST_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    expect(page.url()).toBe(`${h.baseUrl}/coach`);
    await expect(page.title()).resolves.toBe('Today · Family Link');
    const checkIns = page.getByRole('region', { name: /^Check-ins/ });
    await checkIns.getByRole('link', { name: PAIR }).waitFor();
    await checkIns.getByText('First contact with both families').waitFor();
    const linkUps = page.getByRole('region', { name: /^Link-ups: what to do next/ });
    await linkUps.getByText('Before it can move to “Doing with”:').waitFor();
    await expect(
      linkUps.getByRole('link', { name: 'The Seeking family has written at least one goal' }).count(),
    ).resolves.toBe(1);
    await expectAccessible('today-coach');
  });

  it('opens the link-up from a guard on Today: the form that meets it is open, the others are not', async () => {
    await page
      .getByRole('region', { name: /^Link-ups: what to do next/ })
      .getByRole('link', { name: 'The Seeking family has written at least one goal' })
      .click();
    await page.getByRole('heading', { level: 1, name: PAIR }).waitFor();
    await expect(page.getByRole('form').count()).resolves.toBe(1);
    await page.getByLabel("The goal, in the family's own words").fill('Get to school on time');
    await page.getByRole('button', { name: 'Add the goal' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    const guards = page.getByRole('list', { name: 'Guards' });
    await guards.getByText('✓ Done').first().waitFor();
    await expect(guards.getByText('✗ Still to do').count()).resolves.toBe(2);
    await guards
      .getByRole('button', { name: 'A baseline outcome measure is recorded (or declined)' })
      .click();
    await page.getByLabel('The family declined this measure').check();
    await page.getByRole('button', { name: 'Record the measure' }).click();
    await page
      .getByRole('region', { name: /^Outcome measures/ })
      .getByText('declined')
      .waitFor();
    await expectAccessible('link-up');
  });

  it('holds the due check-in from Today, then moves the link-up on', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
    const checkIns = page.getByRole('region', { name: /^Check-ins/ });
    await checkIns.getByRole('button', { name: `Record it as held: ${PAIR}` }).click();
    await page.getByLabel('How is the relationship going? (1–5)').selectOption('4');
    await page.getByLabel("How is the family's wellbeing? (1–5)").selectOption('3');
    await expectAccessible('today-check-in-form');
    await page.getByRole('button', { name: 'Record the check-in' }).click();
    await page.getByRole('status').getByText('Recorded: First contact with both families').waitFor();
    await checkIns.getByText('No check-in is due.').waitFor();

    await page
      .getByRole('region', { name: /^Link-ups: what to do next/ })
      .getByText('✓ Ready to move to “Doing with”')
      .click();
    await page.getByRole('button', { name: 'Move to “Doing with”' }).click();
    await page.getByRole('status').getByText('Moved to “Doing with”.').waitFor();
    const history = page.getByRole('region', { name: 'History' });
    await history.getByRole('cell', { name: 'Moved on: Relationship building → Doing with' }).waitFor();
    await expect(history.getByRole('cell', { name: coach.displayName }).count()).resolves.toBe(2);
  });

  it('raises an urgent concern: a confirmation, then the link-up shows why it is paused', async () => {
    await page.getByRole('link', { name: 'Raise a concern' }).click();
    await page.getByLabel('How serious?').selectOption('high');
    await page.getByLabel('What is the concern?').fill('The children said they are scared at home.');
    await page.getByRole('button', { name: 'Raise the concern' }).click();
    const confirmation = page.getByRole('status');
    await confirmation.getByText('Concern raised about The Rivers family and The Hills family.').waitFor();
    await confirmation.getByText('The supervisor has been told at once').waitFor();
    await page.getByRole('cell', { name: 'The Rivers family and The Hills family' }).waitFor();
    await expectAccessible('concerns');
    await confirmation.getByRole('link', { name: 'Back to the link-up' }).click();
    const banner = page.getByRole('region', { name: 'Paused for safeguarding' });
    await banner.getByText('because a safeguarding concern (high, raised').waitFor();
    await page.getByRole('cell', { name: 'A safeguarding concern' }).waitFor();
    await expect(page.getByText('safeguarding_concern:').count()).resolves.toBe(0);
    await expectAccessible('link-up-paused');
  });

  it('the supervisor triages it from the escalation queue, told in words what a resume needs', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs(page, h.baseUrl, supervisor.email, TEST_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    const queue = page.getByRole('region', { name: /^Escalation queue/ });
    // The countdown (the concern's raise time comes from the server's own clock, which the test moved).
    await queue.getByText(/^Triage (within|overdue by) \d+ (minutes?|hours?|days?)/).waitFor();
    await page.getByLabel('Show the list of').selectOption(coach.id);
    await expectAccessible('today-supervisor');
    await queue.getByRole('link', { name: 'Triage it: The Rivers family and The Hills family' }).click();
    await page.getByRole('heading', { name: 'Triage', exact: true }).waitFor();
    await page.getByLabel('Decision').selectOption('support_plan');
    await page.getByLabel('Effect on the link-up').selectOption('resume');
    await page.getByRole('button', { name: 'Record the triage' }).click();
    const refusal = page.getByRole('alert');
    await refusal
      .getByText('The link-up stays paused while an urgent safeguarding concern about it is open.')
      .waitFor();
    await refusal.getByText(/tick “Close the concern” to resume in the same step/).waitFor();
    await expectAccessible('concern-refused');
    await page.getByLabel('Close the concern').check();
    await page.getByRole('button', { name: 'Record the triage' }).click();
    await page
      .getByRole('status')
      .getByText('Triage recorded: Support plan. The link-up is going again. The concern is closed.')
      .waitFor();
    await page.getByText(`Triaged by ${supervisor.displayName}`).waitFor();
    expect(h.pageErrors).toEqual([]);
  });
});
