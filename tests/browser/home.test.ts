import type { BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations, startBrowserHarness, type BrowserHarness } from './browser-support';
import { buildUser } from '../factories/users';
import { buildConsultation, buildIdea } from '../factories/ideas';

let harness: BrowserHarness;
let context: BrowserContext;
beforeAll(async () => {
  harness = await startBrowserHarness();
  const { db } = harness.testApp;
  const author = await buildUser(db);
  const consultationId = await buildConsultation(db);
  for (let index = 0; index < 3; index += 1) {
    await buildIdea(db, { consultationId, authorId: author.id, title: `Fortress lights ${index}`, category: 'heritage', latitude: 55.889 + index / 1000, longitude: 26.489 });
  }
  await buildIdea(db, { consultationId, authorId: author.id, title: 'Benches <b>by the river</b>', category: 'green-space', latitude: 55.8668, longitude: 26.5301 });
});
afterAll(() => harness?.close());
afterEach(() => context?.close());

async function openHome(size: { width: number; height: number }, query = '?lang=en'): Promise<Page> {
  context = await harness.browser.newContext({ viewport: size });
  const page = await context.newPage();
  await page.goto(`${harness.baseUrl}/${query}`);
  await page.locator('#ideas-map[data-loaded]').waitFor();
  return page;
}

const boxOf = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;
const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('the home page on a phone (390 × 844)', () => {
  it.each(['lv', 'ru', 'en'])('fills the first screen with the map, the Propose link floating on it, axe-clean in %s', async (language) => {
    const page = await openHome({ width: 390, height: 844 }, `?lang=${language}`);
    const map = await boxOf(page, '#ideas-map');
    expect(map.y).toBeLessThan(844 / 2);
    expect(Math.min(map.y + map.height, 844) - map.y).toBeGreaterThan(844 * 0.55);
    const propose = await boxOf(page, '.home-propose');
    expect(propose.height).toBeGreaterThanOrEqual(44);
    expect(propose.y + propose.height).toBeLessThanOrEqual(844);
    expect(await page.locator('.home-propose').isVisible()).toBe(true);
    expect(await page.locator('.home-list-switch').isVisible()).toBe(true);
    for (const control of ['.leaflet-control-zoom', '.leaflet-control-attribution']) {
      const controlBox = await boxOf(page, control);
      expect(overlaps(propose, controlBox)).toBe(false);
      expect(overlaps(await boxOf(page, '.home-list-switch'), controlBox)).toBe(false);
    }
    // The consultation's text is one tap away, not above the map.
    expect(await page.locator('.home-about-text').isVisible()).toBe(false);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.locator('.home-about > summary').click();
    await expect(page.locator('.home-about-text').isVisible()).resolves.toBe(true);
    await page.locator('.filters-fold > summary').click();
    await expect(page.locator('#filter-category-all').isVisible()).resolves.toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('is reached with the keyboard alone: Tab comes to Propose, List and Filters', async () => {
    const page = await openHome({ width: 390, height: 844 }, '?lang=en&category=heritage');
    const reached = new Set<string>();
    for (let step = 0; step < 40 && reached.size < 3; step += 1) {
      await page.keyboard.press('Tab');
      const name = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent?.trim() ?? '');
      if (['Propose an idea', 'List', 'Filters (1)'].includes(name)) reached.add(name);
    }
    expect([...reached].sort()).toEqual(['Filters (1)', 'List', 'Propose an idea']);
    await page.locator('.filters-fold > summary').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('#filter-category-heritage').isChecked()).resolves.toBe(true);
    await page.locator('.home-list-switch').focus();
    await Promise.all([page.waitForURL(/\/ideas\?category=heritage/), page.keyboard.press('Enter')]);
  });

  it('paints its own picture of the map before Leaflet, allowed by the CSP, and drops it when the map first moves', async () => {
    context = await harness.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const refusedByPolicy: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refusedByPolicy.push(message.text());
    });
    await page.goto(`${harness.baseUrl}/?lang=en`);
    await page.locator('#ideas-map[data-loaded]').waitFor();
    const poster = page.locator('#ideas-map > .map-poster');
    await expect(poster.evaluate((element) => getComputedStyle(element).backgroundImage)).resolves.toMatch(/^url\("https:\/\/tile\.openstreetmap\.org\/13\/\d+\/\d+\.png"\)/);
    // Under Leaflet's panes: the pins stay the map's to click.
    await expect(poster.evaluate((element) => getComputedStyle(element).pointerEvents)).resolves.toBe('none');
    await page.evaluate(() => (window as unknown as { Kopa: { ideasMap: { panBy(offset: number[]): void } } }).Kopa.ideasMap.panBy([120, 0]));
    await poster.waitFor({ state: 'detached' });
    expect(refusedByPolicy).toEqual([]);
  });

  it('without JavaScript still offers the list and says why the map is missing', async () => {
    context = await harness.browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}/?lang=en`);
    await expect(page.locator('.home-noscript').isVisible()).resolves.toBe(true);
    // The city's picture is the page's own: it shows without the map's script.
    await expect(page.locator('.map-poster').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'List', exact: true }).getAttribute('href')).resolves.toBe('/ideas');
    await expect(page.locator('.home-propose').isVisible()).resolves.toBe(true);
  });
});

describe('the home page on a desktop (1280 × 800)', () => {
  it('shows the cards beside the map, following the map as it moves, with the filters folded above', async () => {
    const page = await openHome({ width: 1280, height: 800 });
    const map = await boxOf(page, '#ideas-map');
    const cards = await boxOf(page, '.home-cards');
    expect(cards.x).toBeGreaterThanOrEqual(map.x + map.width);
    expect(cards.y).toBeLessThan(map.y + map.height);
    // Folded, so the map and the cards fill the first screen: one click opens them.
    expect(map.y + map.height).toBeLessThanOrEqual(800);
    expect(await page.locator('#filter-category-all').isVisible()).toBe(false);
    await page.locator('.filters-fold > summary').click();
    expect(await page.locator('#filter-category-all').isVisible()).toBe(true);
    await page.locator('.filters-fold > summary').click();
    const titles = () => page.locator('#area-cards .idea-card-title').allTextContents();
    expect(await titles()).toHaveLength(4);

    await page.evaluate(() => (window as unknown as { Kopa: { ideasMap: { setView(center: number[], zoom: number): void } } }).Kopa.ideasMap.setView([55.8668, 26.5301], 17));
    await page.locator('#area-cards[data-bbox]').waitFor();
    await expect(titles()).resolves.toEqual(['Benches <b>by the river</b>']);
    await expect(page.locator('#cards-status').textContent()).resolves.toBe('1 idea in this area.');

    await page.evaluate(() => (window as unknown as { Kopa: { ideasMap: { setView(center: number[], zoom: number): void } } }).Kopa.ideasMap.setView([55.89, 26.489], 16));
    await page.waitForFunction(() => document.querySelector('#cards-status')?.textContent === '3 ideas in this area.');
    expect((await titles()).every((title) => title.startsWith('Fortress lights'))).toBe(true);
    await expect(page.getByRole('link', { name: 'Open these ideas as a list' }).getAttribute('href')).resolves.toMatch(/^\/ideas\?bbox=/);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it.each(['lv', 'ru'])('is axe-clean in %s', async (language) => {
    const page = await openHome({ width: 1280, height: 800 }, `?lang=${language}`);
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});

describe('the folded filters of the list page', () => {
  it('are one Filters (n) control on a phone and open fields on a desktop, axe-clean', async () => {
    context = await harness.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}/ideas?lang=ru&q=lights&status=new`);
    const summary = page.locator('.filters-fold > summary');
    await expect(summary.textContent()).resolves.toBe('Фильтры (2)');
    expect(await page.locator('#filter-q').isVisible()).toBe(false);
    await summary.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('#filter-q').inputValue()).resolves.toBe('lights');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.reload();
    expect(await page.locator('#filter-q').isVisible()).toBe(true);
    expect(await summary.isVisible()).toBe(false);
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
