import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { unusedTotpCode } from '../helpers/two-factor';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserHarness {
  testApp: TestApp;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/** The real app on its own database, listening on a free port, and Debian's Chromium. */
export async function startBrowserHarness(env: Record<string, string> = {}): Promise<BrowserHarness> {
  const testApp = await createTestApp({ env });
  const server = http.createServer(testApp.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  return {
    testApp,
    baseUrl,
    browser,
    async close() {
      await browser.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await testApp.close();
    },
  };
}

/** WCAG 2.1 A and AA violations on the page, as "rule: target" lines (empty when clean). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
}

/**
 * Logs in through the login page as a person would, entering a fresh TOTP code when the login
 * asks for one (staff built by buildUser). Waits until the login has finished.
 */
export async function logInInBrowser(page: Page, baseUrl: string, user: { email: string; password: string }, query = ''): Promise<void> {
  await page.goto(`${baseUrl}/login${query}`);
  await page.locator('#email').fill(user.email);
  await page.locator('#password').fill(user.password);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/login'), page.locator('form.stacked-form button[type=submit]').click()]);
  if (new URL(page.url()).pathname === '/login/two-factor') {
    await page.locator('#code').fill(await unusedTotpCode(user.email));
    await Promise.all([page.waitForURL((url) => url.pathname !== '/login/two-factor'), page.locator('form.stacked-form button[type=submit]').click()]);
  }
}

const nebElementIds = ['beautiful', 'sustainable', 'together', 'participatory', 'multilevel', 'transdisciplinary'] as const;

/** Fills in and saves the NEB assessment form of an idea (English), one level per element in the form's order. */
export async function assessInBrowser(page: Page, baseUrl: string, ideaId: number, levels: number[]): Promise<void> {
  await page.goto(`${baseUrl}/admin/ideas/${ideaId}/assessment?lang=en`);
  for (const [index, element] of nebElementIds.entries()) {
    await page.locator(`#${element}Level-${levels[index]}`).check();
    await page.locator(`#${element}Justification`).fill(`Level ${levels[index]} for ${element}`);
  }
  await page.getByRole('button', { name: 'Save the assessment' }).click();
  await page.getByText('Your assessment is saved.').waitFor();
}

/** Pages that each have a browser context (cookies) of their own, for tests with several people; `close` ends them all. */
export function separatePages(browser: () => Browser): { newPage(): Promise<Page>; close(): Promise<void> } {
  const contexts: Awaited<ReturnType<Browser['newContext']>>[] = [];
  return {
    async newPage() {
      const context = await browser().newContext();
      contexts.push(context);
      context.setDefaultTimeout(20_000);
      return context.newPage();
    },
    close: async () => {
      await Promise.all(contexts.map((context) => context.close()));
    },
  };
}
