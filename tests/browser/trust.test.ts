import type { BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations, logInInBrowser, startBrowserHarness, type BrowserHarness } from './browser-support';
import { deliverAccountEmails, latestLinkTo } from '../helpers/outbox';
import { totpCodeForStep } from '../helpers/two-factor';
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

const currentStep = () => Math.floor(Date.now() / 30_000);

async function expectAccessible(page: Page) {
  expect(await accessibilityViolations(page)).toEqual([]);
}

describe('trust in the browser', () => {
  it('a resident verifies the email, forgets the password and sets a new one', async () => {
    const page = await context.newPage();
    const email = 'laura.browser@example.lv';
    await page.goto(`${harness.baseUrl}/register?lang=en`);
    await page.getByLabel('Display name').fill('Laura');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('password1');
    await page.getByLabel('Preferred language').selectOption('en');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.locator('.field-error', { hasText: 'This password is among the most common ones' }).waitFor();
    await page.getByLabel('Password', { exact: true }).fill('Laura by the Daugava');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Please confirm your email address (laura.browser@example.lv)').waitFor();
    await expectAccessible(page);

    await deliverAccountEmails(harness.testApp);
    await page.goto(`${harness.baseUrl}${latestLinkTo(harness.testApp, email, '/verify-email').link}`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Confirm my email address' }).click();
    await page.getByRole('heading', { name: 'Email address confirmed' }).waitFor();
    await page.goto(`${harness.baseUrl}/account`);
    await expect(page.locator('dl').textContent()).resolves.toContain('confirmed');
    await expect(page.getByText('Please confirm your email address').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Log out' }).click();

    await page.goto(`${harness.baseUrl}/login?lang=en`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await expectAccessible(page);
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('If an account exists for this address').waitFor();
    await deliverAccountEmails(harness.testApp);
    await page.goto(`${harness.baseUrl}${latestLinkTo(harness.testApp, email, '/password/reset').link}`);
    await expectAccessible(page);
    await page.getByLabel('New password').fill('x'.repeat(129));
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.locator('.field-error', { hasText: 'The password can be at most 128 characters long.' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('New password').fill('Laura in the fortress');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByText('Your password has been changed and every session of your account has ended.').waitFor();
    await logInInBrowser(page, harness.baseUrl, { email, password: 'Laura in the fortress' });
    await page.getByText('Signed in as Laura').waitFor();
  });

  it('a moderator sets up TOTP before the staff pages open, then logs in with a code', async () => {
    const moderator = await buildUser(harness.testApp.db, { role: 'moderator', totp: false, displayName: 'Marta', preferredLocale: 'en' });
    const page = await context.newPage();
    await logInInBrowser(page, harness.baseUrl, moderator, '?lang=en&next=%2Fadmin%2Fexports');
    await page.getByRole('heading', { name: 'Set up two-step login' }).waitFor();
    await page.goto(`${harness.baseUrl}/admin/exports`);
    await page.getByRole('heading', { name: 'Set up two-step login' }).waitFor();
    await expect(page.getByRole('img', { name: 'QR code for adding Kopā to an authenticator app' }).isVisible()).resolves.toBe(true);
    await expectAccessible(page);
    const secret = (await page.locator('[data-totp-secret]').textContent())!.replace(/\s/g, '');
    await page.getByLabel('Code from the app').fill('000000');
    await page.getByRole('button', { name: 'Turn on two-step login' }).click();
    await page.locator('.field-error', { hasText: 'The code does not match.' }).waitFor();
    await page.getByLabel('Code from the app').fill(totpCodeForStep(secret, currentStep()));
    await page.getByRole('button', { name: 'Turn on two-step login' }).click();
    await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    await expect(page.locator('[data-recovery-codes] li').count()).resolves.toBe(10);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'I have saved my recovery codes' }).click();
    await page.waitForURL(`${harness.baseUrl}/admin/exports`);
    await page.getByRole('button', { name: 'Log out' }).click();

    await page.goto(`${harness.baseUrl}/login?lang=en&next=%2Fadmin%2Fexports`);
    await page.getByLabel('Email').fill(moderator.email);
    await page.getByLabel('Password').fill(moderator.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Two-step login' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Code').fill(totpCodeForStep(secret, currentStep() + 1));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${harness.baseUrl}/admin/exports`);
    await expect(page.getByText('Signed in as Marta').isVisible()).resolves.toBe(true);
  });

  it('the account, data and deletion pages pass axe', async () => {
    const resident = await buildUser(harness.testApp.db, { displayName: 'Anete', preferredLocale: 'en' });
    const page = await context.newPage();
    await logInInBrowser(page, harness.baseUrl, resident);
    for (const path of ['/account', '/account/data', '/account/delete', '/account/password', '/account/two-factor']) {
      await page.goto(`${harness.baseUrl}${path}`);
      await expectAccessible(page);
    }
  });
});

describe('statements', () => {
  it.each([
    ['lv', 'Piekļūstamības paziņojums', 'Privātuma paziņojums'],
    ['ru', 'Заявление о доступности', 'Уведомление о конфиденциальности'],
    ['en', 'Accessibility statement', 'Privacy notice'],
  ])('%s: reached from the footer, rendered, no axe violations', async (lang, accessibility, privacy) => {
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}/?lang=${lang}`);
    await page.getByRole('contentinfo').getByRole('link', { name: accessibility }).click();
    await page.getByRole('heading', { level: 1, name: accessibility }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    await expectAccessible(page);
    await page.getByRole('contentinfo').getByRole('link', { name: privacy }).click();
    await page.getByRole('heading', { level: 1, name: privacy }).waitFor();
    await expect(page.locator('table code').first().textContent()).resolves.toBe('kopa.sid');
    await expectAccessible(page);
  });
});
