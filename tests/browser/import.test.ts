import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, logInInBrowser, startBrowserHarness, type BrowserHarness } from './browser-support';
import { buildConsultation } from '../factories/ideas';
import { buildUser, type BuiltUser } from '../factories/users';
import { csvFile, header } from '../imports/files';

const area = { type: 'Polygon' as const, coordinates: [[[26.45, 55.85], [26.62, 55.85], [26.62, 55.92], [26.45, 55.92], [26.45, 55.85]]] };
let harness: BrowserHarness;
let facilitator: BuiltUser;
let consultationId: number;
let categorySlug: string;

beforeAll(async () => {
  harness = await startBrowserHarness();
  const { db } = harness.testApp;
  facilitator = await buildUser(db, { role: 'facilitator', displayName: 'Fani', preferredLocale: 'en' });
  consultationId = await buildConsultation(db, { area });
  categorySlug = (await db('categories').orderBy('id').first('slug')).slug;
});
afterAll(() => harness?.close());

async function logIn(browser: Browser, user: BuiltUser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await logInInBrowser(page, harness.baseUrl, user, '?lang=en');
  await page.getByText(`Signed in as ${user.displayName}`).waitFor();
  return page;
}

/** 200 rows from a street stand; rows 11, 51, 91, 131 and 171 are wrong in five different ways. */
function standFile(): Buffer {
  const bad: Record<number, string[]> = {
    10: ['Outside the area', 'Far away', categorySlug, 'together', '56.95', '24.1', '', ''],
    50: ['Unknown category', 'Who knows', 'no-such-category', 'together', '55.88', '26.5', '', ''],
    90: ['', 'No title', categorySlug, 'together', '55.88', '26.5', '', ''],
    130: ['No such square', 'Grid', categorySlug, 'together', '', '', 'Z99', ''],
    170: ['Unknown NEB value', 'Loud', categorySlug, 'loud', '55.88', '26.5', '', ''],
  };
  const rows = Array.from({ length: 200 }, (_, index) =>
    bad[index] ?? [`Soliņš Nr. ${index} <script>alert("t")</script>`, `Idea ${index} from the stand`, categorySlug, 'together, beautiful', (55.86 + (index % 20) * 0.002).toFixed(4), (26.47 + Math.floor(index / 20) * 0.004).toFixed(4), '', ''],
  );
  return csvFile([header, ...rows], { delimiter: ';', encoding: 'win1257' });
}

async function uploadStandFile(page: Page) {
  await page.goto(`${harness.baseUrl}/assist/imports?lang=en`);
  await page.locator('#consultationId').selectOption(String(consultationId));
  await page.getByLabel('Event name').fill('Street stand at Vienības laukums');
  await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'stand.csv', mimeType: 'text/csv', buffer: standFile() });
  await page.getByLabel('The residents whose ideas are in the file agreed to publishing them').check();
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.getByRole('heading', { name: 'Check the import' }).waitFor();
}

describe('an import from an event', () => {
  it('a dry run shows 195 accepted and 5 refused, the import adds 195, and the same file again adds nothing', async () => {
    const page = await logIn(harness.browser, facilitator);
    await page.goto(`${harness.baseUrl}/assist/ideas/new?lang=en`);
    await page.getByRole('link', { name: 'Import ideas from an event' }).click();
    for (const lang of ['lv', 'ru', 'en']) {
      await page.goto(`${harness.baseUrl}/assist/imports?lang=${lang}`);
      expect(await accessibilityViolations(page)).toEqual([]);
    }
    // The form with a problem: no file, no consent.
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByText('Choose a CSV or XLSX file.').first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await uploadStandFile(page);
    expect(await page.locator('.import-summary').textContent()).toBe('195 rows accepted · 5 rows refused');
    expect(await page.locator('tr.refused').count()).toBe(5);
    await page.getByText('There is no category “no-such-category”.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    const before = Number((await harness.testApp.db('ideas').count({ n: '*' }))[0].n);
    // The answer is held back a moment so that the line shown while the rows go in can be read.
    let releaseConfirmation!: () => void;
    const confirmationHeld = new Promise<void>((resolve) => (releaseConfirmation = resolve));
    await page.route('**/confirm', async (route) => {
      await confirmationHeld;
      await route.continue();
    });
    // The click waits for the navigation it starts, which waits for the release below.
    const clicked = page.getByRole('button', { name: 'Import 195 ideas' }).click();
    // Read in the page itself: locators would wait for the held navigation.
    const working = await page.waitForFunction(() => {
      const button = document.querySelector<HTMLButtonElement>('form[data-working-text] button');
      return button?.disabled && document.getElementById('import-working')?.textContent;
    });
    expect(await working.jsonValue()).toBe('Importing 195 ideas… Keep this page open: a large file takes a few seconds.');
    releaseConfirmation();
    await clicked;
    await page.getByText('Imported 195 of 200 rows.').first().waitFor();
    await page.unroute('**/confirm');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(Number((await harness.testApp.db('ideas').count({ n: '*' }))[0].n)).toBe(before + 195);
    expect((await harness.testApp.db('ideas').where({ consultation_id: consultationId, channel: 'event', event_name: 'Street stand at Vienības laukums' })).length).toBe(195);

    await uploadStandFile(page);
    expect(await page.locator('.import-summary').textContent()).toBe('0 rows accepted · 200 rows refused');
    await page.getByText('No row can be imported.').waitFor();
    expect(await page.getByRole('button', { name: /^Import/ }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(Number((await harness.testApp.db('ideas').count({ n: '*' }))[0].n)).toBe(before + 195);

    // Visitors see an imported idea as submitted at the event.
    const idea = await harness.testApp.db('ideas').where({ consultation_id: consultationId, channel: 'event' }).orderBy('id').first('id');
    const visitor = await (await harness.browser.newContext()).newPage();
    await visitor.goto(`${harness.baseUrl}/ideas/${idea.id}?lang=en`);
    await visitor.getByText('Submitted at an event: Street stand at Vienības laukums').waitFor();
    expect(await visitor.getByText('Fani').count()).toBe(0);
  });
});
