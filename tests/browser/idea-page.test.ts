import { accessibilityViolations, startBrowserHarness, type BrowserHarness } from './browser-support';
import { buildUser } from '../factories/users';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { buildPhoto } from '../factories/photos';

let harness: BrowserHarness;
let ideaId: number;

beforeAll(async () => {
  harness = await startBrowserHarness({ PHOTO_STORE: 'disk' });
  const { db, config } = harness.testApp;
  const author = await buildUser(db, {});
  const consultationId = await buildConsultation(db);
  ideaId = await buildIdea(db, { consultationId, authorId: author.id, title: `Soliņi "pie upes" & <kafejnīca> #2?`, supportCount: 2, commentCount: 1 });
  for (let photo = 0; photo < 3; photo++) await buildPhoto(db, config.uploadDir, ideaId);
});
afterAll(() => harness?.close());

async function ideaPage(lang: string, options: { javaScript?: boolean; clipboard?: boolean } = {}) {
  const context = await harness.browser.newContext({ javaScriptEnabled: options.javaScript ?? true });
  if (options.clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.baseUrl });
  const page = await context.newPage();
  await page.goto(`${harness.baseUrl}/ideas/${ideaId}?lang=${lang}`);
  return { page, close: () => context.close() };
}

describe('the idea page in the browser', () => {
  it('opens the gallery from the keyboard, moves through the photos and gives the focus back on Escape', async () => {
    const { page, close } = await ideaPage('en');
    try {
      const second = page.locator('[data-gallery-item]').nth(1);
      await second.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Close');
      await expect(dialog.locator('figcaption').textContent()).resolves.toMatch(/^Photo 2 of 3: Photo 2 of the idea/);
      expect(await dialog.locator('img').getAttribute('alt')).toMatch(/^Photo 2 of the idea “Soliņi "pie upes" & <kafejnīca> #2\?”$/);
      await page.keyboard.press('ArrowRight');
      await expect(dialog.locator('figcaption').textContent()).resolves.toMatch(/^Photo 3 of 3/);
      await page.keyboard.press('ArrowRight');
      await expect(dialog.locator('figcaption').textContent()).resolves.toMatch(/^Photo 1 of 3/);
      await dialog.getByRole('button', { name: 'Previous photo' }).click();
      await expect(dialog.locator('figcaption').textContent()).resolves.toMatch(/^Photo 3 of 3/);
      const loaded = await dialog.locator('img').evaluate((image: HTMLImageElement) => image.decode().then(() => image.naturalWidth, () => 0));
      expect(loaded).toBe(800);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-position'))).toBe('Photo 2 of 3');
    } finally {
      await close();
    }
  });

  it('copies the idea’s address and says so', async () => {
    const { page, close } = await ideaPage('lv', { clipboard: true });
    try {
      const button = page.getByRole('button', { name: 'Kopēt saiti' });
      await button.click();
      await page.getByRole('status').filter({ hasText: 'Saite nokopēta.' }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await button.getAttribute('data-copy-link'));
    } finally {
      await close();
    }
  });

  it('without JavaScript, the thumbnails are links to the full photos and no copy button shows', async () => {
    const { page, close } = await ideaPage('en', { javaScript: false });
    try {
      await expect(page.getByRole('button', { name: 'Copy link' }).count()).resolves.toBe(0);
      await expect(page.getByRole('link', { name: 'WhatsApp' }).isVisible()).resolves.toBe(true);
      await page.locator('[data-gallery-item]').first().click();
      await page.waitForURL(/\/uploads\/[\w-]+\.webp$/);
    } finally {
      await close();
    }
  });

  it.each(['lv', 'ru', 'en'])('has no accessibility violations in %s', async (lang) => {
    const { page, close } = await ideaPage(lang);
    try {
      expect(await accessibilityViolations(page)).toEqual([]);
    } finally {
      await close();
    }
  });

  it('prints without navigation, buttons, share block and map, with the coordinates as text', async () => {
    const { page, close } = await ideaPage('en');
    try {
      await page.emulateMedia({ media: 'print' });
      const shown = (selector: string) => page.locator(selector).first().evaluate((element) => element.checkVisibility());
      for (const selector of ['.site-header', '.site-footer', '.share', '#idea-map', '.support-login', '.comments a[href^="/login"]', '.photo-grid ~ dialog']) {
        if ((await page.locator(selector).count()) > 0) expect([selector, await shown(selector)]).toEqual([selector, false]);
      }
      for (const selector of ['h1', '.idea-facts', '.photo-grid img', '.print-only']) expect([selector, await shown(selector)]).toEqual([selector, true]);
      await expect(page.getByText('Coordinates: 55.87470, 26.53620').isVisible()).resolves.toBe(true);
      const photoWidth = await page.locator('.photo-grid img').first().evaluate((image) => image.getBoundingClientRect().width);
      expect(photoWidth).toBeLessThanOrEqual(230); // 6 cm at 96 px per inch
      const colours = await page.locator('h1').evaluate((element) => [getComputedStyle(element).color, getComputedStyle(document.body).backgroundColor]);
      expect(colours).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await close();
    }
  });

  it('prints the list without chrome and filters, each idea with its address', async () => {
    const context = await harness.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${harness.baseUrl}/ideas?lang=ru`);
      await page.emulateMedia({ media: 'print' });
      for (const selector of ['.site-header', 'main form', '.site-footer']) expect([selector, await page.locator(selector).first().evaluate((element) => element.checkVisibility())]).toEqual([selector, false]);
      const title = page.locator(`main a[href="/ideas/${ideaId}"]`).first();
      expect(await title.evaluate((link) => getComputedStyle(link, '::after').content)).toBe(`" (/ideas/${ideaId})"`);
      expect((await page.pdf({ format: 'A4' })).length).toBeGreaterThan(1000);
    } finally {
      await context.close();
    }
  });
});
