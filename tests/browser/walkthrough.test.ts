/**
 * Issue 15's "Done when", walked through in the browser: from two staff assessments of an idea
 * to the built place on /results, in the feed and the export, and the About page's funding
 * statement in each language.
 */
import type { Page } from 'playwright-core';
import { accessibilityViolations, assessInBrowser, logInInBrowser, separatePages, startBrowserHarness, type BrowserHarness } from './browser-support';
import { deliverFollowerEmails, outboxMails } from '../helpers/outbox';
import { buildUser, type BuiltUser } from '../factories/users';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { buildPhoto } from '../factories/photos';
import { jpegWithGps } from '../factories/images';

const title = 'Skvērs pie Daugavas';
let harness: BrowserHarness;
let planner: BuiltUser;
let moderator: BuiltUser;
let follower: BuiltUser;
let ideaId: number;
const pages = separatePages(() => harness.browser);
beforeAll(async () => {
  // The idea's own photo is put on disk by the factory, so the app reads photos from disk too.
  harness = await startBrowserHarness({ PHOTO_STORE: 'disk' });
  const { db, config } = harness.testApp;
  planner = await buildUser(db, { role: 'planner', displayName: 'Pēteris', preferredLocale: 'en' });
  moderator = await buildUser(db, { role: 'moderator', displayName: 'Mara', preferredLocale: 'en' });
  follower = await buildUser(db, { displayName: 'Olga', email: 'olga.walk@example.lv', preferredLocale: 'ru' });
  const author = await buildUser(db, { displayName: 'Jānis' });
  const consultationId = await buildConsultation(db);
  ideaId = await buildIdea(db, { consultationId, authorId: author.id, title, description: 'Soli un koki pie upes.', status: 'under_review', createdAt: new Date('2026-01-15T10:00:00Z') });
  await buildPhoto(db, config.uploadDir, ideaId);
});
afterAll(async () => {
  await pages.close();
  await harness?.close();
});

const newPage = () => pages.newPage();

async function loggedIn(user: BuiltUser, lang: string): Promise<Page> {
  const page = await newPage();
  await logInInBrowser(page, harness.baseUrl, user, `?lang=${lang}`);
  return page;
}

async function changeStatus(page: Page, status: string) {
  await page.goto(`${harness.baseUrl}/admin/ideas/${ideaId}/status?lang=en`);
  await page.getByLabel('New status').selectOption(status);
  await page.getByRole('button', { name: 'Save and notify followers' }).click();
  await page.getByText('The status has been changed').waitFor();
}

async function addMilestone(page: Page, milestone: { kind: string; on: string; progress?: string; text: string; photo?: Buffer }) {
  await page.goto(`${harness.baseUrl}/admin/ideas/${ideaId}/milestones?lang=en`);
  await page.getByLabel('Step', { exact: true }).selectOption(milestone.kind);
  await page.getByLabel('Date', { exact: true }).fill(milestone.on);
  if (milestone.progress) await page.getByLabel('Progress in percent (optional)').fill(milestone.progress);
  await page.getByRole('group', { name: 'What happened' }).getByLabel('English').fill(milestone.text);
  if (milestone.photo) await page.getByLabel('Photos (optional)').setInputFiles({ name: 'site.jpg', mimeType: 'image/jpeg', buffer: milestone.photo });
  await page.getByRole('button', { name: 'Add the milestone' }).click();
  await page.getByText('The milestone was added.').waitFor();
}

async function markPhoto(page: Page, index: number, mark: 'before' | 'after') {
  await page.goto(`${harness.baseUrl}/admin/ideas/${ideaId}/milestones?lang=en`);
  await page.locator(`#photo-${index}`).check();
  await page.getByLabel('Mark as').selectOption(mark);
  await page.getByRole('button', { name: 'Mark the photo' }).click();
  await page.getByText('The photo was marked.').waitFor();
}

describe('issue 15 walked through: from assessment to the built place', () => {
  it('two staff assess and one publishes; the idea is followed, accepted, gets three milestones and is implemented; it shows on the idea page, /results, the feed and the export; axe finds nothing', async () => {
    // A resident follows the idea, in Russian.
    const resident = await loggedIn(follower, 'ru');
    await resident.goto(`${harness.baseUrl}/ideas/${ideaId}?lang=ru`);
    await resident.getByRole('button', { name: 'Следить за идеей' }).click();
    await resident.getByText('Теперь вы следите за этой идеей.').waitFor();

    // A planner and a moderator assess; the moderator publishes; visitors see the chart and its table.
    const plannerPage = await loggedIn(planner, 'en');
    await assessInBrowser(plannerPage, harness.baseUrl, ideaId, [3, 2, 1, 0, 2, 3]);
    const moderatorPage = await loggedIn(moderator, 'en');
    await assessInBrowser(moderatorPage, harness.baseUrl, ideaId, [1, 2, 3, 0, 1, 2]);
    await moderatorPage.getByText('2 assessments wait to be published.').waitFor();
    await moderatorPage.getByRole('button', { name: 'Publish the assessments made so far' }).click();
    await moderatorPage.getByText('The assessments are published').waitFor();

    const visitor = await newPage();
    await visitor.goto(`${harness.baseUrl}/ideas/${ideaId}?lang=en`);
    await visitor.locator('svg.neb-chart[role=img]').waitFor();
    const levels = await visitor.locator('table.neb-table tbody tr td').allTextContents();
    expect(levels).toEqual(['1 · Level I', '2 · Level II', '1 · Level I', '0 · Not addressed', '1 · Level I', '2 · Level II']);
    await visitor.getByText('Assessed by 2 staff members').waitFor();
    expect(await accessibilityViolations(visitor)).toEqual([]);

    // Accepted, two milestones; in progress, the third with a photo; the idea's photo before, the milestone's after; implemented.
    await changeStatus(moderatorPage, 'accepted');
    await addMilestone(plannerPage, { kind: 'planned', on: '2026-02-01', text: 'The square is planned with the neighbours.' });
    await addMilestone(plannerPage, { kind: 'works_started', on: '2026-04-15', progress: '50', text: 'Benches and trees are going in.' });
    await changeStatus(moderatorPage, 'in_progress');
    await addMilestone(moderatorPage, { kind: 'opened', on: '2026-06-01', progress: '100', text: 'The square opened.', photo: await jpegWithGps(1200, 900) });
    expect(await accessibilityViolations(moderatorPage)).toEqual([]);
    await markPhoto(moderatorPage, 0, 'before');
    await markPhoto(moderatorPage, 1, 'after');
    expect(await accessibilityViolations(moderatorPage)).toEqual([]);
    await changeStatus(moderatorPage, 'implemented');

    // The follower got an email in Russian for each milestone.
    await deliverFollowerEmails(harness.testApp);
    const toFollower = outboxMails(harness.testApp).filter((mail) => mail.to.includes(follower.email));
    for (const step of ['Запланировано', 'Работы начаты', 'Открыто']) {
      expect(toFollower.filter((mail) => mail.text.includes(`Subject: «${title}»: ${step}`))).toHaveLength(1);
    }
    expect(toFollower.find((mail) => mail.text.includes('Открыто'))!.text).toContain('Готово на 100%');

    // The idea page shows the timeline and the pair; /results, the feed and the staff export carry it.
    await visitor.goto(`${harness.baseUrl}/ideas/${ideaId}?lang=en`);
    await visitor.getByText('The square opened.').waitFor();
    await visitor.getByRole('heading', { name: 'Before and after' }).waitFor();
    expect(await visitor.getByRole('img', { name: `${title}: the place before` }).count()).toBe(1);
    expect(await visitor.getByRole('img', { name: `${title}: the place after` }).count()).toBe(1);
    expect(await accessibilityViolations(visitor)).toEqual([]);

    await visitor.goto(`${harness.baseUrl}/results?lang=en`);
    await visitor.getByRole('link', { name: title }).waitFor();
    expect(await visitor.getByRole('img', { name: `${title}: the place after` }).count()).toBe(1);
    expect(await accessibilityViolations(visitor)).toEqual([]);

    const feed = await visitor.request.get(`${harness.baseUrl}/results.atom?lang=en`);
    expect(feed.status()).toBe(200);
    const entry = (await feed.text()).split('<entry>').find((candidate) => candidate.includes(`/ideas/${ideaId}<`))!;
    expect(entry).toContain(`>${title}</title>`);
    expect(entry).toContain('<summary>Implemented · 100% done</summary>');

    const csv = await (await moderatorPage.request.get(`${harness.baseUrl}/admin/exports/ideas.csv?lang=en`)).text();
    const row = csv.split('\n').find((line) => line.includes(`/ideas/${ideaId},`));
    expect(row).toContain(`,${title},`);
    expect(row).toMatch(/,implemented,.*,3,opened,,2026-06-01,100,\d{4}-\d{2}-\d{2}$/);
  });

  it.each([
    ['lv', 'Eiropas Savienības karogs', 'Līdzfinansē Eiropas Savienība'],
    ['ru', 'Флаг Европейского союза', 'Софинансируется Европейским союзом'],
    ['en', 'Flag of the European Union', 'Co-funded by the European Union'],
  ])('the About page in %s shows the EU emblem and the funding statement; axe finds nothing', async (lang, emblem, coFunded) => {
    const page = await newPage();
    await page.goto(`${harness.baseUrl}/about?lang=${lang}`);
    await expect(page.getByRole('img', { name: emblem, exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByText(coFunded, { exact: true }).isVisible()).resolves.toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
