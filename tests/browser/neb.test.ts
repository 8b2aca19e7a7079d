import type { Page } from 'playwright-core';
import { accessibilityViolations, assessInBrowser, logInInBrowser, separatePages, startBrowserHarness, type BrowserHarness } from './browser-support';
import { buildUser, type BuiltUser } from '../factories/users';
import { buildConsultation, buildIdea } from '../factories/ideas';

let harness: BrowserHarness;
let planner: BuiltUser;
let moderator: BuiltUser;
let ideaId: number;
let consultationId: number;
const pages = separatePages(() => harness.browser);
beforeAll(async () => {
  harness = await startBrowserHarness();
  const { db } = harness.testApp;
  planner = await buildUser(db, { role: 'planner', displayName: 'Pēteris', preferredLocale: 'en' });
  moderator = await buildUser(db, { role: 'moderator', displayName: 'Mara', preferredLocale: 'en' });
  const author = await buildUser(db, {});
  consultationId = await buildConsultation(db);
  ideaId = await buildIdea(db, { consultationId, authorId: author.id, title: 'Shade trees on the riverside' });
});
afterAll(async () => {
  await pages.close();
  await harness?.close();
});

const newPage = () => pages.newPage();

const assess = (page: Page, levels: number[]) => assessInBrowser(page, harness.baseUrl, ideaId, levels);

describe('a NEB assessment from two staff to the public idea page', () => {
  it('a planner and a moderator assess, the moderator publishes, and the idea page shows the chart and its table; axe finds nothing', async () => {
    const plannerPage = await newPage();
    await logInInBrowser(plannerPage, harness.baseUrl, planner, '?lang=en');
    await assess(plannerPage, [3, 2, 1, 0, 2, 3]);
    expect(await accessibilityViolations(plannerPage)).toEqual([]);
    // Each level's radio button is described by what that level means for its element.
    const description = await plannerPage.locator('#sustainableLevel-2').evaluate((radio) => document.getElementById(radio.getAttribute('aria-describedby')!)?.textContent);
    expect(description).toContain('rainwater kept on site');

    // The planner reads the staff idea page, without its actions.
    await plannerPage.getByRole('link', { name: 'Read the idea on its staff page' }).click();
    await plannerPage.getByRole('heading', { level: 1, name: /^Idea: Shade trees on the riverside/ }).waitFor();
    expect(await plannerPage.locator('form[method="post"][action^="/admin/"]').count()).toBe(0);
    expect(await accessibilityViolations(plannerPage)).toEqual([]);

    const moderatorPage = await newPage();
    await logInInBrowser(moderatorPage, harness.baseUrl, moderator, '?lang=en');
    await assess(moderatorPage, [1, 2, 3, 0, 1, 2]);
    await moderatorPage.getByText('2 assessments wait to be published.').waitFor();
    await moderatorPage.getByRole('button', { name: 'Publish the assessments made so far' }).click();
    await moderatorPage.getByText('The assessments are published').waitFor();

    const visitor = await newPage();
    await visitor.goto(`${harness.baseUrl}/ideas/${ideaId}?lang=en`);
    const chart = visitor.locator('svg.neb-chart');
    await chart.waitFor();
    expect(await chart.getAttribute('role')).toBe('img');
    const rows = await visitor.locator('table.neb-table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')!.textContent, tr.querySelector('td')!.textContent]));
    expect(rows).toEqual([
      ['Beautiful', '1 · Level I'],
      ['Sustainable', '2 · Level II'],
      ['Together', '1 · Level I'],
      ['Participatory process', '0 · Not addressed'],
      ['Multi-level engagement', '1 · Level I'],
      ['Transdisciplinary approach', '2 · Level II'],
    ]);
    await visitor.getByText('Assessed by 2 staff members').waitFor();
    expect(await accessibilityViolations(visitor)).toEqual([]);

    await visitor.goto(`${harness.baseUrl}/consultations/${consultationId}?lang=en`);
    await visitor.getByText('1 idea assessed').waitFor();
    expect(await accessibilityViolations(visitor)).toEqual([]);

    await visitor.goto(`${harness.baseUrl}/ideas?lang=en&nebElement=sustainable&nebLevel=2&sort=assessed`);
    await visitor.getByRole('link', { name: 'Shade trees on the riverside' }).waitFor();
    expect(await accessibilityViolations(visitor)).toEqual([]);

    await plannerPage.goto(`${harness.baseUrl}/admin/assessments?lang=en&element=sustainable&level=2&sort=level`);
    await plannerPage.getByRole('link', { name: 'Shade trees on the riverside' }).waitFor();
    expect(await accessibilityViolations(plannerPage)).toEqual([]);

    await moderatorPage.goto(`${harness.baseUrl}/admin/dashboard?lang=en`);
    await moderatorPage.getByText('1 idea assessed').waitFor();
    expect(await accessibilityViolations(moderatorPage)).toEqual([]);
  });
});
