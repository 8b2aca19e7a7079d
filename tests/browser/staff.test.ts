import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { check } from '@placemarkio/check-geojson';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, logInInBrowser, startBrowserHarness, type BrowserHarness } from './browser-support';
import { buildUser, type BuiltUser } from '../factories/users';
import { buildConsultation, buildIdea } from '../factories/ideas';

let harness: BrowserHarness;
let moderator: BuiltUser;
let admin: BuiltUser;
let pendingId: number;
beforeAll(async () => {
  harness = await startBrowserHarness();
  const { db } = harness.testApp;
  moderator = await buildUser(db, { role: 'moderator', displayName: 'Marta', email: 'marta@daugavpils.lv', password: 'moderē rūpīgi', preferredLocale: 'en' });
  admin = await buildUser(db, { role: 'admin', displayName: 'Andris', email: 'andris@daugavpils.lv', password: 'administrē godīgi', preferredLocale: 'en' });
  const author = await buildUser(db, { displayName: 'Oļegs', email: 'olegs@example.lv' });
  const consultationId = await buildConsultation(db, { moderationMode: 'pre' });
  pendingId = await buildIdea(db, {
    consultationId,
    authorId: author.id,
    title: 'Soliņi un ēna pie Daugavas',
    description: 'Скамейки и тень у реки, šūpoles bērniem.',
    visibility: 'pending',
  });
  await buildIdea(db, { consultationId, authorId: author.id, title: '=HYPERLINK("http://evil","x")', description: 'A trap for spreadsheets' });
});
afterAll(() => harness?.close());

async function logIn(browser: Browser, user: BuiltUser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await logInInBrowser(page, harness.baseUrl, user, '?lang=en');
  await page.getByText(`Signed in as ${user.displayName}`).waitFor();
  return page;
}

async function download(page: Page, linkName: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: linkName }).click()]);
  return fs.readFileSync((await file.path())!);
}

describe('a moderator’s day', () => {
  it('publishes a pending idea, answers it officially in Latvian and Russian, downloads the three exports; every step is in the audit log', async () => {
    const page = await logIn(harness.browser, moderator);
    await page.getByRole('link', { name: 'Staff area' }).click();
    await page.getByRole('link', { name: '1 idea waiting for approval' }).first().click();
    await page.getByRole('heading', { name: 'Soliņi un ēna pie Daugavas' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('The idea is published; its author will be told by email.').waitFor();

    await page.goto(`${harness.baseUrl}/admin/ideas/${pendingId}`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Change the status and answer officially' }).first().click();
    await page.getByLabel('New status').selectOption('under_review');
    await page.getByLabel('Latviešu').fill('Pašvaldība izskatīs šo ideju līdz maijam.');
    await page.getByLabel('Русский').fill('Самоуправление рассмотрит эту идею до мая.');
    await page.getByRole('button', { name: 'Save and notify followers' }).click();
    await page.getByText('The status has been changed').waitFor();

    const visitor = await (await harness.browser.newContext()).newPage();
    await visitor.goto(`${harness.baseUrl}/ideas/${pendingId}?lang=ru`);
    await visitor.getByText('Самоуправление рассмотрит эту идею до мая.').waitFor();
    await visitor.goto(`${harness.baseUrl}/ideas/${pendingId}?lang=lv`);
    await visitor.getByText('Pašvaldība izskatīs šo ideju līdz maijam.').waitFor();

    await page.getByRole('link', { name: 'Staff area' }).click();
    await page.getByRole('navigation', { name: 'Staff area' }).getByRole('link', { name: 'Exports' }).click();
    expect(await accessibilityViolations(page)).toEqual([]);
    const csv = await download(page, 'CSV (opens in Excel)');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.subarray(3).toString('utf8');
    expect(text).toContain('Soliņi un ēna pie Daugavas');
    expect(text).toContain('Скамейки и тень у реки, šūpoles bērniem.');
    expect(text).toContain('Pašvaldība izskatīs šo ideju līdz maijam.');
    expect(text).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(text).not.toContain('olegs@example.lv');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download(page, 'Excel workbook (ideas and comments)')) as never);
    const sheet = workbook.getWorksheet('Ideas')!;
    const titles = (sheet.getColumn(4).values as unknown[]).slice(2);
    expect(titles).toEqual(expect.arrayContaining(['Soliņi un ēna pie Daugavas', '=HYPERLINK("http://evil","x")']));
    expect(workbook.getWorksheet('Comments')).toBeDefined();

    const geojson = (await download(page, 'GeoJSON (opens in QGIS)')).toString('utf8');
    const collection = check(geojson) as { type: string; features: { id: number; properties: Record<string, unknown> }[] };
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.find((feature) => feature.id === pendingId)!.properties).toMatchObject({ title: 'Soliņi un ēna pie Daugavas', status: 'under_review' });

    const adminPage = await logIn(harness.browser, admin);
    await adminPage.goto(`${harness.baseUrl}/admin/audit?lang=en`);
    expect(await accessibilityViolations(adminPage)).toEqual([]);
    const rows = await adminPage.locator('.audit-table tbody tr').allTextContents();
    const actionsByMarta = rows.filter((row) => row.includes('Marta')).map((row) => /Idea published|Status changed|Ideas exported/.exec(row)?.[0]);
    expect(actionsByMarta).toEqual(['Ideas exported', 'Ideas exported', 'Ideas exported', 'Status changed', 'Idea published']);
  });

  it('the other staff pages have no accessibility violations', async () => {
    const page = await logIn(harness.browser, admin);
    for (const path of ['/admin', '/admin/moderation?view=ideas', '/admin/dashboard', '/admin/users', '/admin/consultations/new', '/admin/categories/new']) {
      await page.goto(`${harness.baseUrl}${path}${path.includes('?') ? '&' : '?'}lang=en`);
      expect({ path, violations: await accessibilityViolations(page) }).toEqual({ path, violations: [] });
    }
  });

  it('an admin draws a consultation’s area on the map and the GeoJSON field follows', async () => {
    const page = await logIn(harness.browser, admin);
    await page.goto(`${harness.baseUrl}/admin/consultations/new?lang=en`);
    await page.locator('#area-map.leaflet-container').waitFor();
    await page.locator('.leaflet-pm-icon-polygon').click();
    const box = (await page.locator('#area-map').boundingBox())!;
    for (const [x, y] of [[100, 80], [260, 80], [260, 220], [100, 220], [100, 80]]) await page.mouse.click(box.x + x, box.y + y);
    await page.waitForFunction(() => (document.getElementById('area') as HTMLTextAreaElement).value.includes('"type":"Polygon"'));
    const area = JSON.parse(await page.locator('#area').inputValue());
    expect(area.coordinates[0]).toHaveLength(5);
  });
});
