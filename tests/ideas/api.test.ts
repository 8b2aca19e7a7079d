import request from 'supertest';
import { buildUser } from '../factories/users';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { useScene } from '../factories/scene';

const { testApp } = useScene();
let consultationId: number;
let otherConsultationId: number;
const ids: Record<string, number> = {};
beforeAll(async () => {
  const author = await buildUser(testApp.db);
  consultationId = await buildConsultation(testApp.db);
  otherConsultationId = await buildConsultation(testApp.db);
  ids.fortress = await buildIdea(testApp.db, { consultationId, authorId: author.id, category: 'heritage', latitude: 55.889, longitude: 26.489, title: 'Fortress walls lit' });
  ids.centre = await buildIdea(testApp.db, { consultationId, authorId: author.id, category: 'green-space', latitude: 55.8725, longitude: 26.5155, nebValues: ['together'], status: 'accepted' });
  ids.stropi = await buildIdea(testApp.db, { consultationId: otherConsultationId, authorId: author.id, category: 'riverside-water', latitude: 55.8922, longitude: 26.5703 });
  ids.hidden = await buildIdea(testApp.db, { consultationId, authorId: author.id, visibility: 'hidden', latitude: 55.88, longitude: 26.52 });
  ids.pending = await buildIdea(testApp.db, { consultationId, authorId: author.id, visibility: 'pending', latitude: 55.88, longitude: 26.52 });
});

const featureIds = (body: { features: { id: number }[] }) => body.features.map((feature) => feature.id).sort((a, b) => a - b);

describe('GET /api/ideas.geojson', () => {
  it('is an RFC 7946 FeatureCollection of published ideas with longitude first', async () => {
    const response = await request(testApp.app).get('/api/ideas.geojson').expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.body.type).toBe('FeatureCollection');
    expect(featureIds(response.body)).toEqual([ids.fortress, ids.centre, ids.stropi].sort((a, b) => a - b));
    const fortress = response.body.features.find((feature: { id: number }) => feature.id === ids.fortress);
    expect(fortress).toEqual({ type: 'Feature', id: ids.fortress, geometry: { type: 'Point', coordinates: [26.489, 55.889] }, properties: { category: 'heritage' } });
  });

  it.each([
    ['category=heritage', () => [ids.fortress]],
    ['value=together', () => [ids.centre]],
    ['status=accepted', () => [ids.centre]],
    ['q=FORTRESS', () => [ids.fortress]],
    ['q=%25', () => []],
    ['bbox=26.48,55.88,26.50,55.90', () => [ids.fortress]],
    ['bbox=26.4,55.8,26.7,55.96&category=riverside-water', () => [ids.stropi]],
  ])('filters with %s', async (query, expected) => {
    const response = await request(testApp.app).get(`/api/ideas.geojson?${query}`).expect(200);
    expect(featureIds(response.body)).toEqual(expected().sort((a, b) => a - b));
  });

  it('filters by consultation', async () => {
    const response = await request(testApp.app).get(`/api/ideas.geojson?consultation=${otherConsultationId}`).expect(200);
    expect(featureIds(response.body)).toEqual([ids.stropi]);
  });

  it.each([
    ['bbox=26.4,55.8,26.7', 'bbox', 'four numbers'],
    ['bbox=west,south,east,north', 'bbox', 'four numbers'],
    ['bbox=26.7,55.8,26.4,55.96', 'bbox', 'must not exceed'],
    ['bbox=26.4,95,26.7,96', 'bbox', 'within ±90'],
    ['status=finished', 'status', 'must be one of'],
    ['value=cheap', 'value', 'must be one of'],
    ['consultation=abc', 'consultation', 'consultation id'],
    ['category=<script>', 'category', 'category slug'],
  ])('answers 400 JSON naming the parameter for %s', async (query, parameter, problem) => {
    const response = await request(testApp.app).get(`/api/ideas.geojson?${query}`).expect(400);
    expect(response.body.error).toMatchObject({ code: 'invalid_parameter', parameter });
    expect(response.body.error.problem).toContain(problem);
  });
});

describe('GET /api/ideas/:id', () => {
  it('returns one published idea with its texts as data', async () => {
    const response = await request(testApp.app).get(`/api/ideas/${ids.fortress}`).expect(200);
    expect(response.body).toMatchObject({
      id: ids.fortress,
      url: `/ideas/${ids.fortress}`,
      title: 'Fortress walls lit',
      category: { slug: 'heritage', name: expect.objectContaining({ lv: expect.any(String), ru: expect.any(String), en: expect.any(String) }) },
      latitude: 55.889,
      longitude: 26.489,
      supportCount: 0,
      commentCount: 0,
    });
    expect(response.body).not.toHaveProperty('email');
  });

  it('answers 404 JSON for hidden, pending, unknown and malformed ids', async () => {
    for (const id of [ids.hidden, ids.pending, 999999, 'abc']) {
      const response = await request(testApp.app).get(`/api/ideas/${id}`).expect(404);
      expect(response.body.error.code).toBe('not_found');
    }
  });
});

describe('GeoJSON compression', () => {
  it('is gzipped for clients that accept it', async () => {
    const [{ id: authorId }] = await testApp.db('users').select('id').limit(1);
    for (let index = 0; index < 20; index += 1) await buildIdea(testApp.db, { consultationId, authorId, latitude: 55.86 + index / 1000 });
    const response = await request(testApp.app).get('/api/ideas.geojson').set('Accept-Encoding', 'gzip').expect(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.body.type).toBe('FeatureCollection');
  });
});
