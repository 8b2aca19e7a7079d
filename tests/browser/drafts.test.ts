import type { BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations, logInInBrowser, startBrowserHarness, type BrowserHarness } from './browser-support';
import { buildUser, type BuiltUser } from '../factories/users';
import { buildConsultation } from '../factories/ideas';

let harness: BrowserHarness;
let context: BrowserContext;
let resident: BuiltUser;
let neighbour: BuiltUser;
beforeAll(async () => {
  harness = await startBrowserHarness();
  const { db } = harness.testApp;
  resident = await buildUser(db, { displayName: 'Jana', password: 'Daugava at sunset', preferredLocale: 'en' });
  neighbour = await buildUser(db, { displayName: 'Pēteris', password: 'Daugava at dawn', preferredLocale: 'en' });
  await buildConsultation(db);
});
afterAll(() => harness?.close());
beforeEach(async () => {
  context = await harness.browser.newContext();
});
afterEach(() => context.close());

const keptDrafts = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('kopa-draft:')));

async function startIdea(page: Page, user: BuiltUser): Promise<string[]> {
  await logInInBrowser(page, harness.baseUrl, user, '?lang=en');
  await page.goto(`${harness.baseUrl}/ideas/new?lang=en`);
  const requests: string[] = [];
  // What the page asks of Kopā while the person types, but its own files (the favicon comes late;
  // the form's map loads as the person reaches it, its tiles from the tile server).
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === new URL(harness.baseUrl).origin && !url.pathname.startsWith('/static/')) requests.push(request.url());
  });
  await page.getByLabel('Title', { exact: true }).fill('Benches by the fortress');
  await page.getByLabel('Description', { exact: true }).fill('Wooden benches in the shade, for older neighbours.');
  await page.getByRole('checkbox', { name: 'Together' }).check();
  await page.waitForFunction(() => Object.keys(localStorage).some((key) => key.startsWith('kopa-draft:')));
  return requests;
}

describe('drafts of a new idea in the browser', () => {
  it('keep what was typed on this device only, offer it back after a reload, and go once the server has the idea', async () => {
    const page = await context.newPage();
    const requests = await startIdea(page, resident);
    expect(requests).toEqual([]);

    await page.reload();
    await expect(page.getByLabel('Title', { exact: true }).inputValue()).resolves.toBe('');
    await page.getByText('You have an unsent idea, kept in this browser since').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Restore it' }).click();
    await page.getByText('Your text is back in the form.').waitFor();
    await expect(page.getByLabel('Title', { exact: true }).inputValue()).resolves.toBe('Benches by the fortress');
    await expect(page.getByLabel('Description', { exact: true }).inputValue()).resolves.toBe('Wooden benches in the shade, for older neighbours.');
    await expect(page.getByRole('checkbox', { name: 'Together' }).isChecked()).resolves.toBe(true);
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('title');

    await page.getByRole('group', { name: 'Kind of public space' }).getByRole('radio').first().check();
    await page.getByLabel('Neighbourhood or landmark').selectOption({ index: 1 });
    await Promise.all([page.waitForURL(/\/ideas\/\d+$/), page.getByRole('button', { name: 'Publish the idea' }).click()]);
    await page.getByRole('heading', { level: 1, name: 'Benches by the fortress' }).waitFor();
    await expect(keptDrafts(page)).resolves.toEqual([]);
  });

  it('survive a form sent back with errors and a closed tab, and go on "discard"', async () => {
    const page = await context.newPage();
    await startIdea(page, resident);
    await page.getByRole('button', { name: 'Publish the idea' }).click();
    await page.getByRole('alert').waitFor();
    // The form came back with what was typed: no offer to restore, and the draft is still kept.
    await expect(page.getByText('You have an unsent idea').count()).resolves.toBe(0);
    await expect(page.getByLabel('Title', { exact: true }).inputValue()).resolves.toBe('Benches by the fortress');
    await expect(keptDrafts(page)).resolves.toHaveLength(1);
    await page.close();
    const again = await context.newPage();
    await again.goto(`${harness.baseUrl}/ideas/new?lang=en`);
    await again.getByRole('button', { name: 'Discard it' }).click();
    await again.getByText('The kept text was deleted.').waitFor();
    await expect(keptDrafts(again)).resolves.toEqual([]);
    await again.reload();
    await expect(again.getByText('You have an unsent idea').count()).resolves.toBe(0);
  });

  it('are removed at logout and never offered to another account', async () => {
    const page = await context.newPage();
    await startIdea(page, resident);
    await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.getByRole('button', { name: 'Log out' }).click()]);
    await expect(keptDrafts(page)).resolves.toEqual([]);

    await startIdea(page, resident);
    await context.clearCookies();
    await logInInBrowser(page, harness.baseUrl, neighbour, '?lang=en');
    await page.goto(`${harness.baseUrl}/ideas/new?lang=en`);
    await page.getByLabel('Title', { exact: true }).waitFor();
    await expect(page.getByText('You have an unsent idea').count()).resolves.toBe(0);
  });
});
