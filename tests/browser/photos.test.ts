import { logInInBrowser, startBrowserHarness, type BrowserHarness } from './browser-support';
import { buildUser } from '../factories/users';
import { buildConsultation } from '../factories/ideas';
import { jpegWithGps } from '../factories/images';

/** The natural width of every photo on the page: 0 for one that did not load (the upload is turned upright, 300 × 400). */
const photoWidths = (page: import('playwright-core').Page) =>
  page.locator('.photo-grid img').evaluateAll((images) =>
    Promise.all((images as HTMLImageElement[]).map((image) => image.decode().then(() => image.naturalWidth, () => 0))),
  );

describe.each(['database', 'disk'] as const)('photos with PHOTO_STORE=%s in the browser', (store) => {
  let harness: BrowserHarness;
  beforeAll(async () => {
    harness = await startBrowserHarness({ PHOTO_STORE: store });
  });
  afterAll(() => harness?.close());

  it('a resident uploads a photo and sees it on the idea’s page; so does a visitor, and the large version opens', async () => {
    const { db } = harness.testApp;
    const resident = await buildUser(db, { displayName: 'Pēteris', preferredLocale: 'en' });
    await buildConsultation(db);
    const context = await harness.browser.newContext();
    try {
      const page = await context.newPage();
      await logInInBrowser(page, harness.baseUrl, resident, '?lang=en');
      await page.goto(`${harness.baseUrl}/ideas/new?lang=en`);
      // The map's scripts run once its part of the form comes near the screen.
      await page.locator('.location-fieldset').scrollIntoViewIfNeeded();
      await page.locator('#location-map .leaflet-container, #location-map.leaflet-container').first().waitFor();
      await page.getByLabel('Title').fill(`A fountain kept by ${store}`);
      await page.getByLabel('Description').fill('A drinking fountain by the bus station.');
      await page.getByRole('radio', { name: 'Green spaces' }).check();
      await page.getByRole('checkbox', { name: 'Sustainable' }).check();
      await page.locator('#location-map').click({ position: { x: 240, y: 160 } });
      await page.getByLabel('Photos (optional)').setInputFiles({ name: 'fountain.jpg', mimeType: 'image/jpeg', buffer: await jpegWithGps(1200, 900) });
      await page.getByRole('button', { name: 'Publish the idea' }).click();
      await page.getByRole('heading', { level: 1, name: `A fountain kept by ${store}` }).waitFor();
      expect(await photoWidths(page)).toEqual([300]);

      const [photo] = await db('idea_photos').select('large_key', 'thumbnail_key');
      const inTable = (await db('photo_files').select('key')).map((row) => row.key as string).sort();
      expect(inTable).toEqual(store === 'database' ? [photo.large_key, photo.thumbnail_key].sort() : []);
      expect(harness.testApp.uploadedFiles().sort()).toEqual(store === 'disk' ? [photo.large_key, photo.thumbnail_key].sort() : []);

      const visitor = await (await harness.browser.newContext()).newPage();
      await visitor.goto(page.url());
      expect(await photoWidths(visitor)).toEqual([300]);
      const large = await visitor.goto(`${harness.baseUrl}/uploads/${photo.large_key}`);
      expect(large?.status()).toBe(200);
      expect(large?.headers()['content-type']).toBe('image/jpeg');
      await visitor.context().close();
    } finally {
      await context.close();
    }
  });
});
