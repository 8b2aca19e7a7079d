import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { accessibilityViolations, startBrowserHarness, type BrowserHarness } from './browser-support';
import { buildConsultation } from '../factories/ideas';

let harness: BrowserHarness;
let context: BrowserContext;
beforeAll(async () => {
  harness = await startBrowserHarness();
});
afterAll(() => harness?.close());
beforeEach(async () => {
  context = await harness.browser.newContext();
});
afterEach(() => context.close());

/** The PDF's text as a person reads it, from poppler's extractor (.ci/run installs poppler-utils). */
function pdfText(pdf: Buffer): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kopa-pdf-'));
  try {
    fs.writeFileSync(path.join(folder, 'form.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', path.join(folder, 'form.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

const area = { type: 'Polygon' as const, coordinates: [[[26.45, 55.85], [26.62, 55.85], [26.62, 55.92], [26.45, 55.92], [26.45, 55.85]]] };

describe('the paper form', () => {
  it.each([
    ['lv', 'Izdrukāt papīra veidlapu (PDF)', ['Jūsu ideja Daugavpilij', 'Konsultācija', 'Aprakstiet ideju', 'Zaļās zonas', 'Ilgtspējīgi', 'Teritorijas karte', 'Piekrītu, ka mana ideja', 'Jūsu privātums']],
    ['ru', 'Распечатать бумажную анкету (PDF)', ['Ваша идея для Даугавпилса', 'Консультация', 'Опишите идею', 'Зелёные зоны', 'Устойчиво', 'Карта территории', 'Я согласен(на)', 'Ваша конфиденциальность']],
  ])('in %s: linked from the consultation page, prints the question and the letters of the language', async (lang, linkName, expected) => {
    const id = await buildConsultation(harness.testApp.db, { area });
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}/consultations/${id}?lang=${lang}`);
    expect(await accessibilityViolations(page)).toEqual([]);
    const href = await page.getByRole('link', { name: linkName }).getAttribute('href');
    const response = await page.request.get(`${harness.baseUrl}${href}`);
    expect(response.headers()['content-type']).toBe('application/pdf');
    const text = pdfText(await response.body());
    for (const words of expected) expect(text).toContain(words);
    const { id: gridId } = await harness.testApp.db('paper_form_grids').where({ consultation_id: id }).first('id');
    expect(text).toContain(`K${id}-${gridId}`);
    // Each place of the list carries the grid square it lies in.
    expect(text).toMatch(/\d+\. \S[^\n]* — [A-H]\d/);
  });

  it('shows a clear page, not a PDF, when the consultation no longer collects ideas', async () => {
    const id = await buildConsultation(harness.testApp.db, { phase: 'results' });
    const page = await context.newPage();
    const response = await page.goto(`${harness.baseUrl}/consultations/${id}/paper-form.pdf?lang=en`);
    expect(response?.status()).toBe(404);
    await page.getByText('is not collecting ideas now, so it has no paper form.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
