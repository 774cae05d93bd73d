import { ConsentsService, LinkUpStagesService, MatchProposalsService, type User } from '@app/core';
import {
  callerOf,
  makeApprovedSharingFamily,
  makeLinkUp,
  makeMatchProposal,
  makeSeekingFamily,
  makeSite,
  makeUser,
  setEvaluationConsent,
  TEST_PASSWORD,
} from '@app/testing';
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

/** Issue 15: an evaluator filters by site and period, reads the charts and downloads the filtered export. */
describe('the evaluator’s pages (browser)', () => {
  let h: BrowserHarness;
  let evaluator: User;
  let siteA: { id: string; name: string };
  let siteB: { id: string; name: string };

  beforeAll(async () => {
    h = await startBrowserHarness();
    const app = h.t.app;
    siteA = await makeSite(app);
    siteB = await makeSite(app);
    for (const [site, count] of [
      [siteA, 6],
      [siteB, 2],
    ] as const) {
      const coach = await makeUser(app, { role: 'coach', siteId: site.id });
      for (let i = 0; i < count; i++) {
        const { seekingFamilyId } = await makeLinkUp(app, coach, { startedAt: h.t.clock.daysFromNow(-20) });
        await app.get(ConsentsService).grantConsent(callerOf(coach), seekingFamilyId, 'evaluation_use');
      }
    }
    // Issue 16: link-ups chosen from shortlists that ended early, for the matching calibration.
    const coach = await makeUser(app, { role: 'coach', siteId: siteA.id });
    for (const reason of [
      'not_a_good_fit',
      'not_a_good_fit',
      'not_a_good_fit',
      'not_a_good_fit',
      'not_a_good_fit',
      'moved_away',
    ]) {
      const seeking = await makeSeekingFamily(app, coach);
      await setEvaluationConsent(app, coach, seeking, true);
      const sharing = await makeApprovedSharingFamily(app, coach);
      const proposal = await makeMatchProposal(app, coach, seeking, [sharing]);
      const decided = await app.get(MatchProposalsService).recordDecision(callerOf(coach), proposal.id, {
        decision: 'chose',
        sharingFamilyId: sharing.id,
        sharingFamilyAccepted: true,
        version: proposal.version,
      });
      await app.get(LinkUpStagesService).changeStage(callerOf(coach), decided.linkUpId as string, {
        to: 'ended_early',
        closureReason: reason,
        version: 1,
      });
    }
    evaluator = await makeUser(app, { role: 'evaluator' });
  });
  afterAll(() => h.close());

  it('filters by site and period, and the download carries the filters', async () => {
    const page = await h.newPage({ width: 1280, height: 800 });
    const asked: string[] = [];
    page.on('request', (request) => asked.push(request.url()));
    await signInAs(page, h.baseUrl, evaluator.email, TEST_PASSWORD);
    await page.getByRole('heading', { name: 'Reports and exports', level: 1 }).waitFor();
    const month = h.t.clock.todayPlus(-20).slice(0, 7);
    const form = page.getByRole('form', { name: 'Filter the reports and downloads' });
    await form.getByLabel('Site').locator(`option[value="${siteA.id}"]`).waitFor({ state: 'attached' });
    await form.getByLabel('Site').selectOption(siteA.id);
    await form.getByLabel('From (month the link-up started)').fill(month);
    await form.getByLabel('To (month the link-up started)').fill(month);
    await form.getByRole('button', { name: 'Show these' }).click();
    await page.getByText(`Showing: ${siteA.name}, link-ups started ${month} to ${month}.`).waitFor();

    // Readable labels, an SVG chart with its text alternative, n.p. and 0 said in words.
    const linkUps = page.getByRole('region', { name: 'Link-ups by stage and outcome' });
    await linkUps.getByRole('columnheader', { name: 'Relationship building' }).waitFor();
    await linkUps.getByRole('columnheader', { name: 'Ended early: family withdrew' }).waitFor();
    // Site B's 2 are a small cell: site A's column is withheld with it (the same in the chart).
    await linkUps
      .getByRole('row', { name: new RegExp(siteA.name) })
      .getByRole('cell', { name: 'n.p.' })
      .first()
      .waitFor();
    const chart = linkUps.getByRole('img', { name: /Link-ups by stage and outcome: totals as a bar chart/ });
    await expect(chart.getAttribute('aria-labelledby')).resolves.toBeTruthy();
    await expect(chart.locator('desc').textContent()).resolves.toMatch(
      /Relationship building n\.p\. \(not published\); Doing with 0 \(none\)/,
    );
    await page.getByRole('region', { name: 'Outcome change' }).waitFor();
    expect(asked.some((u) => u.includes('/api/reports/summary') && u.includes(`siteId=${siteA.id}`))).toBe(
      true,
    );

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download Link-ups (CSV)' }).click(),
    ]);
    const saved = path.join(ARTIFACTS, 'link-ups-filtered.csv');
    await download.saveAs(saved);
    const lines = readFileSync(saved, 'utf8').trim().split(/\r?\n/);
    expect(lines).toHaveLength(1 + 6);
    expect(lines.slice(1).every((line) => line.includes(siteA.name) && !line.includes(siteB.name))).toBe(
      true,
    );
    const exportUrl = asked.find((u) => u.includes('/api/exports/link-ups.csv')) ?? '';
    expect(new URL(exportUrl).searchParams.get('siteId')).toBe(siteA.id);
    expect(new URL(exportUrl).searchParams.get('from')).toBe(month);
    await page.getByText('Downloaded link-ups.csv.').waitFor();

    await page.getByRole('button', { name: 'Show the data dictionary' }).click();
    await page
      .getByRole('region', { name: 'Data dictionary' })
      .getByRole('rowheader', { name: 'site' })
      .first()
      .waitFor();
    // The matching calibration's terms (issue 16), in words.
    await page
      .getByRole('region', { name: 'Data dictionary' })
      .getByRole('term')
      .filter({ hasText: 'Goal attainment change' })
      .waitFor();

    for (const [width, height] of [
      [1280, 800],
      [390, 844],
      [360, 740],
    ] as const) {
      await page.setViewportSize({ width, height });
      await expect(page.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(width);
      await screenshot(page, `evaluator-${width}`);
      expect(describeViolations(await axeViolations(page))).toEqual([]);
    }
    expect(h.pageErrors).toEqual([]);
    await page.close();
  });

  it('shows the matching calibration in plain words, with n.p. for small cells', async () => {
    const page = await h.newPage({ width: 1280, height: 800 });
    await signInAs(page, h.baseUrl, evaluator.email, TEST_PASSWORD);
    const section = page.getByRole('region', { name: 'Does a better match go with better outcomes?' });
    await section.getByText(/How to read this:/).waitFor();
    const table = section.getByRole('table', { name: /Fit at the choice/ });
    await table.getByRole('columnheader', { name: 'Ended early, by reason' }).waitFor();
    await table.getByRole('columnheader', { name: 'Not a good fit' }).waitFor();
    // The six link-ups had nothing but distance and load known: about 61 %, in 50–69 %.
    const band = table.getByRole('row', { name: /^50–69%/ });
    // One moved away is withheld, and so is not a good fit (5), or it would give the 1 away.
    await expect(band.getByRole('cell').allTextContents()).resolves.toEqual([
      '6',
      '0 (0%)',
      '0',
      'n.p.',
      '0',
      'n.p.',
      '0',
      '0',
      '0',
      '—',
    ]);
    await expect(
      table
        .getByRole('row', { name: /^All bands/ })
        .getByRole('cell')
        .first()
        .textContent(),
    ).resolves.toBe('6');
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await section.scrollIntoViewIfNeeded();
      await expect(page.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(width);
      await screenshot(page, `evaluator-calibration-${width}`);
      await section.screenshot({ path: path.join(ARTIFACTS, `evaluator-calibration-section-${width}.png`) });
      expect(describeViolations(await axeViolations(page))).toEqual([]);
    }
    expect(h.pageErrors).toEqual([]);
    await page.close();
  });
});
