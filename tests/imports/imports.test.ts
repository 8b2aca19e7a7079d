import request from 'supertest';
import { performance } from 'node:perf_hooks';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { useScene } from '../factories/scene';
import { loggedInAgent, uploadForm } from '../helpers/forms';
import { confirmImport } from '../../server/imports/imports.service';
import * as importQueries from '../../server/imports/imports.queries';
import type { IdeaServices } from '../../server/ideas/ideas.service';
import { csvFile, handmadeXlsx, header, inlineRow, xlsxFile } from './files';

const area = { type: 'Polygon' as const, coordinates: [[[26.45, 55.85], [26.62, 55.85], [26.62, 55.92], [26.45, 55.92], [26.45, 55.85]]] };
const { testApp, moderator, facilitator, volunteer, planner } = useScene({
  users: {
    moderator: { role: 'moderator', displayName: 'Marta Moderator', preferredLocale: 'en' },
    facilitator: { role: 'facilitator', preferredLocale: 'en' },
    volunteer: { role: 'volunteer', preferredLocale: 'en' },
    planner: { role: 'planner', preferredLocale: 'en' },
  },
});

let open: number;
let preModerated: number;
let category: { id: number; slug: string; name: Record<string, string> };
let landmark: { slug: string; name: Record<string, string>; latitude: number; longitude: number };

beforeAll(async () => {
  open = await buildConsultation(testApp.db, { area });
  preModerated = await buildConsultation(testApp.db, { area, moderationMode: 'pre' });
  await testApp.changes.settled();
  // A printed paper form keeps the grid that grid squares are read on.
  await request(testApp.app).get(`/consultations/${preModerated}/paper-form.pdf?lang=en`).expect(200);
  category = await testApp.db('categories').orderBy('id').first('id', 'slug', 'name');
  category.id = Number(category.id);
  landmark = await testApp.db('places').where({ kind: 'landmark' }).orderBy('id').first('slug', 'name', 'latitude', 'longitude');
});

/** A row of the shared header: title, description, category, NEB values, latitude, longitude, grid square, place. */
const row = (title: string, overrides: Partial<Record<'description' | 'category' | 'neb' | 'latitude' | 'longitude' | 'grid' | 'place', string>> = {}) => [
  title,
  overrides.description ?? `${title}: more benches and trees`,
  overrides.category ?? category.slug,
  overrides.neb ?? 'together',
  overrides.latitude ?? (overrides.grid || overrides.place ? '' : '55.88'),
  overrides.longitude ?? (overrides.grid || overrides.place ? '' : '26.5'),
  overrides.grid ?? '',
  overrides.place ?? '',
];

async function counts() {
  const [ideas, imports, imported] = await Promise.all(['ideas', 'idea_imports', 'imported_ideas'].map(async (table) => Number((await testApp.db(table).count({ n: '*' }))[0].n)));
  return { ideas, imports, imported };
}

type Agent = Awaited<ReturnType<typeof loggedInAgent>>;
let staff: Agent;
beforeAll(async () => {
  staff = await loggedInAgent(testApp.app, moderator, '/assist/imports');
});

function upload(who: Agent, file: { name: string; bytes: Buffer }, fields: Record<string, string> = {}, lang = 'en') {
  return uploadForm(who.agent.post(`/assist/imports?lang=${lang}`), { _csrf: who.csrf, consultationId: String(open), eventName: 'Street stand <b>Vienības</b>', consent: 'yes', ...fields }).attach('file', file.bytes, file.name);
}

/** Uploads, follows to the dry run and returns its page and the import's id. */
async function dryRun(file: { name: string; bytes: Buffer }, fields: Record<string, string> = {}, who = staff) {
  const response = await upload(who, file, fields).expect(303);
  const id = Number(/\/assist\/imports\/(\d+)$/.exec(response.headers.location)![1]);
  const page = await who.agent.get(`/assist/imports/${id}?lang=en`).expect(200);
  return { id, page: page.text };
}

const confirm = (id: number, who = staff) => who.agent.post(`/assist/imports/${id}/confirm`).type('form').send({ _csrf: who.csrf });

describe('a file that cannot be imported', () => {
  it('is refused at the file field with a localized message, and nothing is stored', async () => {
    const before = await counts();
    const tooMany = [header, ...Array.from({ length: 10_001 }, (_, index) => row(`Idea ${index}`))];
    const cases: [string, { name: string; bytes: Buffer }, string][] = [
      ['a photo', { name: 'photo.png', bytes: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex') }, 'This is not a CSV or XLSX file.'],
      ['a PDF named .csv', { name: 'ideas.csv', bytes: Buffer.from('%PDF-1.4\n\u0000\u0001binary') }, 'This is not a CSV or XLSX file.'],
      ['a zip that is no workbook', { name: 'ideas.xlsx', bytes: Buffer.from('PK\u0003\u0004 broken') }, 'This is not a CSV or XLSX file.'],
      ['an empty file', { name: 'ideas.csv', bytes: Buffer.alloc(0) }, 'The file is empty'],
      ['a header only', { name: 'ideas.csv', bytes: csvFile([header]) }, 'The file is empty'],
      ['no title column', { name: 'ideas.csv', bytes: csvFile([header.slice(1), row('x').slice(1)]) }, 'The file has no column title.'],
      ['no place column', { name: 'ideas.csv', bytes: csvFile([header.slice(0, 4), row('x').slice(0, 4)]) }, 'The file needs columns for the place'],
      ['10,001 rows in a CSV', { name: 'ideas.csv', bytes: csvFile(tooMany) }, 'The file has more than 10,000 rows.'],
      ['10,001 rows in an XLSX', { name: 'ideas.xlsx', bytes: await xlsxFile(tooMany) }, 'The file has more than 10,000 rows.'],
    ];
    for (const [what, file, message] of cases) {
      const response = await upload(staff, file);
      expect([what, response.status]).toEqual([what, 422]);
      expect(response.text).toContain('id="file-error"');
      expect(response.text).toContain(message);
    }
    const russian = await upload(staff, { name: 'ideas.csv', bytes: csvFile(tooMany) }, {}, 'ru').expect(422);
    expect(russian.text).toMatch(/В файле больше 10\s000 строк\./);
    const latvian = await upload(staff, { name: 'photo.png', bytes: Buffer.from('89504e47', 'hex') }, {}, 'lv').expect(422);
    expect(latvian.text).toContain('Tas nav CSV vai XLSX fails.');
    const noConsent = await upload(staff, { name: 'ideas.csv', bytes: csvFile([header, row('x')]) }, { consent: '', eventName: '' }).expect(422);
    expect(noConsent.text).toContain('without their consent the ideas cannot be imported');
    expect(noConsent.text).toContain('Give the name of the event.');
    expect(await counts()).toEqual(before);
  });

  it('refuses an XLSX bomb before inflating it: huge shared strings, huge dimensions, a merged range over the whole sheet', async () => {
    const before = await counts();
    const huge = Buffer.alloc(48 * 1024 * 1024, 'a');
    const sharedStrings = Buffer.concat([Buffer.from('<sst><si><t>'), huge, Buffer.from('</t></si></sst>')]);
    const rows = inlineRow(1, header) + inlineRow(2, row('Bench'));
    const bombs: [string, Buffer, string][] = [
      ['shared strings of 48 MB', handmadeXlsx(`<sheetData>${rows}</sheetData>`, sharedStrings), 'The spreadsheet is too large once unpacked'],
      ['a cell at XFD1048576', handmadeXlsx(`<dimension ref="A1:XFD1048576"/><sheetData>${rows}<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`), 'more than 10,000 rows'],
      ['a merged range over the sheet', handmadeXlsx(`<sheetData>${rows}</sheetData><mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>`), 'more than 10,000 rows'],
      ['16,384 columns', handmadeXlsx(`<sheetData>${rows}</sheetData><mergeCells count="1"><mergeCell ref="A3:XFD3"/></mergeCells>`), 'The spreadsheet is too large once unpacked'],
    ];
    for (const [what, bytes, message] of bombs) {
      expect([what, bytes.length < 200_000]).toEqual([what, true]);
      const started = performance.now();
      const response = await upload(staff, { name: 'bomb.xlsx', bytes });
      expect([what, response.status]).toEqual([what, 422]);
      expect(response.text).toContain(message);
      expect(performance.now() - started).toBeLessThan(20_000);
    }
    // The same handmade workbook without the bomb is read.
    const { page } = await dryRun({ name: 'small.xlsx', bytes: handmadeXlsx(`<sheetData>${rows}</sheetData>`) });
    expect(page).toContain('1 row accepted');
    await testApp.db('idea_imports').where({ file_name: 'small.xlsx' }).delete();
    expect(await counts()).toEqual(before);
  });

  it('answers a file over the size limit with 413', async () => {
    const response = await upload(staff, { name: 'big.csv', bytes: Buffer.alloc(11 * 1024 * 1024, 'a') });
    expect(response.status).toBe(413);
  });

  it('is not for volunteers or planners (403), nor visitors', async () => {
    const before = await counts();
    for (const someone of [volunteer, planner]) {
      const { agent, csrf } = await loggedInAgent(testApp.app, someone);
      await agent.get('/assist/imports').expect(403);
      await agent.get('/assist/imports/template.csv').expect(403);
      const refused = await uploadForm(agent.post('/assist/imports'), { _csrf: csrf, consultationId: String(open), eventName: 'x', consent: 'yes' }).attach('file', csvFile([header, row('x')]), 'ideas.csv');
      expect(refused.status).toBe(403);
    }
    await request(testApp.app).get('/assist/imports').expect(303);
    expect(await counts()).toEqual(before);
  });
});

describe('the dry run and the import', () => {
  it('shows each row accepted or refused with its reason, imports the accepted ones all at once, never twice', async () => {
    const before = await counts();
    const rows = [
      header,
      row('Bench <script>alert("t")</script> by the river'),
      row('=HYPERLINK("http://evil.example","click")', { description: '=1+2 a formula stays text' }),
      row('In square C2', { grid: 'c2' }),
      row('At a landmark', { place: landmark.name.en }),
      row('Outside', { latitude: '56.95', longitude: '24.1' }),
      row('Unknown category', { category: 'no-such-category' }),
      row('', { description: 'No title' }),
      row('Unknown NEB', { neb: 'loud' }),
      row('Bench <script>alert("t")</script> by the river'),
      row('Swapped', { latitude: '26.5', longitude: '55.88' }),
    ];
    const { id, page } = await dryRun({ name: 'stand.csv', bytes: csvFile(rows) });
    expect(page).toContain('3 rows accepted · 7 rows refused');
    for (const reason of ['The consultation has no printed paper form', 'outside the area', 'seem to be swapped', 'Please give your idea a title.', 'There is no category “no-such-category”.', 'Unknown NEB value: loud.', 'The same idea as row 2 above.']) expect(page).toContain(reason);
    expect(page).not.toContain('<script>alert("t")');
    expect(await counts()).toEqual({ ...before, imports: before.imports + 1 });

    await confirm(id).expect(303).expect('Location', `/assist/imports/${id}`);
    const result = await staff.agent.get(`/assist/imports/${id}?lang=en`).expect(200);
    expect(result.text).toContain('Imported 3 of 10 rows.');
    const ideas = await testApp.db('ideas').where({ consultation_id: open, channel: 'event' }).orderBy('id');
    expect(ideas).toHaveLength(3);
    for (const idea of ideas) {
      expect(idea).toMatchObject({ author_id: null, event_name: 'Street stand <b>Vienības</b>', visibility: 'published' });
      expect(Number(idea.entered_by)).toBe(moderator.id);
      expect(idea.consent_recorded_at).not.toBeNull();
    }
    expect(ideas.map((idea) => idea.title)).toContain('=HYPERLINK("http://evil.example","click")');
    expect(ideas.find((idea) => idea.title === 'At a landmark')).toMatchObject({ latitude: landmark.latitude, longitude: landmark.longitude });
    expect(await testApp.db('audit_log').where({ action: 'consultation.ideas_imported', target_id: open }).first()).toMatchObject({ actor_id: expect.anything() });
    // A second confirmation (another click, another process) imports nothing more.
    await confirm(id).expect(303);
    expect((await testApp.db('ideas').where({ consultation_id: open, channel: 'event' })).length).toBe(3);

    // The same file again: every accepted row is now "already imported"; a corrected file adds only its fixed rows.
    const again = await dryRun({ name: 'stand.csv', bytes: csvFile(rows) });
    expect(again.page).toContain('0 rows accepted');
    expect(again.page).toContain('Already imported');
    expect(again.page).not.toContain('Import 0');
    await confirm(again.id).expect(303);
    const corrected = rows.map((cells) => (cells[0] === 'Unknown category' ? row('Unknown category') : cells[0] === 'Outside' ? row('Outside', { latitude: '55.9', longitude: '26.55' }) : cells));
    const fixed = await dryRun({ name: 'stand-corrected.csv', bytes: csvFile(corrected) });
    expect(fixed.page).toContain('2 rows accepted');
    await confirm(fixed.id).expect(303);
    expect((await testApp.db('ideas').where({ consultation_id: open, channel: 'event' })).length).toBe(5);
  });

  it('enforces "never twice" in the database, not only in code', async () => {
    const existing = await testApp.db('imported_ideas').orderBy('idea_id').first();
    const typedIn = await buildIdea(testApp.db, { consultationId: Number(existing.consultation_id), authorId: moderator.id });
    await expect(
      testApp.db('imported_ideas').insert({ consultation_id: existing.consultation_id, fingerprint: existing.fingerprint, idea_id: typedIn, import_id: existing.import_id }),
    ).rejects.toThrow(/duplicate key|unique/);
  });

  it('imports all or nothing: rows taken meanwhile by another process roll the whole import back', async () => {
    const before = await counts();
    const { id } = await dryRun({ name: 'race.csv', bytes: csvFile([header, row('Race one'), row('Race two')]) });
    // Another process confirms the same rows between this one's check and its insert: the primary key refuses them.
    const spy = jest.spyOn(importQueries, 'insertImportedIdeas').mockRejectedValueOnce(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }));
    try {
      await confirm(id).expect(303).expect('Location', `/assist/imports/${id}`);
    } finally {
      spy.mockRestore();
    }
    const page = await staff.agent.get(`/assist/imports/${id}?lang=en`).expect(200);
    expect(page.text).toContain('Nothing was imported; check the file again.');
    expect(page.text).toContain('2 rows accepted');
    expect(await counts()).toEqual({ ...before, imports: before.imports + 1 });
    expect(await testApp.db('ideas').where({ title: 'Race one' }).first()).toBeUndefined();
    await confirm(id).expect(303);
    expect((await testApp.db('ideas').whereIn('title', ['Race one', 'Race two'])).length).toBe(2);
  });

  it('places rows by grid square of the printed form (approximate), and refuses a square the grid does not have', async () => {
    const { id, page } = await dryRun(
      { name: 'grid.csv', bytes: csvFile([header, row('By the square', { grid: 'C2' }), row('No such square', { grid: 'Z99' })]) },
      { consultationId: String(preModerated) },
    );
    expect(page).toContain('1 row accepted');
    expect(page).toContain('The paper form’s grid has no square Z99.');
    await confirm(id).expect(303);
    const idea = await testApp.db('ideas').where({ consultation_id: preModerated, title: 'By the square' }).first();
    expect(idea).toMatchObject({ location_approximate: true, place_name: 'C2', visibility: 'pending', channel: 'event' });
  });

  it('reads UTF-8 with a BOM, and Windows-1257 and Windows-1251 files separated by ";"', async () => {
    const latvian = 'Ābeļu dārzs: ā č ē ģ ī ķ ļ ņ š ū ž';
    const russian = 'Скамейки у реки: ёжик, щука, эхо';
    const files: [string, Buffer, string][] = [
      // Rows of separators only, as Excel leaves below the data, are not rows of ideas.
      ['bom.csv', csvFile([header, row('Ēnaina vieta ar BOM', { category: category.name.en }), Array(8).fill(''), Array(8).fill('')], { bom: true }), 'Ēnaina vieta ar BOM'],
      ['lv.csv', csvFile([header, row(latvian, { category: category.name.lv, neb: 'Kopā', description: 'Gājēju ceļš ģimenēm, ķiršu koki, šķūnis, ūdens, žogs' })], { delimiter: ';', encoding: 'win1257' }), latvian],
      ['ru.csv', csvFile([header, row(russian, { category: category.name.ru, description: 'Больше скамеек вдоль реки для пожилых жителей' })], { delimiter: ';', encoding: 'win1251' }), russian],
    ];
    for (const [name, bytes, title] of files) {
      const { id, page } = await dryRun({ name, bytes });
      expect([name, page.includes('1 row accepted · 0 rows refused')]).toEqual([name, true]);
      await confirm(id).expect(303);
      expect([name, (await testApp.db('ideas').where({ consultation_id: open, title }).first())?.title]).toEqual([name, title]);
    }
    expect((await testApp.db('ideas').where({ consultation_id: open, title: russian }).first()).original_locale).toBe('ru');
  });

  it('keeps a formula cell of an XLSX as text, and the CSV export neutralizes it', async () => {
    const bytes = await xlsxFile([header, [{ formula: 'HYPERLINK("http://evil.example","Bench")', result: 'Bench' }, 'A bench by the school', category.slug, 'beautiful', 55.87, 26.52, '', '']]);
    const { id, page } = await dryRun({ name: 'formula.xlsx', bytes });
    expect(page).toContain('1 row accepted');
    await confirm(id).expect(303);
    const idea = await testApp.db('ideas').where({ consultation_id: open, description: 'A bench by the school' }).first();
    expect(idea.title).toBe('=HYPERLINK("http://evil.example","Bench")');
    const exported = await staff.agent.get(`/admin/exports/ideas.csv?consultation=${open}`).expect(200);
    expect(exported.text).toContain(`"'=HYPERLINK(""http://evil.example"",""Bench"")"`);
  });

  it('offers templates that import as they are', async () => {
    const csv = await staff.agent.get('/assist/imports/template.csv?lang=lv').expect(200).expect('Content-Type', /text\/csv/);
    const xlsx = await staff.agent.get('/assist/imports/template.xlsx').buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    const fromCsv = await dryRun({ name: 'template.csv', bytes: Buffer.from(csv.text) });
    expect(fromCsv.page).toContain('2 rows accepted');
    const fromXlsx = await dryRun({ name: 'template.xlsx', bytes: xlsx.body as Buffer }, { consultationId: String(preModerated) });
    expect(fromXlsx.page).toContain('2 rows accepted');
  });

  it('shows an imported idea to the next anonymous visitor (the read path hears of it)', async () => {
    const listBefore = await request(testApp.app).get(`/ideas?consultation=${open}&lang=en`).expect(200);
    expect(listBefore.text).not.toContain('Fountain by the facilitator');
    const pointsBefore = await request(testApp.app).get(`/api/ideas.geojson?consultation=${open}`).expect(200);
    const helper = await loggedInAgent(testApp.app, facilitator, '/assist/imports');
    const { id } = await dryRun({ name: 'fountain.csv', bytes: csvFile([header, row('Fountain by the facilitator')]) }, {}, helper);
    await confirm(id, helper).expect(303);
    await testApp.changes.settled();
    const listAfter = await request(testApp.app).get(`/ideas?consultation=${open}&lang=en`).expect(200);
    expect(listAfter.text).toContain('Fountain by the facilitator');
    expect(listAfter.text).toContain('Submitted at an event: Street stand');
    const pointsAfter = await request(testApp.app).get(`/api/ideas.geojson?consultation=${open}`).expect(200);
    expect(pointsAfter.body.features.length).toBe(pointsBefore.body.features.length + 1);
  });

  it('imports 5,000 rows in one transaction of multi-row inserts (time printed)', async () => {
    const consultation = await buildConsultation(testApp.db, { area });
    const rows = [header, ...Array.from({ length: 5_000 }, (_, index) => row(`Idea ${index} from the big stand`, { latitude: (55.86 + (index % 50) * 0.001).toFixed(4), longitude: (26.46 + Math.floor(index / 50) * 0.001).toFixed(4) }))];
    const started = performance.now();
    const { id, page } = await dryRun({ name: 'big.csv', bytes: csvFile(rows) }, { consultationId: String(consultation) });
    const dryRunMs = performance.now() - started;
    expect(page).toContain('5,000 rows accepted');
    const services = { db: testApp.db, cityBounds: testApp.config.cityBounds } as IdeaServices;
    const confirmStarted = performance.now();
    const result = await confirmImport(services, { ...moderator, role: 'moderator', preferredLocale: 'en' } as never, id);
    const confirmMs = performance.now() - confirmStarted;
    expect(result).toMatchObject({ imported: 5_000, total: 5_000 });
    expect(Number((await testApp.db('ideas').where({ consultation_id: consultation }).count({ n: '*' }))[0].n)).toBe(5_000);
    console.log(
      `5,000-row import on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}: upload + dry run ${Math.round(dryRunMs)} ms; ` +
        `confirm ${Math.round(confirmMs)} ms, of which the transaction held the connection ${Math.round(result.heldMs)} ms (${Math.round(result.heldMs / 5)} ms per 1,000 rows)`,
    );
  });
});
