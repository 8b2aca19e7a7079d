import type { Page } from 'playwright-core';
import { accessibilityViolations, logInInBrowser, startBrowserHarness, type BrowserHarness } from './browser-support';
import { buildUser, type BuiltUser } from '../factories/users';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { jpegWithGps } from '../factories/images';

let harness: BrowserHarness;
let moderator: BuiltUser;
let ideaId: number;
beforeAll(async () => {
  harness = await startBrowserHarness();
  const { db } = harness.testApp;
  moderator = await buildUser(db, { role: 'moderator', displayName: 'Marta', email: 'marta.results@daugavpils.lv', password: 'moderē rūpīgi', preferredLocale: 'en' });
  const author = await buildUser(db, { displayName: 'Oļegs', email: 'olegs.results@example.lv' });
  const consultationId = await buildConsultation(db);
  ideaId = await buildIdea(db, {
    consultationId,
    authorId: author.id,
    title: 'Rotaļu laukums pie skolas',
    description: 'Šūpoles un smilšu kaste.',
    status: 'in_progress',
    createdAt: new Date('2026-01-15T10:00:00Z'),
  });
});
afterAll(() => harness?.close());

async function logIn(user: BuiltUser): Promise<Page> {
  const page = await (await harness.browser.newContext()).newPage();
  await logInInBrowser(page, harness.baseUrl, user, '?lang=en');
  await page.getByText(`Signed in as ${user.displayName}`).waitFor();
  return page;
}

describe('from idea to built place', () => {
  it('a moderator adds a milestone with a photo, marks it "after", the idea is implemented; its page and /results show it; axe finds nothing', async () => {
    const page = await logIn(moderator);
    await page.goto(`${harness.baseUrl}/admin/ideas/${ideaId}`);
    await page.getByRole('link', { name: 'Milestones' }).first().click();
    await page.getByRole('heading', { name: 'Milestones', level: 1 }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Step', { exact: true }).selectOption('opened');
    await page.getByLabel('Date', { exact: true }).fill('2026-06-01');
    await page.getByLabel('Progress in percent (optional)').fill('100');
    await page.getByRole('group', { name: 'What happened' }).getByLabel('English').fill('The playground opened to children.');
    await page.getByLabel('Photos (optional)').setInputFiles({ name: 'opened.jpg', mimeType: 'image/jpeg', buffer: await jpegWithGps(1200, 900) });
    await page.getByRole('button', { name: 'Add the milestone' }).click();
    await page.getByText('The milestone was added.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Mark as').selectOption('after');
    await page.getByRole('button', { name: 'Mark the photo' }).click();
    await page.getByText('The photo was marked.').waitFor();

    const visitor = await (await harness.browser.newContext()).newPage();
    await visitor.goto(`${harness.baseUrl}/ideas/${ideaId}?lang=en`);
    await visitor.getByRole('heading', { name: 'From idea to place' }).waitFor();
    await visitor.getByText('The playground opened to children.').waitFor();
    expect(await visitor.getByRole('img', { name: /Photo 1 of the step on/ }).count()).toBe(1);
    expect(await accessibilityViolations(visitor)).toEqual([]);

    await page.goto(`${harness.baseUrl}/admin/ideas/${ideaId}/status?lang=en`);
    await page.getByLabel('New status').selectOption('implemented');
    await page.getByRole('button', { name: 'Save and notify followers' }).click();
    await page.getByText('The status has been changed').waitFor();

    await visitor.goto(`${harness.baseUrl}/results?lang=en`);
    await visitor.getByRole('heading', { name: 'What was built', level: 1 }).waitFor();
    await visitor.getByRole('link', { name: 'Rotaļu laukums pie skolas' }).waitFor();
    expect(await visitor.getByRole('img', { name: 'Rotaļu laukums pie skolas: the place after' }).count()).toBe(1);
    await visitor.locator('#results-map .idea-marker').first().waitFor();
    expect(await accessibilityViolations(visitor)).toEqual([]);
    await visitor.goto(`${harness.baseUrl}/results?lang=lv`);
    expect(await accessibilityViolations(visitor)).toEqual([]);
  });
});
