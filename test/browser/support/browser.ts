import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { findWebAppDir } from '../../../apps/api/src/serve-web-app';
import { startTestApp, type TestApp, type TestAppOptions } from '../../support/test-app';

/** Debian's Chromium (`apt-get install chromium`); no browser is ever downloaded. */
export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Screenshots of the main pages (git-ignored). */
export const ARTIFACTS = path.resolve(__dirname, '../../../test-artifacts/browser');

export interface BrowserHarness {
  readonly t: TestApp;
  readonly baseUrl: string;
  readonly context: BrowserContext;
  /** Errors the pages logged (a Content-Security-Policy refusal, an uncaught exception…). */
  readonly pageErrors: string[];
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * The API and worker on a fresh test database (as test/support/test-app.ts boots them), listening on
 * a free loopback port and serving the built web app (`npm run build:web`), and a headless Chromium
 * with a fresh profile.
 */
export async function startBrowserHarness(options: TestAppOptions = {}): Promise<BrowserHarness> {
  if (findWebAppDir() === null) throw new Error('The web app is not built: run `npm run build:web` first.');
  const t = await startTestApp(options);
  await t.app.listen(0, '127.0.0.1');
  const { port } = (t.app.getHttpServer() as Server).address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const profile = mkdtempSync(path.join(os.tmpdir(), 'family-link-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  // A shifted-clock run (CLOCK_OFFSET_DAYS) shifts the browser's clock with the server's, so the pages'
  // own "today" agrees with the programme's. Time then flows as usual; tests that move the server's clock
  // later do not move the browser's (the pages take their dates from the API).
  if (Math.abs(t.clock.now().getTime() - Date.now()) > 60_000) {
    await context.clock.install({ time: t.clock.now() });
  }
  const pageErrors: string[] = [];
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    t,
    baseUrl,
    context,
    pageErrors,
    async newPage(viewport) {
      const page = await context.newPage();
      if (viewport !== undefined) await page.setViewportSize(viewport);
      page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) {
          pageErrors.push(`console: ${message.text()}`);
        }
      });
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      await t.close();
    },
  };
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: { target: string[] }[];
}

/**
 * axe-core on the page as it is (WCAG 2.1 A and AA: labels, contrast, names, landmarks…).
 * Evaluated through the DevTools protocol, so the app's Content-Security-Policy stays in force.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(`${AXE_SOURCE}\n;undefined`);
  return page.evaluate<AxeViolation[]>(`
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))
  `);
}

/** Readable axe findings for a failing assertion. */
export function describeViolations(violations: readonly AxeViolation[]): string[] {
  return violations.map(
    (v) => `${v.id} (${v.impact ?? '?'}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Signs in through the sign-in page. */
export async function signInAs(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
