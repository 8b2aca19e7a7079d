import request from 'supertest';
import { loggedInAgent, uploadForm } from '../helpers/forms';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { jpegWithGps } from '../factories/images';
import { useScene } from '../factories/scene';

const { testApp, consultation, moderator, resident } = useScene({
  users: { moderator: { role: 'moderator', preferredLocale: 'en' }, resident: { preferredLocale: 'en' } },
  consultation: {},
});

/** An idea that reached `status`, implemented in the given year when it is. */
async function ideaAt(status: string, options: { title: string; consultationId?: number; category?: string; completedAt?: string; visibility?: string }): Promise<number> {
  const ideaId = await buildIdea(testApp.db, {
    consultationId: options.consultationId ?? consultation.id,
    authorId: resident.id,
    title: options.title,
    status,
    category: options.category,
    visibility: options.visibility,
    createdAt: new Date('2024-01-10T10:00:00Z'),
  });
  if (status === 'implemented') {
    await testApp.db('idea_status_changes').insert({ idea_id: ideaId, changed_by: moderator.id, from_status: 'in_progress', to_status: 'implemented', created_at: options.completedAt ?? '2025-06-01T10:00:00Z' });
  }
  return ideaId;
}

describe('/results, its feed and GeoJSON', () => {
  let built: number;
  let started: number;
  let builtOnNewYearsEve: number;
  let other: number;
  let hidden: number;
  let accepted: number;
  beforeAll(async () => {
    built = await ideaAt('implemented', { title: 'Built park <script>alert("t")</script>', completedAt: '2025-06-01T10:00:00Z' });
    started = await ideaAt('in_progress', { title: 'Started square' });
    builtOnNewYearsEve = await ideaAt('implemented', { title: 'Old bench', completedAt: '2024-12-31T23:30:00Z', category: 'heritage' });
    other = await ideaAt('implemented', { title: 'Other consultation pier', consultationId: await buildConsultation(testApp.db), completedAt: '2025-02-01T10:00:00Z' });
    hidden = await ideaAt('implemented', { title: 'Hidden fountain', visibility: 'hidden' });
    accepted = await ideaAt('accepted', { title: 'Only accepted' });
  });

  it('lists implemented and in-progress published ideas as cards, on a map, escaped; not hidden or merely accepted ones', async () => {
    const page = await request(testApp.app).get('/results?lang=en').expect(200);
    for (const id of [built, started, builtOnNewYearsEve, other]) expect(page.text).toContain(`href="/ideas/${id}"`);
    for (const id of [hidden, accepted]) expect(page.text).not.toContain(`href="/ideas/${id}"`);
    expect(page.text).toContain('Built park &lt;script&gt;');
    expect(page.text).not.toContain('<script>alert("t")');
    expect(page.text).toContain('id="results-map"');
    expect(page.text).toContain('/static/js/results-map.js');
    expect(page.text).toContain('4 results.');
    expect(page.text).toContain('completed in 2025');
    // 23:30 UTC on 31 December is 2025 in Riga.
    expect((await request(testApp.app).get('/results?lang=lv').expect(200)).text).toContain('Kas uzbūvēts');
  });

  it('filters by consultation, category and year of completion (in Riga)', async () => {
    const byConsultation = await request(testApp.app).get(`/results?consultation=${consultation.id}&lang=en`).expect(200);
    expect(byConsultation.text).not.toContain(`href="/ideas/${other}"`);
    expect(byConsultation.text).toContain(`href="/ideas/${built}"`);
    const byCategory = await request(testApp.app).get('/results?category=heritage&lang=en').expect(200);
    expect(byCategory.text).toContain(`href="/ideas/${builtOnNewYearsEve}"`);
    expect(byCategory.text).not.toContain(`href="/ideas/${built}"`);
    const in2025 = await request(testApp.app).get('/results?year=2025&lang=en').expect(200);
    for (const id of [built, builtOnNewYearsEve, other]) expect(in2025.text).toContain(`href="/ideas/${id}"`);
    expect(in2025.text).not.toContain(`href="/ideas/${started}"`);
    const in2024 = await request(testApp.app).get('/results?year=2024&lang=en').expect(200);
    expect(in2024.text).toContain('Nothing here yet.');
  });

  it('answers a bad filter with 400', async () => {
    await request(testApp.app).get('/results?year=abc').expect(400);
    await request(testApp.app).get('/results?category=<x>').expect(400);
    const api = await request(testApp.app).get('/api/results.geojson?consultation=-1').expect(400);
    expect(api.body.error).toMatchObject({ code: 'invalid_parameter', parameter: 'consultation' });
  });

  it('gives an Atom feed and a GeoJSON of the results', async () => {
    const feed = await request(testApp.app).get('/results.atom?lang=en').expect(200);
    expect(feed.headers['content-type']).toMatch(/^application\/atom\+xml/);
    expect(feed.text).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(feed.text).toContain(`<id>${testApp.config.baseUrl}/ideas/${built}</id>`);
    expect(feed.text).toContain('Built park &lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;');
    expect(feed.text).not.toContain('Hidden fountain');
    const geojson = await request(testApp.app).get('/api/results.geojson?year=2025').expect(200);
    expect(geojson.headers['content-type']).toMatch(/^application\/geo\+json/);
    const collection = JSON.parse(geojson.text);
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.map((feature: { properties: { id: number } }) => feature.properties.id).sort()).toEqual([built, builtOnNewYearsEve, other].sort());
    const feature = collection.features.find((item: { properties: { id: number } }) => item.properties.id === built);
    expect(feature.geometry.type).toBe('Point');
    expect(feature.properties).toMatchObject({ status: 'implemented', completedYear: 2025, url: `${testApp.config.baseUrl}/ideas/${built}` });
  });

  it('the next anonymous request of /results, the feed and the GeoJSON shows a new milestone’s after photo and a newly implemented idea', async () => {
    expect(testApp.app.get('responseCache')).toBeDefined();
    const ideaId = await ideaAt('in_progress', { title: 'Playground soon' });
    // Cached as they are now.
    for (let i = 0; i < 2; i += 1) {
      expect((await request(testApp.app).get('/results?lang=en').expect(200)).text).not.toContain('/uploads/');
      expect((await request(testApp.app).get('/results.atom?lang=en').expect(200)).text).not.toContain('rel="enclosure"');
      expect((await request(testApp.app).get('/api/results.geojson').expect(200)).text).not.toContain('"afterPhoto":"http');
    }
    const { agent, csrf } = await loggedInAgent(testApp.app, moderator, `/admin/ideas/${ideaId}/milestones`);
    await uploadForm(agent.post(`/admin/ideas/${ideaId}/milestones`).attach('photos', await jpegWithGps(500, 400), 'after.jpg'), {
      _csrf: csrf,
      kind: 'opened',
      happened_on: '2026-06-01',
      progress: '100',
      text_en: 'Opened to children',
    }).expect(303);
    const photo = await testApp.db('idea_milestone_photos').where({ idea_id: ideaId }).first();
    await agent.post(`/admin/ideas/${ideaId}/result-photos`).type('form').send({ _csrf: csrf, mark: 'after', photo: `milestone:${photo.id}` }).expect(303);
    expect((await request(testApp.app).get('/results?lang=en').expect(200)).text).toContain(`/uploads/${photo.thumbnail_key}`);
    expect((await request(testApp.app).get('/results.atom?lang=en').expect(200)).text).toContain(`/uploads/${photo.large_key}`);
    expect((await request(testApp.app).get('/api/results.geojson').expect(200)).text).toContain(`/uploads/${photo.large_key}`);

    const before = await request(testApp.app).get(`/results?year=2026&lang=en`).expect(200);
    expect(before.text).not.toContain(`href="/ideas/${ideaId}"`);
    await agent.post(`/admin/ideas/${ideaId}/status`).type('form').send({ _csrf: csrf, status: 'implemented' }).expect(303);
    const year = new Date().getUTCFullYear();
    expect((await request(testApp.app).get(`/results?year=${year}&lang=en`).expect(200)).text).toContain(`href="/ideas/${ideaId}"`);
  });
});
