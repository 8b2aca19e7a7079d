import v8 from 'node:v8';
import vm from 'node:vm';
import zlib from 'node:zlib';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../server/app';
import { createLogger } from '../../server/logger';
import { startPublicChanges, type PublicChanges } from '../../server/cache/public-changes';
import { publishedIdeaListCount, publishedIdeaMapColumns, publishedIdeaMapPoints } from '../../server/ideas/ideas.queries';
import { ideaFiltersSchema, ideaListQuerySchema, ideaStatuses, nebValues } from '../../server/ideas/ideas.schema';
import { encodeAnswer, mapPoints } from '../../server/ideas/map-points';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { testConfig } from '../helpers/test-app';
import { queriesDuring } from '../helpers/sent-queries';
import { rawRequest } from '../helpers/raw-request';
import { buildUser } from '../factories/users';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { listening, type ListeningServer } from '../workshops/helpers';

let database: TestDatabase;
let changes: PublicChanges;
let app: Express;
let authorId: number;
let consultationId: number;
let otherConsultationId: number;
const categories = ['green-space', 'heritage', 'riverside-water'];

beforeAll(async () => {
  database = await createTestDatabase();
  changes = startPublicChanges(database.db);
  app = createApp({ config: testConfig(), db: database.db, logger: createLogger('silent'), publicChanges: changes });
  authorId = (await buildUser(database.db)).id;
  consultationId = await buildConsultation(database.db);
  otherConsultationId = await buildConsultation(database.db);
  // A deterministic spread over the city, with pins on the edges of the boxes below.
  for (let index = 0; index < 60; index += 1) {
    await buildIdea(database.db, {
      consultationId: index % 4 === 0 ? otherConsultationId : consultationId,
      authorId,
      category: categories[index % 3],
      status: ideaStatuses[index % ideaStatuses.length],
      nebValues: [nebValues[index % 3], ...(index % 5 === 0 ? [nebValues[(index + 1) % 3]] : [])],
      visibility: index % 11 === 0 ? 'hidden' : index % 13 === 0 ? 'pending' : 'published',
      longitude: 26.48 + ((index * 7) % 20) / 1000,
      latitude: 55.86 + ((index * 3) % 17) / 1000,
    });
  }
});
afterAll(async () => {
  await changes.close();
  await database.close();
});

interface Feature {
  type: 'Feature';
  id: number;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: { category: string };
}
const byId = (features: Feature[]) => [...features].sort((a, b) => a.id - b.id);
const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

async function fromDatabase(query: string): Promise<Feature[]> {
  const filters = ideaFiltersSchema.parse(Object.fromEntries(new URLSearchParams(query)));
  const points = await publishedIdeaMapPoints(database.db, filters);
  return byId(
    points.map((point) => ({
      type: 'Feature',
      id: point.id,
      geometry: { type: 'Point', coordinates: [round6(point.longitude), round6(point.latitude)] },
      properties: { category: point.category },
    })),
  );
}

async function fromMap(query: string): Promise<Feature[]> {
  const response = await request(app).get(`/api/ideas.geojson${query ? `?${query}` : ''}`).expect(200);
  expect(response.body.type).toBe('FeatureCollection');
  return byId(response.body.features);
}

/** Filters of the map's data; CONSULTATION and OTHER stand for the two consultations' ids. */
const filterTemplates = [
  '',
  'bbox=26.48,55.86,26.49,55.87',
  'bbox=26.485,55.863,26.497,55.875',
  'bbox=26.49,55.866,26.49,55.876',
  'bbox=-180,-90,180,90',
  'bbox=27,56,28,57',
  `consultation=CONSULTATION`,
  'category=heritage',
  'category=no-such-category',
  'value=together',
  'status=accepted',
  'bbox=26.48,55.86,26.5,55.87&category=green-space&value=beautiful',
  'bbox=26.48,55.86,26.5,55.87&consultation=OTHER&status=new',
  'q=Idea 1',
];

const filledTemplate = (template: string) => template.replace('CONSULTATION', String(consultationId)).replace('OTHER', String(otherConsultationId));

describe('map points from memory', () => {
  it.each(filterTemplates)('answers %s with the features the database query finds', async (template) => {
    const query = filledTemplate(template);
    const expected = await fromDatabase(query);
    expect(await fromMap(query)).toEqual(expected);
  });

  const listTemplates = [...filterTemplates.filter((template) => !template.startsWith('q=')), 'bbox=26.48,55.86,26.5,55.87&consultation=OTHER&status=new&sort=supported&page=2'];
  it.each(listTemplates)('counts for the list %s as many ideas as the database does', async (template) => {
    const query = ideaListQuerySchema.parse(Object.fromEntries(new URLSearchParams(filledTemplate(template))));
    const { total, totalIsAtLeast } = await publishedIdeaListCount(database.db, query);
    expect(totalIsAtLeast).toBe(false);
    expect(await mapPoints(database.db, changes).count(query)).toBe(total);
  });

  it('counts the list without the database once the pins are loaded', async () => {
    await fromMap('');
    const list = await queriesDuring(database.db, () => request(app).get('/ideas?category=heritage&status=new').expect(200));
    expect(list.filter((sql) => /count\(/i.test(sql))).toEqual([]);
    const searched = await queriesDuring(database.db, () => request(app).get('/ideas?category=heritage&q=Idea').expect(200));
    expect(searched.filter((sql) => /count\(/i.test(sql))).toHaveLength(1);
  });

  it('answers a bbox and the filters without the database once the pins are loaded', async () => {
    await fromMap('');
    const statements = await queriesDuring(database.db, async () => {
      await fromMap('bbox=26.48,55.86,26.49,55.87');
      await fromMap(`bbox=-180,-90,180,90&consultation=${consultationId}`);
      await fromMap('category=heritage&status=new');
    });
    expect(statements).toEqual([]);
  });

  it('loads the pins again after a change of the points, and not after a change of one idea', async () => {
    await fromMap('');
    // Added with the triggers off, so that only the announcements made here reach the map; its
    // pin (which a trigger keeps otherwise) is written by hand.
    const added = await database.db.transaction(async (trx) => {
      await trx.raw('set local session_replication_role = replica');
      const id = await buildIdea(trx, { consultationId, authorId, longitude: 26.4701, latitude: 55.8501 });
      await trx.raw(
        `insert into idea_map_pins (idea_id, pin)
         select id, idea_map_pin(id, longitude, latitude, consultation_id, category_id, status, neb_values) from ideas where id = ?`,
        [id],
      );
      return id;
    });
    changes.deliver(['idea:1']);
    expect(await queriesDuring(database.db, () => fromMap(''))).toEqual([]);
    changes.deliver(['points']);
    expect((await fromMap('bbox=26.47,55.85,26.471,55.851')).map((feature) => feature.id)).toEqual([added]);
    await database.db('ideas').where({ id: added }).update({ visibility: 'hidden' });
    changes.deliver(['all']);
    const whole = await fromMap('');
    expect(whole.map((feature) => feature.id)).not.toContain(added);
    expect(whole).toEqual(await fromDatabase(''));
  });

  it.each([
    ['bbox=26.5,55.86,26.48,55.87', 'must not exceed'],
    ['bbox=26.48,55.87,26.5,55.86', 'must not exceed'],
    ['bbox=-181,-90,180,90', 'within ±180'],
    ['bbox=1e999,0,1,1', 'four numbers'],
    ['bbox=NaN,0,1,1', 'four numbers'],
    ['bbox=1,2,3,4,5', 'four numbers'],
    ['bbox=,,,', 'four numbers'],
  ])('answers 400 for %s without asking the database', async (query, problem) => {
    const statements = await queriesDuring(database.db, async () => {
      const response = await request(app).get(`/api/ideas.geojson?${query}`).expect(400);
      expect(response.body.error).toMatchObject({ code: 'invalid_parameter', parameter: 'bbox' });
      expect(response.body.error.problem).toContain(problem);
    });
    expect(statements).toEqual([]);
  });
});

describe('the whole map, kept compressed', () => {
  let server: ListeningServer;
  beforeAll(async () => {
    server = await listening(app);
  });
  afterAll(() => server.close());

  /** The bytes as sent: supertest would decode them. */
  const raw = (path: string, headers: Record<string, string>, method = 'GET') => rawRequest(`${server.baseUrl}${path}`, headers, method);

  it('sends the same bytes in each encoding, each with its own strong ETag and a 304 for it', async () => {
    const plain = await raw('/api/ideas.geojson', { 'Accept-Encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(byId(JSON.parse(plain.body.toString('utf8')).features)).toEqual(await fromDatabase(''));
    expect(plain.headers.etag).toMatch(/-id"$/);
    const etags = new Set([plain.headers.etag]);
    for (const [encoding, decode] of [
      ['gzip', zlib.gunzipSync],
      ['br', zlib.brotliDecompressSync],
    ] as const) {
      const response = await raw('/api/ideas.geojson', { 'Accept-Encoding': encoding });
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.headers.vary).toMatch(/Accept-Encoding/i);
      expect(response.headers.etag).toMatch(/^"[^"]+"$/);
      expect(response.headers['content-length']).toBe(String(response.body.length));
      expect(decode(response.body).equals(plain.body)).toBe(true);
      // The response cache keeps the map points' own compressed bytes and ETags, not a second compression.
      expect(response.headers.etag).toMatch(encoding === 'gzip' ? /-gz"$/ : /-br"$/);
      etags.add(response.headers.etag);
      const again = await raw('/api/ideas.geojson', { 'Accept-Encoding': encoding, 'If-None-Match': response.headers.etag ?? '' });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
    }
    expect(etags.size).toBe(3);
  });

  it('prefers brotli as a browser asks, and sends identity when every coding is refused', async () => {
    expect((await raw('/api/ideas.geojson', { 'Accept-Encoding': 'gzip, deflate, br, zstd' })).headers['content-encoding']).toBe('br');
    const refused = await raw('/api/ideas.geojson', { 'Accept-Encoding': 'gzip;q=0, br;q=0, deflate;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(refused.body.toString('utf8')).type).toBe('FeatureCollection');
  });

  it('answers a world-sized bbox and HEAD from the kept answer', async () => {
    const whole = await raw('/api/ideas.geojson', { 'Accept-Encoding': 'gzip' });
    const world = await raw('/api/ideas.geojson?bbox=-180,-90,180,90', { 'Accept-Encoding': 'gzip' });
    expect(world.headers.etag).toBe(whole.headers.etag);
    expect(world.body.equals(whole.body)).toBe(true);
    const head = await raw('/api/ideas.geojson', { 'Accept-Encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.etag).toBe(whole.headers.etag);
    expect(head.headers['content-length']).toBe(String(whole.body.length));
    expect(head.body.length).toBe(0);
  });

  it('sends a malformed or huge If-None-Match the full answer', async () => {
    for (const tag of ['"', 'W/', 'x'.repeat(10_000), '*garbage*']) {
      const response = await raw('/api/ideas.geojson', { 'Accept-Encoding': 'gzip', 'If-None-Match': tag });
      expect(response.status).toBe(200);
      expect(JSON.parse(zlib.gunzipSync(response.body).toString('utf8')).type).toBe('FeatureCollection');
    }
  });
});

describe('the pins table', () => {
  /** Every published idea as the pins table must hold it, and as it holds it, by id. */
  async function pinsAndIdeas() {
    const read = await publishedIdeaMapColumns(database.db);
    const pins = Array.from(read.ids, (id, index) => ({
      id,
      longitude: read.longitudes[index],
      latitude: read.latitudes[index],
      consultation: read.consultations[index],
      category: read.categorySlugs.get(read.categoryIds[index]),
      status: ideaStatuses[read.statuses[index]],
      values: nebValues.filter((_value, bit) => read.valueBits[index] & (1 << bit)),
    })).sort((a, b) => a.id - b.id);
    const rows: { id: number; longitude: number; latitude: number; consultation_id: number; slug: string; status: string; neb_values: string[] }[] = await database
      .db('ideas')
      .join('categories', 'categories.id', 'ideas.category_id')
      .where('ideas.visibility', 'published')
      .orderBy('ideas.id')
      .select('ideas.id', 'longitude', 'latitude', 'consultation_id', 'categories.slug', 'status', 'neb_values');
    const ideas = rows.map((row) => ({
      id: Number(row.id),
      longitude: row.longitude,
      latitude: row.latitude,
      consultation: Number(row.consultation_id),
      category: row.slug,
      status: row.status,
      values: nebValues.filter((value) => row.neb_values.includes(value)),
    }));
    return { pins, ideas };
  }

  it('follows every change of what a pin shows, in bulk too, and skips supports', async () => {
    const expectInStep = async () => {
      const { pins, ideas } = await pinsAndIdeas();
      expect(pins).toEqual(ideas);
    };
    await expectInStep();
    const draft = await buildIdea(database.db, { consultationId, authorId, visibility: 'draft', longitude: -0.5, latitude: -0.25 });
    await expectInStep();
    await database.db('ideas').where({ id: draft }).update({ visibility: 'published' });
    await expectInStep();
    await database.db('ideas').where({ id: draft }).update({ longitude: 179.123456789, latitude: -89.5, status: 'implemented', neb_values: ['sustainable', 'together'] });
    await expectInStep();
    const [heritage] = await database.db('categories').where({ slug: 'heritage' }).select('id');
    await database.db('ideas').where({ id: draft }).update({ category_id: heritage.id, consultation_id: otherConsultationId });
    await expectInStep();
    const pinBefore = await database.db('idea_map_pins').where({ idea_id: draft }).first();
    await database.db('ideas').where({ id: draft }).update({ support_count: 5, comment_count: 2 });
    expect(await database.db('idea_map_pins').where({ idea_id: draft }).first()).toEqual(pinBefore);
    await database.db('ideas').where({ consultation_id: otherConsultationId }).update({ status: 'accepted' });
    await expectInStep();
    await database.db('ideas').where({ id: draft }).update({ visibility: 'hidden' });
    await expectInStep();
    await database.db('ideas').where({ id: draft }).update({ visibility: 'published' });
    await database.db('ideas').where({ id: draft }).delete();
    await expectInStep();
    expect(await database.db('idea_map_pins').where({ idea_id: draft })).toEqual([]);
  });
});

describe('an encoded answer', () => {
  const body = Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: Array.from({ length: 500 }, (_, id) => ({ id })) }));

  it('keeps a plain body up to the limit', async () => {
    const answer = encodeAnswer(body, body.length);
    await Promise.all([answer.compressed.br, answer.compressed.gzip]);
    expect(answer.plainIsRemade).toBe(false);
    expect(answer.plain()).toBe(body);
  });

  it('lets a larger plain body go once compressed both ways, and makes the same bytes again from gzip', async () => {
    const answer = encodeAnswer(body, body.length - 1);
    expect(answer.plainIsRemade).toBe(true);
    // Until then it is still there: the first visitors need not wait.
    expect(answer.plain()).toBe(body);
    const [br, gzipped] = await Promise.all([answer.compressed.br, answer.compressed.gzip]);
    await new Promise((resolve) => setImmediate(resolve));
    const remade = answer.plain();
    expect(remade).not.toBe(body);
    expect((await remade).equals(body)).toBe(true);
    expect(zlib.brotliDecompressSync(br).equals(body)).toBe(true);
    expect(zlib.gunzipSync(gzipped).equals(body)).toBe(true);
    expect(answer.ready).toEqual({ br, gzip: gzipped });
  });

  it('holds nothing more of a plain body it let go', async () => {
    v8.setFlagsFromString('--expose-gc');
    const collectGarbage = vm.runInNewContext('gc') as () => void;
    const made = () => {
      const plain = Buffer.from(body);
      return { answer: encodeAnswer(plain, 0), plain: new WeakRef(plain) };
    };
    const { answer, plain } = made();
    await Promise.all([answer.compressed.br, answer.compressed.gzip]);
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(plain.deref()).toBeUndefined();
    expect((await answer.plain()).equals(body)).toBe(true);
  });
});
