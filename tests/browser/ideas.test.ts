import type { BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations, logInInBrowser, startBrowserHarness, type BrowserHarness } from './browser-support';
import { buildUser, type BuiltUser } from '../factories/users';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { jpegWithGps } from '../factories/images';

let harness: BrowserHarness;
let context: BrowserContext;
let resident: BuiltUser;
beforeAll(async () => {
  harness = await startBrowserHarness();
  const { db } = harness.testApp;
  resident = await buildUser(db, { displayName: 'Jana', email: 'jana@example.lv', password: 'Daugava at sunset', preferredLocale: 'en' });
  const consultationId = await buildConsultation(db);
  await buildIdea(db, { consultationId, authorId: resident.id, title: 'Fortress <b>lights</b>', category: 'heritage', latitude: 55.889, longitude: 26.489 });
});
afterAll(() => harness?.close());
beforeEach(async () => {
  context = await harness.browser.newContext();
});
afterEach(() => context.close());

async function logIn(page: Page) {
  await logInInBrowser(page, harness.baseUrl, resident, '?lang=en');
  await page.getByText('Signed in as Jana').waitFor();
}

describe('ideas in the browser', () => {
  it('the map shows pins without tiles, and a pin opens a popup with the idea as text', async () => {
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}/?lang=en`);
    await page.locator('#ideas-map[data-loaded="1"]').waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'on the map' }).textContent()).resolves.toBe('1 idea on the map.');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.locator('.idea-marker').first().click();
    const popup = page.locator('.idea-popup');
    await popup.waitFor();
    await expect(popup.locator('.idea-popup-title').textContent()).resolves.toBe('Fortress <b>lights</b>');
    await expect(popup.getByRole('link', { name: 'Open the idea' }).isVisible()).resolves.toBe(true);
  });

  it('a resident pins an idea by clicking the map, adds a photo, and finds it on its page, in the list and on the map', async () => {
    const page = await context.newPage();
    await logIn(page);
    await page.getByRole('link', { name: 'Propose an idea' }).first().click();
    await page.waitForURL(/\/ideas\/new/);
    // The map's scripts run once its part of the form comes near the screen.
    await page.locator('.location-fieldset').scrollIntoViewIfNeeded();
    await page.locator('#location-map .leaflet-container, #location-map.leaflet-container').first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Title').fill('Shade trees on the promenade');
    await page.getByLabel('Description').fill('Plant lindens along the Daugava promenade.\nMore shade in summer.');
    await page.getByRole('radio', { name: 'Green spaces' }).check();
    await page.getByRole('checkbox', { name: 'Sustainable' }).check();
    await page.locator('#location-map').click({ position: { x: 240, y: 160 } });
    const latitude = Number(await page.getByLabel('Latitude').inputValue());
    const longitude = Number(await page.getByLabel('Longitude').inputValue());
    expect(latitude).toBeGreaterThan(55.8);
    expect(longitude).toBeGreaterThan(26.4);
    await page.getByLabel('Photos (optional)').setInputFiles({ name: 'promenade.jpg', mimeType: 'image/jpeg', buffer: await jpegWithGps(1200, 900) });
    await page.getByRole('button', { name: 'Publish the idea' }).click();

    await page.getByRole('heading', { level: 1, name: 'Shade trees on the promenade' }).waitFor();
    await expect(page.locator('.notice-success').textContent()).resolves.toContain('Your idea has been saved');
    await expect(page.getByRole('img', { name: /Photo 1 of the idea/ }).isVisible()).resolves.toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    const ideaUrl = page.url();
    const ideaId = Number(ideaUrl.split('/').pop());

    await page.goto(`${harness.baseUrl}/ideas?lang=en`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Shade trees on the promenade' }).click();
    await page.waitForURL(ideaUrl);

    await page.goto(`${harness.baseUrl}/?lang=en`);
    await page.locator('#ideas-map[data-loaded="2"]').waitFor();
    const geojson = await page.evaluate(async () => (await fetch('/api/ideas.geojson')).json());
    const pinned = geojson.features.find((feature: { id: number }) => feature.id === ideaId);
    expect(pinned.geometry.coordinates[0]).toBeCloseTo(longitude, 5);
    expect(pinned.geometry.coordinates[1]).toBeCloseTo(latitude, 5);
  });

  it('on a phone the form\'s map is loaded only when the person scrolls near it, and then places a pin', async () => {
    const phone = await harness.browser.newContext({ viewport: { width: 390, height: 700 }, isMobile: true, hasTouch: true });
    try {
      const page = await phone.newPage();
      const fetched: string[] = [];
      await logInInBrowser(page, harness.baseUrl, resident, '?lang=en');
      page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
      await page.goto(`${harness.baseUrl}/ideas/new?lang=en`);
      await page.waitForLoadState('load');
      // Two frames and a moment after load: the runner has decided, and decided to wait.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 300)))));
      expect(fetched.filter((path) => /(leaflet|location-picker)[^/]*\.js$/.test(path))).toEqual([]);
      await expect(page.evaluate(() => 'L' in window)).resolves.toBe(false);
      await expect(page.locator('#location-map').isHidden()).resolves.toBe(true);

      // A place chosen before the map is there (as a quick keyboard user might) is shown once it is.
      await page.evaluate(() => {
        const place = document.getElementById('place') as HTMLSelectElement;
        place.selectedIndex = 1;
        place.dispatchEvent(new Event('change'));
      });
      await page.locator('.location-fieldset').scrollIntoViewIfNeeded();
      await page.locator('#location-map.leaflet-container').waitFor();
      await page.locator('#location-map .leaflet-marker-icon').waitFor();
      await expect(page.getByLabel('Latitude').inputValue()).resolves.toBe('');
      await page.getByLabel('Neighbourhood or landmark').selectOption({ index: 2 });
      await expect(page.locator('#location-map .leaflet-marker-icon').count()).resolves.toBe(1);
      expect(Number(await page.getByLabel('Latitude').inputValue())).toBeGreaterThan(55.8);
    } finally {
      await phone.close();
    }
  });

  it('the form works without JavaScript, choosing a neighbourhood from the list', async () => {
    const noScript = await harness.browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await noScript.newPage();
      await logIn(page).catch(async () => {
        // Without JavaScript the login still works: it is a plain form.
        await page.getByText('Signed in as Jana').waitFor();
      });
      await page.goto(`${harness.baseUrl}/ideas/new?lang=lv`);
      await page.getByLabel('Nosaukums', { exact: true }).fill('Velonovietnes pie stacijas');
      await page.getByLabel('Apraksts', { exact: true }).fill('Droši velosipēdu statīvi.');
      await page.getByRole('group', { name: 'Publiskās vietas veids' }).getByRole('radio').nth(2).check();
      await page.getByRole('checkbox', { name: 'Kopā' }).check();
      await page.getByLabel('Apkaime vai ievērojama vieta').selectOption({ index: 1 });
      await page.getByRole('button', { name: 'Publicēt ideju' }).click();
      await page.getByRole('heading', { level: 1, name: 'Velonovietnes pie stacijas' }).waitFor();
    } finally {
      await noScript.close();
    }
  });
});

describe('supporting in the browser', () => {
  it('a resident supports an idea and the count updates in place, then takes it back', async () => {
    const { db } = harness.testApp;
    const author = await buildUser(db, { displayName: 'Author' });
    const [{ id: consultationId }] = await db('consultations').select('id').limit(1);
    const ideaId = await buildIdea(db, { consultationId, authorId: author.id, title: 'Benches by the lake' });
    const page = await context.newPage();
    await logIn(page);
    await page.goto(`${harness.baseUrl}/ideas/${ideaId}`);
    await page.getByRole('button', { name: 'Support this idea' }).click();
    await page.getByRole('button', { name: 'Take back my support' }).waitFor();
    await expect(page.locator('[data-support-count]').textContent()).resolves.toBe('1 support');
    expect(page.url()).toBe(`${harness.baseUrl}/ideas/${ideaId}`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Take back my support' }).click();
    await page.getByRole('button', { name: 'Support this idea' }).waitFor();
    await expect(page.locator('[data-support-count]').textContent()).resolves.toBe('0 supports');
    expect(Number((await db('supports').where({ idea_id: ideaId }).count({ n: '*' }))[0].n)).toBe(0);
  });
});
