import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, logInInBrowser, startBrowserHarness, type BrowserHarness } from './browser-support';
import { buildConsultation } from '../factories/ideas';
import { buildUser, type BuiltUser } from '../factories/users';

const area = { type: 'Polygon' as const, coordinates: [[[26.45, 55.85], [26.62, 55.85], [26.62, 55.92], [26.45, 55.92], [26.45, 55.85]]] };
let harness: BrowserHarness;
let volunteer: BuiltUser;
let moderator: BuiltUser;
let consultationId: number;
let formCode: string;

beforeAll(async () => {
  harness = await startBrowserHarness();
  const { db } = harness.testApp;
  volunteer = await buildUser(db, { role: 'volunteer', displayName: 'Vera', preferredLocale: 'en' });
  moderator = await buildUser(db, { role: 'moderator', displayName: 'Marta', preferredLocale: 'en' });
  consultationId = await buildConsultation(db, { area, moderationMode: 'pre' });
  const printed = await fetch(`${harness.baseUrl}/consultations/${consultationId}/paper-form.pdf?lang=en`);
  expect(printed.status).toBe(200);
  const grid = await db('paper_form_grids').where({ consultation_id: consultationId }).first('id');
  formCode = `K${consultationId}-${grid.id}`;
});
afterAll(() => harness?.close());

async function logIn(browser: Browser, user: BuiltUser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await logInInBrowser(page, harness.baseUrl, user, '?lang=en');
  await page.getByText(`Signed in as ${user.displayName}`).waitFor();
  return page;
}

describe('an idea entered for a resident', () => {
  it('a volunteer enters a paper idea by grid square, a moderator publishes it, and the map and page say "submitted on paper"', async () => {
    const page = await logIn(harness.browser, volunteer);
    await page.getByRole('link', { name: 'Enter an idea for someone' }).click();
    for (const lang of ['lv', 'ru', 'en']) {
      await page.goto(`${harness.baseUrl}/assist/ideas/new?lang=${lang}`);
      expect(await accessibilityViolations(page)).toEqual([]);
    }
    await page.locator('#consultationId').selectOption(String(consultationId));
    await page.locator('#channel-paper').check();
    await page.locator('#title').fill('Soliņi pie Daugavas');
    await page.locator('#description').fill('More benches along the river for older residents.');
    await page.locator('#categoryId').selectOption({ index: 1 });
    await page.locator('#neb-together').check();
    await page.getByLabel('Paper form code').fill(formCode);
    await page.getByLabel('Grid square').fill('Z9');
    await page.getByRole('button', { name: 'Save the idea' }).click();
    await page.getByText('without their consent the idea cannot be saved').first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('The resident agreed to publishing their idea').check();
    await page.getByRole('button', { name: 'Save the idea' }).click();
    await page.getByText('The form’s grid has no square Z9.').first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Grid square').fill('C2');
    await page.getByLabel('Phone', { exact: true }).fill('+371 2000 1234');
    await page.getByLabel('Email', { exact: true }).fill('olga@example.lv');
    await page.getByRole('button', { name: 'Save the idea' }).click();
    await page.getByText(/is saved and waits for a moderator/).waitFor();
    const idea = await harness.testApp.db('ideas').orderBy('id', 'desc').first('id');

    const staff = await logIn(harness.browser, moderator);
    await staff.goto(`${harness.baseUrl}/admin/ideas/${idea.id}`);
    await staff.getByText('Entered for a resident by').waitFor();
    expect(await accessibilityViolations(staff)).toEqual([]);
    for (const lang of ['lv', 'ru', 'en']) {
      await staff.goto(`${harness.baseUrl}/admin/assisted-contacts?q=2000&lang=${lang}`);
      expect(await accessibilityViolations(staff)).toEqual([]);
    }
    await staff.getByText('olga@example.lv').waitFor();
    await staff.goto(`${harness.baseUrl}/admin/ideas/${idea.id}`);
    await staff.getByRole('button', { name: 'Publish' }).click();
    await staff.getByText('The idea is published').first().waitFor();

    const visitor = await (await harness.browser.newContext()).newPage();
    await visitor.goto(`${harness.baseUrl}/ideas/${idea.id}?lang=en`);
    await visitor.getByText('Submitted on paper').waitFor();
    expect(await visitor.getByText('Vera').count()).toBe(0);
    await visitor.goto(`${harness.baseUrl}/?consultation=${consultationId}&lang=en`);
    await visitor.locator('#ideas-map[data-loaded="1"]').waitFor();
    // The pin may sit under the filters at this window size: open it with the keyboard, as Leaflet allows.
    await visitor.locator('.idea-marker').first().focus();
    await visitor.keyboard.press('Enter');
    await visitor.locator('.idea-popup-channel').waitFor();
    expect(await visitor.locator('.idea-popup-channel').textContent()).toBe('Submitted on paper');
  });
});
