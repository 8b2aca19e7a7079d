import request from 'supertest';
import ExcelJS from 'exceljs';
import { loggedInAgent } from '../helpers/forms';
import { buildIdea } from '../factories/ideas';
import { useScene } from '../factories/scene';

const { testApp, consultation, planner, moderator, author } = useScene({
  users: { planner: { role: 'planner', preferredLocale: 'en' }, moderator: { role: 'moderator', preferredLocale: 'en' }, author: {} },
  consultation: {},
});

const elements = ['beautiful', 'sustainable', 'together', 'participatory', 'multilevel', 'transdisciplinary'] as const;
const form = (levels: number[], text: string) =>
  Object.fromEntries(elements.flatMap((element, index) => [[`${element}Level`, String(levels[index])], [`${element}Justification`, `${text} ${element}`]]));

/** RFC 4180 rows as objects by header (quoted fields, doubled quotes, newlines inside quotes). */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [[]];
  let field = '';
  let quoted = false;
  const endField = () => {
    rows[rows.length - 1].push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (quoted) {
      field += char;
    } else if (char === ',') {
      endField();
    } else if (char === '\n') {
      endField();
      rows.push([]);
    } else if (char !== '\r') {
      field += char;
    }
  }
  if (field || rows[rows.length - 1].length) rows[rows.length - 1].push(field);
  const [header, ...body] = rows.filter((row) => row.length > 1);
  return body.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index] ?? ''])));
}

function binary(res: request.Response, callback: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

let published: number;
let internal: number;
let plain: number;
beforeAll(async () => {
  [published, internal, plain] = [
    await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'Published assessment' }),
    await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'Internal assessment' }),
    await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'Not assessed' }),
  ];
  const { agent, csrf } = await loggedInAgent(testApp.app, planner);
  await agent.post(`/admin/ideas/${published}/assessment`).type('form').send({ _csrf: csrf, ...form([3, 2, 1, 0, 1, 2], '=HYPERLINK("x") public') }).expect(303);
  await agent.post(`/admin/ideas/${published}/assessment/publish`).type('form').send({ _csrf: csrf }).expect(303);
  await agent.post(`/admin/ideas/${published}/assessment`).type('form').send({ _csrf: csrf, ...form([1, 1, 1, 1, 1, 1], 'later') }).expect(303);
  await agent.post(`/admin/ideas/${internal}/assessment`).type('form').send({ _csrf: csrf, ...form([2, 2, 2, 2, 2, 2], 'secret') }).expect(303);
});

describe('NEB levels in the staff exports and the public API', () => {
  it('CSV: the median of all assessments, every justification, and whether they are published', async () => {
    const { agent } = await loggedInAgent(testApp.app, planner);
    const response = await agent.get('/admin/exports/ideas.csv').buffer(true).parse(binary).expect(200);
    const rows = parseCsv((response.body as Buffer).subarray(3).toString('utf8'));
    const byId = new Map(rows.map((row) => [Number(row.id), row]));
    expect(byId.get(published)).toMatchObject({ neb_assessors: '2', neb_published: 'partly', neb_beautiful_level: '1', neb_participatory_level: '0' });
    expect(byId.get(published)!.neb_beautiful_justifications).toBe('en (3): =HYPERLINK("x") public beautiful | en (1): later beautiful');
    expect(byId.get(internal)).toMatchObject({ neb_assessors: '1', neb_published: 'no', neb_together_level: '2', neb_together_justifications: 'en (2): secret together' });
    expect(byId.get(plain)).toMatchObject({ neb_assessors: '0', neb_published: '', neb_beautiful_level: '' });
  });

  it('XLSX and GeoJSON carry the same columns', async () => {
    const { agent } = await loggedInAgent(testApp.app, moderator);
    const xlsx = await agent.get('/admin/exports/ideas.xlsx').buffer(true).parse(binary).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as never);
    const sheet = workbook.getWorksheet('Ideas')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const row = [2, 3, 4].map((index) => sheet.getRow(index)).find((candidate) => candidate.getCell(header.indexOf('id') + 1).value === internal)!;
    expect([row.getCell(header.indexOf('neb_published') + 1).value, row.getCell(header.indexOf('neb_sustainable_level') + 1).value]).toEqual(['no', 2]);

    const geojson = JSON.parse((await agent.get('/admin/exports/ideas.geojson').buffer(true).parse(binary).expect(200)).body.toString('utf8'));
    const feature = geojson.features.find((candidate: { id: number }) => candidate.id === published);
    expect(feature.properties).toMatchObject({ nebAssessors: 2, nebPublished: 'partly', neb_beautiful_level: 1 });
  });

  it('the public API carries the published levels only', async () => {
    const one = (await request(testApp.app).get(`/api/ideas/${published}`).expect(200)).body;
    expect(one.nebAssessment).toEqual({ levels: { beautiful: 3, sustainable: 2, together: 1, participatory: 0, multilevel: 1, transdisciplinary: 2 }, assessors: 1 });
    expect(JSON.stringify(one)).not.toContain('public beautiful');
    expect((await request(testApp.app).get(`/api/ideas/${internal}`).expect(200)).body.nebAssessment).toBeNull();
  });
});
