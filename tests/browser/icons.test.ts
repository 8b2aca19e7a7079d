import type { BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations, logInInBrowser, startBrowserHarness, type BrowserHarness } from './browser-support';
import { buildUser, type BuiltUser } from '../factories/users';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { iconInnerMarkup } from '../../server/icons/icons';

let harness: BrowserHarness;
let context: BrowserContext;
let admin: BuiltUser;
let resident: BuiltUser;
let ideaId: number;
beforeAll(async () => {
  harness = await startBrowserHarness();
  const { db } = harness.testApp;
  admin = await buildUser(db, { role: 'admin', displayName: 'Ilze', email: 'ilze.icons@daugavpils.lv', password: 'ikonas un krāsas', preferredLocale: 'en' });
  resident = await buildUser(db, { displayName: 'Pēteris', email: 'peteris.icons@example.lv', password: 'Daugava at sunset', preferredLocale: 'en' });
  const consultationId = await buildConsultation(db);
  ideaId = await buildIdea(db, { consultationId, authorId: resident.id, title: 'Fortress <b>lights</b>', category: 'heritage', nebValues: ['beautiful', 'together'], latitude: 55.889, longitude: 26.489 });
  await buildIdea(db, { consultationId, authorId: resident.id, title: 'Riverside steps', category: 'riverside-water', status: 'implemented', latitude: 55.87, longitude: 26.52 });
});
afterAll(() => harness?.close());
beforeEach(async () => {
  context = await harness.browser.newContext();
});
afterEach(() => context.close());

const iconOf = async (slug: string): Promise<string> => (await harness.testApp.db('categories').where({ slug }).first()).icon;
/** The drawing inside each marker's icon, as the browser serialises it. */
const markerDrawings = (page: Page, mapSelector: string) =>
  page.locator(`${mapSelector} .idea-marker svg.idea-marker-icon`).evaluateAll((icons) => icons.map((icon) => icon.innerHTML));
/** The same drawing put through the browser's parser, so that both sides are spelled alike. */
const asParsed = (page: Page, drawing: string) =>
  page.evaluate((markup) => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.innerHTML = markup;
    return svg.innerHTML;
  }, drawing);

describe('category icons in the browser', () => {
  it('the map\u2019s pins are discs of the category colour, at least 28 px, with the category\u2019s icon; the popup names the category beside its icon', async () => {
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}/?lang=en`);
    await page.locator('#ideas-map[data-loaded="2"]').waitFor();
    const heritage = await harness.testApp.db('categories').where({ slug: 'heritage' }).first();
    const drawings = await markerDrawings(page, '#ideas-map');
    expect(drawings).toContain(await asParsed(page, iconInnerMarkup(heritage.icon)!));
    expect(drawings).toContain(await asParsed(page, iconInnerMarkup(await iconOf('riverside-water'))!));
    const marker = page.locator('.idea-marker').filter({ has: page.locator(`circle[fill="${heritage.color}"]`) });
    const box = await marker.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(28);
    expect(box!.height).toBeGreaterThanOrEqual(28);
    expect(await accessibilityViolations(page)).toEqual([]);
    await marker.click();
    const category = page.locator('.idea-popup .idea-popup-category');
    await category.waitFor();
    await expect(category.textContent()).resolves.toBe(' Heritage');
    await expect(category.locator('svg.icon[aria-hidden="true"]').count()).resolves.toBe(1);
  });

  it('the idea page\u2019s own map and the results map draw the same pins', async () => {
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}/ideas/${ideaId}?lang=en`);
    await page.locator('#idea-map .idea-marker').waitFor();
    expect(await markerDrawings(page, '#idea-map')).toEqual([await asParsed(page, iconInnerMarkup(await iconOf('heritage'))!)]);
    await page.goto(`${harness.baseUrl}/results?lang=en`);
    await page.locator('#results-map .idea-marker').first().waitFor();
    expect(await markerDrawings(page, '#results-map')).toContain(await asParsed(page, iconInnerMarkup(await iconOf('riverside-water'))!));
  });

  it.each([['lv'], ['ru'], ['en']])('pages with icons beside names stay axe-clean in %s', async (language) => {
    const page = await context.newPage();
    for (const path of [`/?lang=${language}`, `/ideas?lang=${language}`, `/ideas/${ideaId}?lang=${language}`]) {
      await page.goto(`${harness.baseUrl}${path}`);
      expect({ path, violations: await accessibilityViolations(page) }).toEqual({ path, violations: [] });
    }
    await logInInBrowser(page, harness.baseUrl, resident, `?lang=${language}`);
    await page.goto(`${harness.baseUrl}/ideas/new?lang=${language}`);
    expect({ path: 'new', violations: await accessibilityViolations(page) }).toEqual({ path: 'new', violations: [] });
  });

  it('an admin picks a category\u2019s icon with the keyboard alone; the next anonymous map draws it', async () => {
    const page = await context.newPage();
    await logInInBrowser(page, harness.baseUrl, admin, '?lang=en');
    const id = (await harness.testApp.db('categories').where({ slug: 'heritage' }).first()).id as number;
    await page.goto(`${harness.baseUrl}/admin/categories/${id}?lang=en`);
    const picker = page.getByRole('group', { name: 'Icon' });
    await picker.getByRole('radio').first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await picker.getByRole('radio', { checked: true }).focus();
    await page.keyboard.press('ArrowRight');
    const chosen = await picker.getByRole('radio', { checked: true }).getAttribute('value');
    expect(chosen).not.toBe(await iconOf('heritage'));
    await page.getByRole('button', { name: 'Save the category' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('The category has been saved.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await iconOf('heritage')).toBe(chosen);

    const visitor = await (await harness.browser.newContext()).newPage();
    await visitor.goto(`${harness.baseUrl}/?lang=lv`);
    await visitor.locator('#ideas-map[data-loaded="2"]').waitFor();
    expect(await markerDrawings(visitor, '#ideas-map')).toContain(await asParsed(visitor, iconInnerMarkup(chosen!)!));
    await visitor.context().close();
  });
});
