import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations, logInInBrowser, startBrowserHarness, type BrowserHarness } from './browser-support';
import { buildUser, type BuiltUser } from '../factories/users';
import { buildConsultation, buildIdea } from '../factories/ideas';

let harness: BrowserHarness;
let ideaId: number;
let commenter: BuiltUser;
let replier: BuiltUser;
beforeAll(async () => {
  harness = await startBrowserHarness();
  const { db } = harness.testApp;
  const author = await buildUser(db, { displayName: 'Author' });
  commenter = await buildUser(db, { displayName: 'Ilze', email: 'ilze@example.lv', password: 'pilsēta pie upes', preferredLocale: 'lv' });
  replier = await buildUser(db, { displayName: 'Sergejs', email: 'sergejs@example.lv', password: 'город у реки', preferredLocale: 'ru' });
  const consultationId = await buildConsultation(db);
  ideaId = await buildIdea(db, { consultationId, authorId: author.id, title: 'Skate park at Ķīmija' });
});
afterAll(() => harness?.close());

async function loggedInPage(browser: Browser, user: BuiltUser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logInInBrowser(page, harness.baseUrl, user);
  await page.waitForURL(`${harness.baseUrl}/`);
  return { context, page };
}

describe('a conversation about an idea', () => {
  it('one resident comments, another replies and supports; the counts agree on the idea page, the list and the map', async () => {
    const first = await loggedInPage(harness.browser, commenter);
    await first.page.goto(`${harness.baseUrl}/ideas/${ideaId}`);
    await first.page.getByLabel('Jūsu komentārs').fill('Lieliska ideja <b>jauniešiem</b>!');
    await first.page.getByRole('button', { name: 'Sūtīt komentāru' }).click();
    await first.page.getByText('Lieliska ideja <b>jauniešiem</b>!').waitFor();
    expect(await accessibilityViolations(first.page)).toEqual([]);

    const second = await loggedInPage(harness.browser, replier);
    await second.page.goto(`${harness.baseUrl}/ideas/${ideaId}`);
    await second.page.getByText('Ответить').click();
    await second.page.getByLabel('Ваш ответ').fill('Согласен, и нужна подсветка.');
    await second.page.getByRole('button', { name: 'Отправить ответ' }).click();
    await second.page.getByText('Согласен, и нужна подсветка.').waitFor();
    await second.page.getByRole('button', { name: 'Поддержать эту идею' }).click();
    await second.page.getByRole('button', { name: 'Отозвать мою поддержку' }).waitFor();
    expect(await accessibilityViolations(second.page)).toEqual([]);

    const visitor = await harness.browser.newContext();
    const page = await visitor.newPage();
    await page.goto(`${harness.baseUrl}/ideas/${ideaId}?lang=en`);
    await expect(page.locator('#comments-heading').textContent()).resolves.toBe('2 comments');
    await expect(page.locator('[data-support-count]').textContent()).resolves.toBe('1 support');
    await page.goto(`${harness.baseUrl}/ideas?lang=en`);
    const card = page.locator('.idea-card').filter({ hasText: 'Skate park' });
    await expect(card.locator('.idea-card-count').allTextContents()).resolves.toEqual([expect.stringContaining('1 support'), expect.stringContaining('2 comments')]);
    await page.goto(`${harness.baseUrl}/?lang=en`);
    await page.locator('#ideas-map[data-loaded="1"]').waitFor();
    await page.locator('.idea-marker').first().click();
    await expect(page.locator('.idea-popup-counts').textContent()).resolves.toBe('Supports: 1 · Comments: 2');
    await Promise.all([first.context.close(), second.context.close(), visitor.close()]);
  });
});
