import type { Page } from 'playwright-core';
import { accessibilityViolations, startBrowserHarness, type BrowserHarness } from './browser-support';
import { buildUser } from '../factories/users';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { buildPhoto } from '../factories/photos';
import { configuredPhotoStorage } from '../../server/uploads/photo-storage';

let harness: BrowserHarness;
let photographed: number;
beforeAll(async () => {
  harness = await startBrowserHarness();
  const { db } = harness.testApp;
  const author = await buildUser(db, { displayName: 'Jana' });
  const consultationId = await buildConsultation(db);
  photographed = await buildIdea(db, { consultationId, authorId: author.id, title: 'Fortress <b>lights</b>', category: 'heritage', nebValues: ['beautiful', 'together'], supportCount: 3 });
  await buildPhoto(db, configuredPhotoStorage(harness.testApp.config, db), photographed);
  // A long unbroken title must wrap, not widen the page.
  await buildIdea(db, { consultationId, authorId: author.id, title: `Skate park ${'x'.repeat(80)}`, category: 'green-space', commentCount: 1 });
  for (let index = 0; index < 4; index += 1) await buildIdea(db, { consultationId, authorId: author.id, title: `Idea ${index}`, nebValues: ['sustainable'] });
  await harness.testApp.changes.settled();
});
afterAll(() => harness?.close());

/** The left edges of the cards, one per column. */
const columnsOf = (page: Page) =>
  page.locator('.idea-card').evaluateAll((cards) => [...new Set(cards.map((card) => Math.round(card.getBoundingClientRect().left)))].length);

describe('idea cards in the browser', () => {
  it.each(['lv', 'ru', 'en'])('the list shows cards, axe-clean in %s', async (language) => {
    const context = await harness.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}/ideas?lang=${language}`);
    await expect(page.locator('.idea-card').count()).resolves.toBe(6);
    await expect(columnsOf(page)).resolves.toBe(3);
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('on a 390 × 844 phone: one column, no horizontal scroll, the photo loads in its reserved box', async () => {
    const context = await harness.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}/ideas?lang=en`);
    await expect(columnsOf(page)).resolves.toBe(1);
    await expect(page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).resolves.toBe(true);
    const image = page.locator('.idea-card img');
    const before = await image.boundingBox();
    await image.scrollIntoViewIfNeeded();
    await expect(image.evaluate((element: HTMLImageElement) => element.decode().then(() => element.naturalWidth))).resolves.toBeGreaterThan(0);
    const after = await image.boundingBox();
    expect(after?.height).toBeCloseTo(before?.height ?? 0, 0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('the whole card opens the idea, with its one link', async () => {
    const context = await harness.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}/ideas?lang=en`);
    const card = page.locator('.idea-card').filter({ hasText: 'Fortress <b>lights</b>' });
    await expect(card.getByRole('link').count()).resolves.toBe(1);
    await expect(card.locator('.idea-card-count').first().textContent()).resolves.toContain('3 supports');
    // The title's link lies over the card: a click on the values (covered) lands on it.
    await card.locator('.idea-card-values').click({ force: true });
    await page.waitForURL(new RegExp(`/ideas/${photographed}`));
    await context.close();
  });
});
