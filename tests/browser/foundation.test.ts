import type { BrowserContext } from 'playwright-core';
import { accessibilityViolations, startBrowserHarness, type BrowserHarness } from './browser-support';

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

describe('home page in each language', () => {
  it.each([
    ['lv', 'Idejas Daugavpils publiskajām vietām'],
    ['ru', 'Идеи для общественных пространств Даугавпилса'],
    ['en', 'Ideas for the public spaces of Daugavpils'],
  ])('%s: right lang, right text, no axe violations', async (lang, heading) => {
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}/?lang=${lang}`);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(heading);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('switches language from the switcher and stays on the same page', async () => {
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}/login?lang=en`);
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Русский' }).click();
    await page.waitForURL(/\/login\?lang=ru/);
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Вход');
  });
});

describe('accounts', () => {
  it('a person registers, logs out and logs in again through the pages', async () => {
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}/?lang=en`);
    await page.getByRole('link', { name: 'Create account' }).click();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Display name').fill('Marija');
    await page.getByLabel('Email').fill('marija@example.lv');
    await page.getByLabel('Password').fill('short');
    await page.getByLabel('Preferred language').selectOption('en');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.locator('.field-error', { hasText: 'The password must be at least 8 characters long.' }).isVisible()).resolves.toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Password').fill('Daugava at sunset');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.locator('.notice-success').textContent()).resolves.toContain('Your account has been created');
    await expect(page.getByText('Signed in as Marija').isVisible()).resolves.toBe(true);

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.getByRole('link', { name: 'Log in' }).isVisible()).resolves.toBe(true);

    await page.getByRole('link', { name: 'Log in' }).click();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Email').fill('marija@example.lv');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('The email or password is not correct.');
    await page.getByLabel('Password').fill('Daugava at sunset');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByText('Signed in as Marija').isVisible()).resolves.toBe(true);
  });
});
