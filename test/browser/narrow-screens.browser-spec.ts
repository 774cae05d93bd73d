import { SafeguardingService, type User } from '@app/core';
import {
  callerOf,
  makeApprovedSharingFamily,
  makeLinkUp,
  makeMatchProposal,
  makeSeekingFamily,
  makeSite,
  makeUser,
  TEST_PASSWORD,
} from '@app/testing';
import type { Page } from 'playwright-core';
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

const NARROW = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

/**
 * Issue 14: each page of a coach's day read on a small phone (360 px wide) and on a laptop: nothing
 * wider than the screen (document.scrollingElement.scrollWidth ≤ 360, so no sideways scrolling of
 * the page; a wide table scrolls inside its own box) and axe-core finds nothing, with a screenshot
 * of each in test-artifacts/browser. The admin's audit trail is checked at 1280.
 */
describe('a coach’s pages at 360 px and 1280 px (browser)', () => {
  let h: BrowserHarness;
  let coach: User;
  let supervisor: User;
  let admin: User;
  let page: Page;
  const pages: { name: string; path: string; heading: RegExp; as: 'coach' | 'supervisor' }[] = [];

  beforeAll(async () => {
    h = await startBrowserHarness({ worker: false });
    const site = await makeSite(h.t.app);
    supervisor = await makeUser(h.t.app, { role: 'supervisor', siteId: site.id });
    coach = await makeUser(h.t.app, { role: 'coach', siteId: site.id, supervisorId: supervisor.id });
    admin = await makeUser(h.t.app, { role: 'admin' });
    const seeking = await makeSeekingFamily(h.t.app, coach, {
      displayName: 'The Montgomery-Featherstonehaugh family',
      languages: ['english'],
    });
    const sharing = await makeApprovedSharingFamily(h.t.app, coach, {
      displayName: 'The Wattle family',
      languages: ['english'],
    });
    const proposal = await makeMatchProposal(h.t.app, coach, seeking, [sharing]);
    const { linkUp } = await makeLinkUp(h.t.app, coach);
    const concern = await h.t.app.get(SafeguardingService).raiseConcern(callerOf(coach), {
      linkUpId: linkUp.id,
      severity: 'high',
      description: 'A worry the coach wrote down in some detail, long enough to wrap on a phone.',
    });
    pages.push(
      { name: 'today', path: '/coach', heading: /^Today/, as: 'coach' },
      { name: 'families', path: '/coach/families', heading: /^Families$/, as: 'coach' },
      { name: 'family-record', path: `/coach/families/${seeking.id}`, heading: /Montgomery/, as: 'coach' },
      {
        name: 'suggestions',
        path: `/coach/families/${seeking.id}/suggestions`,
        heading: /Montgomery/,
        as: 'coach',
      },
      { name: 'shortlist', path: `/coach/proposals/${proposal.id}`, heading: /Montgomery/, as: 'coach' },
      { name: 'link-up', path: `/link-ups/${linkUp.id}`, heading: /.+/, as: 'coach' },
      { name: 'concerns', path: '/coach/concerns', heading: /^Safeguarding concerns$/, as: 'coach' },
      { name: 'concern', path: `/safeguarding-concerns/${concern.id}`, heading: /.+/, as: 'coach' },
      { name: 'change-password', path: '/account/password', heading: /^Change your password$/, as: 'coach' },
      { name: 'escalation', path: '/coach', heading: /^Today/, as: 'supervisor' },
    );
    page = await h.newPage(DESKTOP);
  });
  afterAll(() => h.close());

  /** The page at `path`, loaded: its heading shown and no "Loading…" left. */
  async function open(path: string, heading: RegExp): Promise<void> {
    await page.goto(`${h.baseUrl}${path}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.locator('.loading').first().waitFor({ state: 'detached' });
  }
  /** A long page also in screen-high parts (easier to look at than one tall image). */
  async function screenshotParts(name: string, viewport: { width: number; height: number }): Promise<void> {
    const height = await page.evaluate<number>('document.scrollingElement.scrollHeight');
    for (let y = 0, n = 1; y < height; y += viewport.height, n += 1) {
      await page.screenshot({
        path: path.join(ARTIFACTS, `${name}-part${n}.png`),
        fullPage: true,
        clip: { x: 0, y, width: viewport.width, height: Math.min(viewport.height, height - y) },
      });
    }
  }
  const scrollWidth = () => page.evaluate<number>('document.scrollingElement.scrollWidth');

  /**
   * Every page at both sizes, with a screenshot of each; what is wrong is collected and returned, so
   * one run shows (and screenshots) every page rather than stopping at the first.
   */
  async function visitAll(as: 'coach' | 'supervisor'): Promise<string[]> {
    const problems: string[] = [];
    for (const p of pages.filter((x) => x.as === as)) {
      for (const [size, viewport] of [
        ['360', NARROW],
        ['1280', DESKTOP],
      ] as const) {
        await page.setViewportSize(viewport);
        await open(p.path, p.heading);
        await screenshot(page, `narrow-${p.name}-${size}`);
        if (viewport === NARROW) await screenshotParts(`narrow-${p.name}-${size}`, viewport);
        const width = await scrollWidth();
        if (width > viewport.width) problems.push(`${p.name} at ${size}: ${width} px wide`);
        for (const v of describeViolations(await axeViolations(page)))
          problems.push(`${p.name} at ${size}: ${v}`);
      }
    }
    return problems;
  }

  it('shows each coach page without sideways scrolling at 360 px, and passes axe at both sizes', async () => {
    await signInAs(page, h.baseUrl, coach.email, TEST_PASSWORD);
    await page.getByRole('heading', { level: 1, name: /^Today/ }).waitFor();
    await expect(visitAll('coach')).resolves.toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });

  it('shows the supervisor’s escalation queue the same way', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs(page, h.baseUrl, supervisor.email, TEST_PASSWORD);
    await page.getByRole('heading', { level: 1, name: /^Today/ }).waitFor();
    await expect(visitAll('supervisor')).resolves.toEqual([]);
  });

  it('shows the admin’s audit trail at 1280 px', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.setViewportSize(DESKTOP);
    await signInAs(page, h.baseUrl, admin.email, TEST_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await open('/admin/audit', /^Audit trail$/);
    await page.getByRole('table', { name: 'Audit lines, newest first' }).waitFor();
    await screenshot(page, 'narrow-audit-1280');
    expect(describeViolations(await axeViolations(page))).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });
});
