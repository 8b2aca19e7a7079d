import request from 'supertest';
import ExcelJS from 'exceljs';
import { loggedInAgent, uploadForm } from '../helpers/forms';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { useScene } from '../factories/scene';
import { buildComment } from '../factories/comments';

const { testApp, moderator, resident } = useScene({
  users: { moderator: { role: 'moderator', preferredLocale: 'en' }, resident: { preferredLocale: 'en', email: 'resident.private@example.lv' } },
});
let ideaIds: number[];
beforeAll(async () => {
  const consultationId = await buildConsultation(testApp.db);
  ideaIds = [
    await buildIdea(testApp.db, { consultationId, authorId: resident.id, title: '=HYPERLINK("http://evil","x")', description: 'Skaistāks pagalms ķīmiķu ciematā', createdAt: new Date('2026-03-10T10:00:00Z') }),
    await buildIdea(testApp.db, { consultationId, authorId: resident.id, title: 'Скамейки у реки', description: '-1+2 @risk', latitude: 55.87, longitude: 26.51, createdAt: new Date('2026-05-20T10:00:00Z') }),
  ];
  await buildIdea(testApp.db, { consultationId, authorId: resident.id, title: 'Hidden from exports', visibility: 'hidden' });
  await buildComment(testApp.db, { ideaId: ideaIds[1], authorId: resident.id, body: '=cmd|calc' });
});

function binary(res: request.Response, callback: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

async function staffAgent() {
  return (await loggedInAgent(testApp.app, moderator)).agent;
}

describe('exports for planners', () => {
  it('CSV: UTF-8 with a byte-order mark, Latvian and Cyrillic letters intact, formulas neutralised, no emails', async () => {
    const agent = await staffAgent();
    const response = await agent.get('/admin/exports/ideas.csv').buffer(true).parse(binary).expect(200);
    const bytes = response.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\n')[0]).toBe(
      'link,id,consultation,title,description,original_language,translations,category,neb_values,neb_sentences,latitude,longitude,place_name,status,official_answer,supports,comments,created_at,updated_at,author_pseudonym,neb_assessors,neb_published,neb_beautiful_level,neb_beautiful_justifications,neb_sustainable_level,neb_sustainable_justifications,neb_together_level,neb_together_justifications,neb_participatory_level,neb_participatory_justifications,neb_multilevel_level,neb_multilevel_justifications,neb_transdisciplinary_level,neb_transdisciplinary_justifications,milestones,latest_milestone_kind,latest_milestone_label,latest_milestone_date,latest_milestone_progress,completed_on',
    );
    expect(text).toContain('Skaistāks pagalms ķīmiķu ciematā');
    expect(text).toContain('Скамейки у реки');
    expect(text).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(text).toContain("'-1+2 @risk");
    expect(text).not.toContain('Hidden from exports');
    expect(text).not.toContain('resident.private');
    expect(text).toMatch(/,p-[0-9a-f]{12},0,,/);
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="kopa-ideas-\d{4}-\d{2}-\d{2}\.csv"/);
  });

  it('XLSX parses back with exceljs: typed columns, formulas never cells, a comments sheet', async () => {
    const agent = await staffAgent();
    const response = await agent.get('/admin/exports/ideas.xlsx').buffer(true).parse(binary).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as never);
    const ideas = workbook.getWorksheet('Ideas')!;
    expect(ideas.rowCount).toBe(3);
    const header = (ideas.getRow(1).values as unknown[]).slice(1);
    const cell = (row: number, name: string) => ideas.getRow(row).getCell(header.indexOf(name) + 1);
    expect(cell(2, 'title').value).toBe('=HYPERLINK("http://evil","x")');
    expect(cell(2, 'title').type).toBe(ExcelJS.ValueType.String);
    expect(cell(3, 'latitude').value).toBe(55.87);
    expect(cell(3, 'created_at').value).toBeInstanceOf(Date);
    const comments = workbook.getWorksheet('Comments')!;
    expect(comments.getRow(2).getCell(4).value).toBe('=cmd|calc');
    expect(comments.getRow(2).getCell(4).type).toBe(ExcelJS.ValueType.String);
  });

  it('GeoJSON: an RFC 7946 FeatureCollection with every attribute, longitude first', async () => {
    const agent = await staffAgent();
    const response = await agent.get('/admin/exports/ideas.geojson').buffer(true).parse(binary).expect(200);
    const collection = JSON.parse((response.body as Buffer).toString('utf8'));
    expect(collection.type).toBe('FeatureCollection');
    const river = collection.features.find((feature: { id: number }) => feature.id === ideaIds[1]);
    expect(river.geometry).toEqual({ type: 'Point', coordinates: [26.51, 55.87] });
    expect(river.properties).toMatchObject({ title: 'Скамейки у реки', status: 'new', link: expect.stringContaining(`/ideas/${ideaIds[1]}`), author: expect.stringMatching(/^p-/) });
  });

  it('filters by date range and records every export in the append-only audit log', async () => {
    const agent = await staffAgent();
    const before = Number((await testApp.db('audit_log').count({ n: '*' }))[0].n);
    const response = await agent.get('/admin/exports/ideas.geojson?from=2026-05-01&to=2026-05-31').buffer(true).parse(binary).expect(200);
    expect(JSON.parse((response.body as Buffer).toString()).features.map((feature: { id: number }) => feature.id)).toEqual([ideaIds[1]]);
    const entries = await testApp.db('audit_log').orderBy('id', 'desc').limit(1);
    expect(Number((await testApp.db('audit_log').count({ n: '*' }))[0].n)).toBe(before + 1);
    expect(entries[0]).toMatchObject({ actor_id: moderator.id, action: 'export.ideas', after: { format: 'geojson', filters: { from: '2026-05-01', to: '2026-05-31' } } });
    await expect(testApp.db('audit_log').update({ action: 'tampered' })).rejects.toThrow(/append-only/);
    await expect(testApp.db('audit_log').delete()).rejects.toThrow(/append-only/);
  });

  it.each([
    ['from=2026-13-45', 'from'],
    ['from=2026-06-01&to=2026-05-01', 'from'],
    ['bbox=1,2,3', 'bbox'],
    ['status=lost', 'status'],
  ])('answers malformed filters %s with 400 naming them, and exports nothing', async (query, parameter) => {
    const agent = await staffAgent();
    const before = Number((await testApp.db('audit_log').count({ n: '*' }))[0].n);
    const response = await agent.get(`/admin/exports/ideas.csv?${query}&lang=en`).expect(400);
    expect(response.text).toContain(`The parameter “${parameter}” is not valid`);
    expect(Number((await testApp.db('audit_log').count({ n: '*' }))[0].n)).toBe(before);
  });

  it('refuses residents (403) and sends logged-out visitors to log in, exporting nothing', async () => {
    const { agent } = await loggedInAgent(testApp.app, resident);
    for (const format of ['csv', 'xlsx', 'geojson']) {
      await agent.get(`/admin/exports/ideas.${format}`).expect(403);
      expect((await request(testApp.app).get(`/admin/exports/ideas.${format}`).expect(303)).headers.location).toMatch(/^\/login/);
    }
    await agent.get('/admin/exports').expect(403);
    expect(await testApp.db('audit_log').where({ actor_id: resident.id })).toHaveLength(0);
  });

  it('carries translations: as text in CSV, as an object in GeoJSON', async () => {
    await testApp.db('idea_translations').insert({ idea_id: ideaIds[1], locale: 'en', title: '=Benches by the river', description: 'More benches.' });
    const agent = await staffAgent();
    const csv = (await agent.get('/admin/exports/ideas.csv').buffer(true).parse(binary).expect(200)).body.toString('utf8');
    expect(csv).toContain(',en: =Benches by the river — More benches.,');
    const geojson = JSON.parse((await agent.get('/admin/exports/ideas.geojson').buffer(true).parse(binary).expect(200)).body.toString('utf8'));
    const river = geojson.features.find((feature: { id: number }) => feature.id === ideaIds[1]);
    expect(river.properties.translations).toEqual({ en: { title: '=Benches by the river', description: 'More benches.' } });
    await testApp.db('idea_translations').where({ idea_id: ideaIds[1] }).delete();
  });

  it('carries the official answer as inert text: a script stays text, a formula is neutralised', async () => {
    await testApp.db('idea_status_changes').insert({ idea_id: ideaIds[0], changed_by: moderator.id, from_status: 'new', to_status: 'under_review', answer: JSON.stringify({ en: '=1+1 <script>alert(1)</script>' }) });
    const agent = await staffAgent();
    const csv = (await agent.get('/admin/exports/ideas.csv?lang=en').buffer(true).parse(binary).expect(200)).body.toString('utf8');
    expect(csv).toContain(",'=1+1 <script>alert(1)</script>,");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await agent.get('/admin/exports/ideas.xlsx?lang=en').buffer(true).parse(binary).expect(200)).body as never);
    const sheet = workbook.getWorksheet('Ideas')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const answer = sheet.getRow(2).getCell(header.indexOf('official_answer') + 1);
    expect(answer.value).toBe('=1+1 <script>alert(1)</script>');
    expect(answer.type).toBe(ExcelJS.ValueType.String);
    await testApp.db('idea_status_changes').where({ idea_id: ideaIds[0] }).delete();
  });

  it('shows the export page with links that keep the filters', async () => {
    const agent = await staffAgent();
    const page = await agent.get('/admin/exports?category=heritage&lang=en').expect(200);
    expect(page.text).toContain('href="/admin/exports/ideas.csv?category=heritage"');
  });

  it('a new milestone shows in the next export: count, latest kind, label, date and progress, the completion day; a formula in the label is neutralised', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: (await testApp.db('ideas').where({ id: ideaIds[0] }).first()).consultation_id, authorId: resident.id, title: 'Parks pie upes', status: 'accepted', createdAt: new Date('2026-03-10T10:00:00Z') });
    const agent = await staffAgent();
    const rowOf = async () => {
      const geojson = JSON.parse((await agent.get('/admin/exports/ideas.geojson').buffer(true).parse(binary).expect(200)).body.toString('utf8'));
      return geojson.features.find((feature: { id: number }) => feature.id === ideaId).properties;
    };
    // Read once before, so a cached export would show the old answer.
    expect(await rowOf()).toMatchObject({ milestones: 0, latestMilestoneKind: '', latestMilestoneLabel: '', latestMilestoneOn: '', latestMilestoneProgress: '', completedOn: '' });

    const { agent: staff, csrf } = await loggedInAgent(testApp.app, moderator);
    await uploadForm(staff.post(`/admin/ideas/${ideaId}/milestones`), { _csrf: csrf, kind: 'works_started', happened_on: '2026-05-04', progress: '40', text_en: 'Works started' }).expect(303);
    expect(await rowOf()).toMatchObject({ milestones: 1, latestMilestoneKind: 'works_started', latestMilestoneLabel: '', latestMilestoneOn: '2026-05-04', latestMilestoneProgress: 40, completedOn: '' });

    // An earlier date is not the latest, whatever order staff enter them in.
    await uploadForm(staff.post(`/admin/ideas/${ideaId}/milestones`), { _csrf: csrf, kind: 'planned', happened_on: '2026-04-01', text_en: 'Planned' }).expect(303);
    await uploadForm(staff.post(`/admin/ideas/${ideaId}/milestones`), { _csrf: csrf, kind: 'other', label_en: '=HYPERLINK("http://evil","trees")', happened_on: '2026-06-01', text_en: 'Trees' }).expect(303);
    expect(await rowOf()).toMatchObject({ milestones: 3, latestMilestoneKind: 'other', latestMilestoneLabel: '=HYPERLINK("http://evil","trees")', latestMilestoneOn: '2026-06-01', latestMilestoneProgress: '' });

    await testApp.db('ideas').where({ id: ideaId }).update({ status: 'implemented' });
    await testApp.db('idea_status_changes').insert({ idea_id: ideaId, changed_by: moderator.id, from_status: 'accepted', to_status: 'implemented', created_at: new Date('2026-06-30T22:30:00Z') });
    // 22:30 UTC on 30 June is 1 July in Riga.
    expect(await rowOf()).toMatchObject({ completedOn: '2026-07-01' });

    const csv = (await agent.get('/admin/exports/ideas.csv?lang=en').buffer(true).parse(binary).expect(200)).body.toString('utf8');
    expect(csv.split('\n').find((line: string) => line.includes(`/ideas/${ideaId},`))).toMatch(/,3,other,"'=HYPERLINK\(""http:\/\/evil"",""trees""\)",2026-06-01,,2026-07-01\r?$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await agent.get('/admin/exports/ideas.xlsx?lang=en').buffer(true).parse(binary).expect(200)).body as never);
    const sheet = workbook.getWorksheet('Ideas')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((candidate) => candidate.getCell(header.indexOf('id') + 1).value === ideaId)!;
    expect(row.getCell(header.indexOf('milestones') + 1).value).toBe(3);
    expect(row.getCell(header.indexOf('latest_milestone_label') + 1).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(header.indexOf('completed_on') + 1).value).toBe('2026-07-01');

    // Ideas without milestones keep empty milestone cells.
    expect(csv.split('\n').find((line: string) => line.includes(`/ideas/${ideaIds[1]},`))).toMatch(/,0,,,,,\r?$/);
  });
});
