import type { BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations, logInInBrowser, startBrowserHarness, type BrowserHarness } from './browser-support';
import { buildUser, type BuiltUser } from '../factories/users';
import { buildConsultation } from '../factories/ideas';
import { buildWorkshop } from '../factories/workshops';

let harness: BrowserHarness;
let facilitator: BuiltUser;
let workshop: { id: number; joinCode: string };
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  harness = await startBrowserHarness();
  const { db } = harness.testApp;
  facilitator = await buildUser(db, { role: 'facilitator', displayName: 'Marta', email: 'marta@example.lv', password: 'jauniešu centrs', preferredLocale: 'en' });
  const consultationId = await buildConsultation(db);
  workshop = await buildWorkshop(db, { consultationId, createdBy: facilitator.id, state: 'draft', name: 'Skate park, School No. 9', dotBudget: 3, maxDotsPerIdea: 2 });
});
afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await harness?.close();
});

async function newPage(options: Parameters<BrowserHarness['browser']['newContext']>[0] = {}): Promise<Page> {
  const context = await harness.browser.newContext(options);
  contexts.push(context);
  context.setDefaultTimeout(20_000);
  return context.newPage();
}

const participants = [
  { nickname: '<b>Skater</b>', lang: 'en', idea: 'Ramp by the river' },
  { nickname: 'Līga', lang: 'en', idea: 'Benches in the shade' },
  { nickname: 'Дима', lang: 'ru', idea: 'Свет на площадке' },
];

async function joinAndPin(page: Page, participant: (typeof participants)[number]) {
  await page.goto(`${harness.baseUrl}/?lang=${participant.lang}`);
  // The way in sits with the call for ideas, folded under the home page's title.
  await page.locator('.home-about > summary').click();
  await page.locator('a[href="/w"]').click();
  await page.locator('#code').fill(workshop.joinCode.toLowerCase());
  await page.locator('.join-code-form button[type=submit]').click();
  await page.waitForURL(`${harness.baseUrl}/w/${workshop.joinCode}`);
  await page.locator('#nickname').fill(participant.nickname);
  await page.locator('#ageGroup').selectOption('13_15');
  await page.locator('form[action$="/join"] button[type=submit]').click();
  await page.locator('.room[data-state="open"]').waitFor();
  await page.locator(`a[href="/w/${workshop.joinCode}/ideas/new"]`).click();
  // The map's scripts run once its part of the form comes near the screen.
  await page.locator('.location-fieldset').scrollIntoViewIfNeeded();
  await page.locator('#location-map.leaflet-container').waitFor();
  await page.locator('#title').fill(participant.idea);
  await page.locator('#description').fill(`${participant.idea}: for everyone.`);
  await page.locator('input[name=categoryId]').first().check();
  await page.locator('#neb-together').check();
  await page.locator('#location-map').click({ position: { x: 200, y: 150 } });
  await page.locator('form.idea-form button[type=submit]').click();
  await page.waitForURL(/\?notice=workshops:room.pinned$/);
  await page.locator('.room-idea-title', { hasText: participant.idea }).waitFor();
}

/** Rows of an RFC 4180 CSV text (quoted cells may hold commas and doubled quotes). */
function csvRows(text: string): string[][] {
  return text
    .trim()
    .split('\n')
    .map((line) => [...line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)].map((match) => (match[1] !== undefined ? match[1].replace(/""/g, '"') : match[2])));
}

async function tallyOf(page: Page): Promise<Record<string, string>> {
  return page.locator('[data-tally] .tally-row').evaluateAll((rows) =>
    Object.fromEntries(rows.map((row) => [row.querySelector('.tally-title')!.textContent, row.querySelector('.tally-count')!.textContent])),
  );
}

describe('a whole youth workshop', () => {
  it('the facilitator opens it, three participants join by code, pin and vote, the projector follows live, and the export matches', async () => {
    const console_ = await newPage();
    await logInInBrowser(console_, harness.baseUrl, facilitator, '?lang=en');
    await console_.getByRole('link', { name: 'Workshops' }).click();
    await console_.getByRole('link', { name: 'Skate park, School No. 9' }).click();
    await console_.getByRole('button', { name: 'Open the workshop' }).click();
    await console_.getByText('The workshop is open: participants can join and pin ideas.').waitFor();
    expect(await accessibilityViolations(console_)).toEqual([]);

    const projector = await console_.context().newPage();
    await projector.goto(`${harness.baseUrl}/workshops/${workshop.id}/projector`);
    await projector.locator('.projector-code', { hasText: workshop.joinCode }).waitFor();
    await expect(projector.locator('.projector-qr').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).resolves.toBe(true);
    expect(await accessibilityViolations(projector)).toEqual([]);

    const phones: Page[] = [];
    for (const participant of participants) {
      const phone = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      await joinAndPin(phone, participant);
      phones.push(phone);
    }
    expect(await accessibilityViolations(phones[0])).toEqual([]);
    // The projector got the pins and who joined without a reload; the nickname is text, not markup.
    await projector.locator('[data-tally] .tally-row').nth(2).waitFor();
    await projector.locator('[data-nicknames] li', { hasText: '<b>Skater</b>' }).waitFor();
    await expect(projector.locator('[data-participant-count]').textContent()).resolves.toBe('3 participants');
    // Participants never see each other's nicknames.
    for (const phone of phones) await expect(phone.content()).resolves.not.toContain('Līga');

    await console_.reload();
    await console_.getByRole('button', { name: 'Start voting' }).click();
    await console_.getByText('Voting has started.').waitFor();
    // Each phone switches to voting by itself when the stream says so.
    for (const phone of phones) await phone.locator('.room[data-state="voting"]').waitFor({ timeout: 10_000 });
    expect(await accessibilityViolations(phones[2])).toEqual([]);
    await projector.locator('.projector[data-state="voting"]').waitFor();

    const [ramp, benches, light] = participants.map((participant) => participant.idea);
    const tap = async (phone: Page, idea: string, times: number) => {
      for (let time = 0; time < times; time += 1) {
        const row = phone.locator('.room-idea', { hasText: idea });
        const before = await row.locator('[data-mine-count]').textContent();
        await row.locator('button[value=add]').click();
        await phone.waitForFunction(
          ([selector, previous]) => document.querySelector(selector)?.textContent !== previous,
          [`#${await row.getAttribute('id')} [data-mine-count]`, before] as const,
        );
      }
    };
    await tap(phones[0], ramp, 2);
    await tap(phones[0], benches, 1);
    await expect(phones[0].locator('[data-dots-left]').textContent()).resolves.toBe('You have 0 dots left.');
    // A fourth dot is refused with a message; the count stays.
    await phones[0].locator('.room-idea', { hasText: light }).locator('button[value=add]').click();
    await phones[0].getByText('You have used all your dots.').waitFor();
    await tap(phones[1], ramp, 1);
    await tap(phones[1], light, 2);
    await tap(phones[2], benches, 2);
    await expect(phones[2].locator('[data-dots-left]').textContent()).resolves.toBe('У вас остался 1 голос.');

    // Live totals on the projector: ramp 3, benches 3, light 2.
    await projector.waitForFunction(() => document.querySelector('[data-dots-spent]')?.textContent === '8 dots');
    expect(await tallyOf(projector)).toEqual({ [ramp]: '3 dots', [benches]: '3 dots', [light]: '2 dots' });
    expect(await accessibilityViolations(projector)).toEqual([]);

    await console_.reload();
    await console_.getByRole('button', { name: 'Close the workshop' }).click();
    await console_.getByText('The workshop is closed and its results are frozen.').waitFor();
    await projector.locator('.projector[data-state="closed"]').waitFor();
    const finalTally = await tallyOf(projector);
    expect(finalTally).toEqual({ [ramp]: '3 dots', [benches]: '3 dots', [light]: '2 dots' });
    // A late tap after closing is refused.
    await phones[2].reload();
    await expect(phones[2].locator('button[value=add]').count()).resolves.toBe(0);

    const csv = await console_.context().request.get(`${harness.baseUrl}/workshops/${workshop.id}/results.csv`);
    expect(csv.status()).toBe(200);
    const [header, ...rows] = csvRows((await csv.text()).replace(/^\uFEFF/, ''));
    const exported = Object.fromEntries(rows.map((cells) => [cells[header.indexOf('title')], `${cells[header.indexOf('dots')]} dots`]));
    expect(exported).toEqual(finalTally);
    expect(rows[0][header.indexOf('workshop')]).toBe('Skate park, School No. 9');
    expect(rows[0][header.indexOf('participants')]).toBe('3');
    expect(rows[0][header.indexOf('age_13_15')]).toBe('3');
    await console_.reload();
    expect(await accessibilityViolations(console_)).toEqual([]);
  });

  it('works without JavaScript: joining, voting with the plain forms, and a projector that shows the current totals', async () => {
    const { db } = harness.testApp;
    const [{ id: consultationId }] = await db('consultations').select('id').limit(1);
    const voting = await buildWorkshop(db, { consultationId, createdBy: facilitator.id, state: 'voting', name: 'No script', dotBudget: 2, maxDotsPerIdea: 2 });
    await db('ideas').insert({
      consultation_id: consultationId, workshop_id: voting.id, title: 'Table tennis', description: 'Two tables.', original_locale: 'en',
      category_id: (await db('categories').first('id')).id, neb_values: ['together'], latitude: 55.87, longitude: 26.52, visibility: 'workshop',
    });
    const phone = await newPage({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    await phone.goto(`${harness.baseUrl}/w?lang=en`);
    await phone.locator('#code').fill(voting.joinCode);
    await phone.locator('.join-code-form button[type=submit]').click();
    await phone.locator('form[action$="/join"] button[type=submit]').click();
    await phone.getByRole('button', { name: 'Put a dot on: Table tennis' }).click();
    await phone.getByText('Yours: 1').waitFor();
    await expect(phone.locator('[data-dots-left]').textContent()).resolves.toBe('You have 1 dot left.');

    const screen = await newPage({ javaScriptEnabled: false });
    await logInInBrowser(screen, harness.baseUrl, facilitator, '?lang=en');
    await screen.goto(`${harness.baseUrl}/workshops/${voting.id}/projector`);
    expect(await tallyOf(screen)).toEqual({ 'Table tennis': '1 dot' });
  });
});
