import request from 'supertest';
import { buildConsultation } from '../factories/ideas';
import { useScene } from '../factories/scene';

const area = { type: 'Polygon' as const, coordinates: [[[26.45, 55.85], [26.62, 55.85], [26.62, 55.92], [26.45, 55.92], [26.45, 55.85]]] };
const { testApp } = useScene();

async function pdfOf(consultationId: number, lang: string): Promise<Buffer> {
  const response = await request(testApp.app)
    .get(`/consultations/${consultationId}/paper-form.pdf?lang=${lang}`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200)
    .expect('Content-Type', 'application/pdf');
  return response.body as Buffer;
}

/** What can be read from the PDF's bytes without a text extractor (the browser test reads its text with pdftotext). */
function structureOf(pdf: Buffer): { pages: number; fonts: string[] } {
  const raw = pdf.toString('latin1');
  expect(raw.startsWith('%PDF-')).toBe(true);
  return {
    pages: raw.match(/\/Type \/Page\b/g)?.length ?? 0,
    fonts: [...new Set([...raw.matchAll(/\/BaseFont \/[A-Z]{6}\+([A-Za-z0-9-]+)/g)].map((match) => match[1]))].sort(),
  };
}

describe('the paper form of a consultation', () => {
  it('is three A4 pages in the site\'s typeface, with the grid it prints kept', async () => {
    const id = await buildConsultation(testApp.db, { area });
    const { pages, fonts } = structureOf(await pdfOf(id, 'lv'));
    expect(pages).toBe(3);
    expect(fonts).toEqual(['SourceSans3-Bold', 'SourceSans3-Regular']);
    const grids = await testApp.db('paper_form_grids').where({ consultation_id: id }).select('columns', 'rows');
    expect(grids).toEqual([{ columns: 8, rows: expect.any(Number) }]);
  });

  it('keeps one grid per area, and a new one once the area changes', async () => {
    const id = await buildConsultation(testApp.db, { area });
    await pdfOf(id, 'ru');
    await pdfOf(id, 'en');
    expect(await testApp.db('paper_form_grids').where({ consultation_id: id }).count({ n: '*' })).toEqual([{ n: 1 }]);

    // The old grid stays, so a form printed before the change still reads right.
    await testApp.db('consultations').where({ id }).update({ area: JSON.stringify({ ...area, coordinates: [[[26.4, 55.8], [26.7, 55.8], [26.7, 55.95], [26.4, 55.95], [26.4, 55.8]]] }) });
    await testApp.changes.settled();
    await pdfOf(id, 'en');
    expect(await testApp.db('paper_form_grids').where({ consultation_id: id }).count({ n: '*' })).toEqual([{ n: 2 }]);
  });

  it('falls back to the places when a consultation has no area', async () => {
    const id = await buildConsultation(testApp.db);
    expect(structureOf(await pdfOf(id, 'en')).pages).toBe(3);
    const places = await testApp.db('places').select('latitude', 'longitude');
    const grid = await testApp.db('paper_form_grids').where({ consultation_id: id }).first();
    for (const place of places) {
      expect(place.longitude).toBeGreaterThan(grid.west);
      expect(place.latitude).toBeLessThan(grid.north);
    }
  });

  it('answers 404 with a clear page for a consultation that is not collecting ideas, and for an unknown one', async () => {
    const closed = await buildConsultation(testApp.db, { phase: 'closed' });
    const page = await request(testApp.app).get(`/consultations/${closed}/paper-form.pdf?lang=en`).expect(404).expect('Content-Type', /html/);
    expect(page.text).toContain('is not collecting ideas now, so it has no paper form.');
    expect(page.text).not.toContain('<script>alert(1)</script>');
    await request(testApp.app).get('/consultations/999999/paper-form.pdf?lang=en').expect(404);
    await request(testApp.app).get('/consultations/abc/paper-form.pdf?lang=en').expect(404);
    expect(await testApp.db('paper_form_grids').whereIn('consultation_id', [closed]).count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('is linked from the consultation page only while ideas are collected', async () => {
    const open = await buildConsultation(testApp.db);
    const voting = await buildConsultation(testApp.db, { phase: 'voting' });
    expect((await request(testApp.app).get(`/consultations/${open}?lang=en`).expect(200)).text).toContain(`href="/consultations/${open}/paper-form.pdf"`);
    expect((await request(testApp.app).get(`/consultations/${voting}?lang=en`).expect(200)).text).not.toContain('paper-form.pdf');
  });
});
