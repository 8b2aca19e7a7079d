import type { BrowserContext } from 'playwright-core';
import { accessibilityViolations, startBrowserHarness, type BrowserHarness } from './browser-support';

let harness: BrowserHarness;
let context: BrowserContext;
beforeAll(async () => {
  harness = await startBrowserHarness();
});
afterAll(() => harness?.close());
afterEach(() => context.close());

describe('the compact header on a phone (390 × 844)', () => {
  beforeEach(async () => {
    context = await harness.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  });

  it.each(['lv', 'ru', 'en'])('%s: at most 64 px high, the menu folded, axe-clean', async (lang) => {
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}/login?lang=${lang}`);
    const header = await page.locator('.site-header').boundingBox();
    expect(header!.height).toBeLessThanOrEqual(64);
    // A closed <details> hides its content with content-visibility, which checkVisibility() sees.
    expect(await page.locator('.site-nav').evaluate((nav) => nav.checkVisibility())).toBe(false);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('opens the menu with the keyboard alone, without JavaScript', async () => {
    await context.close();
    context = await harness.browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}/login?lang=en`);
    // Skip link, brand, then the Menu disclosure.
    for (let step = 0; step < 3; step += 1) await page.keyboard.press('Tab');
    await expect(page.locator('.site-menu > summary:focus').textContent()).resolves.toContain('Menu');
    await page.keyboard.press('Enter');
    expect(await page.locator('.site-nav').evaluate((nav) => nav.checkVisibility())).toBe(true);
    await page.keyboard.press('Tab');
    await expect(page.locator('.site-nav a:focus').textContent()).resolves.toBe('Home');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Create account' }).click();
    await page.waitForURL(/\/register/);
  });

  it('the open menu is axe-clean and lies over the page without growing the header', async () => {
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}/?lang=ru`);
    await page.locator('.site-menu > summary', { hasText: 'Меню' }).click();
    await expect(page.getByRole('navigation', { name: 'Язык' }).getByRole('link', { name: 'Latviešu' }).isVisible()).resolves.toBe(true);
    expect((await page.locator('.site-header').boundingBox())!.height).toBeLessThanOrEqual(64);
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});

describe('on a desktop', () => {
  beforeEach(async () => {
    context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
  });

  it('shows the navigation inline, no Menu button, and draws text in Source Sans 3 from our origin', async () => {
    const page = await context.newPage();
    const fontRequests: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'font') fontRequests.push(request.url());
    });
    await page.goto(`${harness.baseUrl}/login?lang=lv`);
    await expect(page.getByText('Izvēlne', { exact: true }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('navigation', { name: 'Galvenā navigācija' }).getByRole('link', { name: 'Ieiet' }).isVisible()).resolves.toBe(true);
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check('16px "Source Sans 3"', 'Kopā'))).toBe(true);
    expect(fontRequests.length).toBeGreaterThan(0);
    for (const url of fontRequests) expect(url.startsWith(`${harness.baseUrl}/static/fonts/`)).toBe(true);
    expect(await page.locator('.site-header').evaluate((element) => element.getBoundingClientRect().height)).toBeLessThanOrEqual(80);
  });
});
