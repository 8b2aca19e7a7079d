import type { BrowserContext, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { accessibilityViolations, logInInBrowser, startBrowserHarness, type BrowserHarness } from './browser-support';
import { buildUser } from '../factories/users';

let harness: BrowserHarness;
let context: BrowserContext;
beforeAll(async () => {
  harness = await startBrowserHarness();
});
afterAll(() => harness?.close());
beforeEach(async () => {
  context = await harness.browser.newContext();
});
afterEach(() => context.close());

/** Every axe rule, best practices included, not only the WCAG A and AA ones. */
async function allAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
}

describe('the About RETHINK page in the browser', () => {
  it.each([
    ['lv', 'Par RETHINK', 'Par projektu RETHINK', 'Eiropas Savienības karogs', 'Līdzfinansē Eiropas Savienība'],
    ['ru', 'О RETHINK', 'О проекте RETHINK', 'Флаг Европейского союза', 'Софинансируется Европейским союзом'],
    ['en', 'About RETHINK', 'About the RETHINK project', 'Flag of the European Union', 'Co-funded by the European Union'],
  ])('in %s: reached from the footer, shows the emblem by name and the funding statement, and axe finds nothing', async (lang, link, title, emblem, coFunded) => {
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}/ideas?lang=${lang}`);
    await Promise.all([page.waitForURL((url) => url.pathname === '/about'), page.getByRole('contentinfo').getByRole('link', { name: link, exact: true }).click()]);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const flag = page.getByRole('img', { name: emblem, exact: true });
    await expect(flag.isVisible()).resolves.toBe(true);
    const box = (await flag.boundingBox())!;
    expect(box.width / box.height).toBeCloseTo(1.5, 2);
    await expect(page.getByText(coFunded, { exact: true }).isVisible()).resolves.toBe(true);
    expect(await allAxeViolations(page)).toEqual([]);
  });

  it('an admin edits the Russian text and a visitor sees it at once; the form is accessible', async () => {
    const admin = await buildUser(harness.testApp.db, { role: 'admin', preferredLocale: 'en' });
    const visitor = await context.newPage();
    await visitor.goto(`${harness.baseUrl}/about?lang=ru`);
    await visitor.getByText('Тролльхеттан (Швеция)', { exact: false }).waitFor();

    const adminContext = await harness.browser.newContext();
    try {
      const page = await adminContext.newPage();
      await logInInBrowser(page, harness.baseUrl, admin, '?lang=en&next=%2Fadmin%2Fstatements');
      await page.getByRole('heading', { level: 1, name: 'Statements' }).waitFor();
      await page.locator('a[href="/admin/statements/about/ru"]').click();
      await page.getByLabel('Text').fill('');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.locator('.field-error', { hasText: 'Please write the text.' }).waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByLabel('Text').fill('## Наша сеть\nСемь городов <em>вместе</em>');
      await Promise.all([page.waitForURL((url) => url.pathname === '/about'), page.getByRole('button', { name: 'Save' }).click()]);
    } finally {
      await adminContext.close();
    }

    await visitor.reload();
    await visitor.getByRole('heading', { level: 2, name: 'Наша сеть' }).waitFor();
    await expect(visitor.getByText('Семь городов <em>вместе</em>', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(visitor.getByText('Софинансируется Европейским союзом', { exact: true }).isVisible()).resolves.toBe(true);
    expect(await allAxeViolations(visitor)).toEqual([]);
  });
});
