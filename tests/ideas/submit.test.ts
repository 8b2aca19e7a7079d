import sharp from 'sharp';
import request from 'supertest';
import type { Test } from 'supertest';
import { csrfTokenIn, loggedInAgent, visitorWithForm } from '../helpers/forms';
import { buildConsultation, categoryId } from '../factories/ideas';
import { htmlBytes, jpegWithGps, pdfBytes, pngClaiming, smallPng, svgBytes } from '../factories/images';
import { useScene } from '../factories/scene';

// Photos are sent by a second resident: each account may send only so many idea forms an hour.
const { testApp, consultation, resident, photographer } = useScene({
  users: { resident: { displayName: 'Olga', preferredLocale: 'ru' }, photographer: {} },
  consultation: {},
});
let greenSpace: number;
beforeAll(async () => {
  greenSpace = await categoryId(testApp.db, 'green-space');
});

const ideaCount = async () => Number((await testApp.db('ideas').count({ count: '*' }))[0].count);

function fillIdeaForm(post: Test, csrf: string, overrides: Record<string, string | string[] | undefined> = {}): Test {
  const fields: Record<string, string | string[] | undefined> = {
    consultationId: String(consultation.id),
    title: 'Soliņi Daugavas krastā',
    description: 'Vairāk soliņu un ēnas gar promenādi.',
    originalLocale: 'lv',
    categoryId: String(greenSpace),
    nebValues: ['beautiful', 'together'],
    sentence_beautiful: 'Skaists skats uz upi.',
    place: 'centrs',
    latitude: undefined,
    longitude: undefined,
    ...overrides,
  };
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) post.field(name, item);
  }
  // An upload form's CSRF token travels in the query: the multipart body is read after the check.
  return post.query({ _csrf: csrf });
}

async function residentAgent() {
  return loggedInAgent(testApp.app, resident, '/ideas/new');
}

describe('submitting an idea', () => {
  it('stores an idea placed at a chosen neighbourhood and shows it on its page, in the list and in the GeoJSON', async () => {
    const { agent, csrf } = await residentAgent();
    const response = await fillIdeaForm(agent.post('/ideas?lang=en'), csrf).expect(303);
    const id = Number(/^\/ideas\/(\d+)$/.exec(response.headers.location)![1]);
    const row = await testApp.db('ideas').where({ id }).first();
    const centre = await testApp.db('places').where({ slug: 'centrs' }).first();
    expect(row).toMatchObject({
      author_id: resident.id,
      title: 'Soliņi Daugavas krastā',
      original_locale: 'lv',
      neb_values: ['beautiful', 'together'],
      neb_sentences: { beautiful: 'Skaists skats uz upi.' },
      latitude: centre.latitude,
      longitude: centre.longitude,
      place_name: centre.name.lv,
      status: 'new',
      visibility: 'published',
    });
    const page = await agent.get(response.headers.location).expect(200);
    expect(page.text).toContain('Soliņi Daugavas krastā');
    expect((await request(testApp.app).get('/ideas').expect(200)).text).toContain(`href="/ideas/${id}"`);
    const geojson = await request(testApp.app).get('/api/ideas.geojson').expect(200);
    expect(geojson.body.features.map((feature: { id: number }) => feature.id)).toContain(id);
  });

  it('accepts typed coordinates with a decimal comma, and they win over a chosen place', async () => {
    const { agent, csrf } = await residentAgent();
    const response = await fillIdeaForm(agent.post('/ideas'), csrf, { place: 'centrs', latitude: '55,8801', longitude: '26,5102', placeName: 'Baznīcu kalns' }).expect(303);
    const row = await testApp.db('ideas').where({ id: Number(response.headers.location.split('/').pop()) }).first();
    expect([row.latitude, row.longitude, row.place_name]).toEqual([55.8801, 26.5102, 'Baznīcu kalns']);
  });

  it('keeps ideas of a pre-moderated consultation pending: not public, visible to the author with a notice', async () => {
    const preModerated = await buildConsultation(testApp.db, { moderationMode: 'pre' });
    const { agent, csrf } = await residentAgent();
    const response = await fillIdeaForm(agent.post('/ideas?lang=en'), csrf, { consultationId: String(preModerated), title: 'Pending idea' }).expect(303);
    const id = Number(response.headers.location.split('/').pop());
    expect((await testApp.db('ideas').where({ id }).first()).visibility).toBe('pending');
    expect((await agent.get(`/ideas/${id}?lang=en`).expect(200)).text).toContain('waits for a moderator');
    await request(testApp.app).get(`/ideas/${id}`).expect(404);
    await request(testApp.app).get(`/api/ideas/${id}`).expect(404);
    const geojson = await request(testApp.app).get('/api/ideas.geojson').expect(200);
    expect(geojson.body.features.map((feature: { id: number }) => feature.id)).not.toContain(id);
  });

  it('shows script, event handlers and javascript: links as text, and makes http links safe', async () => {
    const { agent, csrf } = await residentAgent();
    const description = 'Look <script>alert(1)</script> <img src=x onerror=alert(2)> javascript:alert(3) and https://daugavpils.lv/plans?a=1&b=2';
    const response = await fillIdeaForm(agent.post('/ideas'), csrf, { title: '<b>bold</b> title', description }).expect(303);
    const page = await agent.get(response.headers.location).expect(200);
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).not.toContain('href="javascript:');
    expect(page.text).toContain('<a href="https://daugavpils.lv/plans?a=1&amp;b=2" rel="nofollow ugc noopener" target="_blank">');
    expect(page.text).toContain('<h1>&lt;b&gt;bold&lt;/b&gt; title</h1>');
    const api = await request(testApp.app).get(`/api${response.headers.location}`).expect(200);
    expect(api.body.description).toBe(description);
    expect(api.headers['content-type']).toMatch(/application\/json/);
  });
});

describe('refused submissions store nothing', () => {
  it.each([
    ['a pin outside the city', { place: undefined, latitude: '56.9496', longitude: '24.1052' }, 'location', 'outside Daugavpils'],
    ['swapped latitude and longitude', { place: undefined, latitude: '26.5362', longitude: '55.8747' }, 'location', 'seem to be swapped'],
    ['a latitude that is not a number', { place: undefined, latitude: 'north', longitude: '26.5' }, 'latitude', 'must be a number'],
    ['a latitude out of range', { place: undefined, latitude: '95', longitude: '26.5' }, 'latitude', 'between −90 and 90'],
    ['a longitude out of range', { place: undefined, latitude: '55.87', longitude: '-200' }, 'longitude', 'between −180 and 180'],
    ['only one coordinate', { place: undefined, latitude: '55.87', longitude: '' }, 'location', 'both the latitude and the longitude'],
    ['no location at all', { place: '' }, 'location', 'Please show where your idea is'],
    ['an unknown place', { place: 'atlantis' }, 'place', 'choose a place from the list'],
    ['an empty title', { title: '' }, 'title', 'Please give your idea a title'],
    ['a 121-character title', { title: 'x'.repeat(121) }, 'title', 'at most 120 characters'],
    ['a 5,001-character description', { description: 'x'.repeat(5001) }, 'description', 'at most 5,000 characters'],
    ['no NEB value', { nebValues: [] }, 'nebValues', 'at least one New European Bauhaus value'],
    ['an unknown NEB value', { nebValues: ['cheap'] }, 'nebValues', 'at least one New European Bauhaus value'],
    ['an unknown category', { categoryId: '999999' }, 'categoryId', 'Please choose a category'],
  ])('%s', async (_case, overrides, field, message) => {
    const before = await ideaCount();
    const { agent, csrf } = await residentAgent();
    const response = await fillIdeaForm(agent.post('/ideas?lang=en'), csrf, overrides).expect(422);
    expect(response.text).toContain(`id="${field}-error"`);
    expect(response.text).toContain(message);
    expect(await ideaCount()).toBe(before);
  });

  it('keeps what was typed when the form comes back, escaped', async () => {
    const { agent, csrf } = await residentAgent();
    const response = await fillIdeaForm(agent.post('/ideas'), csrf, { title: '', description: 'Mans <apraksts> "ar pēdiņām"' }).expect(422);
    expect(response.text).toContain('Mans &lt;apraksts&gt; &#34;ar pēdiņām&#34;</textarea>');
    expect(response.text).toMatch(/id="neb-together" name="nebValues" value="together" checked/);
  });

  it('refuses an idea in a consultation that is closed', async () => {
    const closed = await buildConsultation(testApp.db, { phase: 'closed' });
    const before = await ideaCount();
    const { agent, csrf } = await residentAgent();
    const response = await fillIdeaForm(agent.post('/ideas?lang=en'), csrf, { consultationId: String(closed) }).expect(422);
    expect(response.text).toContain('not taking new ideas');
    expect(await ideaCount()).toBe(before);
  });

  it('refuses a pin outside the consultation area', async () => {
    const fortressArea = {
      type: 'Polygon' as const,
      coordinates: [[[26.48, 55.885], [26.5, 55.885], [26.5, 55.895], [26.48, 55.895], [26.48, 55.885]]],
    };
    const fortress = await buildConsultation(testApp.db, { area: fortressArea });
    const { agent, csrf } = await residentAgent();
    const outside = await fillIdeaForm(agent.post('/ideas?lang=en'), csrf, { consultationId: String(fortress), place: 'centrs' }).expect(422);
    expect(outside.text).toContain('outside the area of this call for ideas');
    await fillIdeaForm(agent.post('/ideas'), csrf, { consultationId: String(fortress), place: undefined, latitude: '55.89', longitude: '26.49' }).expect(303);
  });

  it('sends a logged-out visitor to log in and stores nothing', async () => {
    const before = await ideaCount();
    expect((await request(testApp.app).get('/ideas/new').expect(303)).headers.location).toBe('/login?next=%2Fideas%2Fnew');
    const { agent, csrf } = await visitorWithForm(testApp.app, '/login');
    const response = await fillIdeaForm(agent.post('/ideas'), csrf).expect(303);
    expect(response.headers.location).toBe('/login?next=%2Fideas');
    expect(await ideaCount()).toBe(before);
  });

  it('refuses a submission without a CSRF token', async () => {
    const before = await ideaCount();
    const { agent } = await residentAgent();
    await fillIdeaForm(agent.post('/ideas'), 'wrong').expect(403);
    expect(await ideaCount()).toBe(before);
    expect(testApp.uploadedFiles()).toEqual([]);
  });
});

describe('photos', () => {
  afterEach(async () => {
    // Every refused upload must leave the store as it found it: only stored ideas own files.
    const photoRows = await testApp.db('idea_photos').select('large_key', 'thumbnail_key');
    expect(testApp.uploadedFiles().sort()).toEqual(photoRows.flatMap((row) => [row.large_key, row.thumbnail_key]).sort());
  });

  it('re-encodes a JPEG with GPS data: orientation applied, no EXIF, ≤ 1600 px and a ≤ 400 px thumbnail', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, photographer, '/ideas/new');
    const response = await fillIdeaForm(agent.post('/ideas'), csrf)
      .attach('photos', await jpegWithGps(), 'IMG_0001.jpg')
      .attach('photos', await smallPng(), 'plan.png')
      .expect(303);
    const id = Number(response.headers.location.split('/').pop());
    const photos = await testApp.db('idea_photos').where({ idea_id: id }).orderBy('position');
    expect(photos).toHaveLength(2);
    const large = await request(testApp.app).get(`/uploads/${photos[0].large_key}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    const largeMetadata = await sharp(large.body as Buffer).metadata();
    expect(largeMetadata).toMatchObject({ format: 'jpeg', width: 1200, height: 1600 });
    expect(largeMetadata.exif).toBeUndefined();
    expect(largeMetadata.orientation).toBeUndefined();
    const page = await agent.get(response.headers.location).expect(200);
    expect(page.text).toContain(`/uploads/${photos[0].thumbnail_key}`);
  });

  it.each([
    ['a .jpg that is really a PDF', pdfBytes, 'scan.jpg', 'is not a JPEG, PNG or WebP image'],
    ['a .jpg that is really HTML', htmlBytes, 'photo.jpg', 'is not a JPEG, PNG or WebP image'],
    ['an SVG', svgBytes, 'drawing.svg', 'is not a JPEG, PNG or WebP image'],
    ['a PNG whose header claims 50,000 × 50,000 pixels', pngClaiming(50_000, 50_000), 'huge.png', 'has too many pixels'],
  ])('refuses %s and stores nothing', async (_case, bytes, name, message) => {
    const before = await ideaCount();
    const { agent, csrf } = await loggedInAgent(testApp.app, photographer, '/ideas/new');
    const response = await fillIdeaForm(agent.post('/ideas?lang=en'), csrf).attach('photos', await smallPng(), 'ok.png').attach('photos', bytes, name).expect(422);
    expect(response.text).toContain('id="photos-error"');
    expect(response.text).toContain(`“${name}” ${message}`);
    expect(await ideaCount()).toBe(before);
  });

  it('refuses a sixth photo with the form kept', async () => {
    const before = await ideaCount();
    const { agent, csrf } = await loggedInAgent(testApp.app, photographer, '/ideas/new');
    const post = fillIdeaForm(agent.post('/ideas?lang=en'), csrf, { title: 'Six photos' });
    const png = await smallPng();
    for (let index = 1; index <= 6; index += 1) post.attach('photos', png, `photo-${index}.png`);
    const response = await post.expect(422);
    expect(response.text).toContain('An idea can have at most 5 photos.');
    expect(response.text).toContain('value="Six photos"');
    expect(await ideaCount()).toBe(before);
  });

  it('answers a 12 MB photo with a localized 413 page', async () => {
    const before = await ideaCount();
    const { agent, csrf } = await loggedInAgent(testApp.app, photographer, '/ideas/new');
    const response = await fillIdeaForm(agent.post('/ideas?lang=lv'), csrf).attach('photos', Buffer.alloc(12 * 1024 * 1024, 1), 'big.jpg').expect(413);
    expect(response.text).toContain('Nosūtītais ir lielāks, nekā Kopā pieņem');
    expect(await ideaCount()).toBe(before);
  });

  it('answers far too many files with a clear 400 page', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, photographer, '/ideas/new');
    const post = fillIdeaForm(agent.post('/ideas?lang=en'), csrf);
    for (let index = 1; index <= 8; index += 1) post.attach('photos', Buffer.from('x'), `photo-${index}.png`);
    const response = await post.expect(400);
    expect(response.text).toContain('An idea can have at most 5 photos.');
  });
});

describe('the form page', () => {
  it('offers neighbourhoods and landmarks, detects the language unless the author chooses it, and has no inline script', async () => {
    const { agent } = await residentAgent();
    const page = await agent.get('/ideas/new?lang=ru').expect(200);
    expect(page.text).toContain('<option value="">Определить по тексту</option>');
    expect(page.text).not.toMatch(/<option value="(lv|ru|en)" selected>/);
    expect(page.text).toMatch(/<optgroup label="[^"]+">\s*<option value="[a-z-]+" data-latitude="55\.\d+"/);
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(csrfTokenIn(page.text)).toBeTruthy();
  });

  it('runs the location map\'s scripts only once its part of the form comes near the screen', async () => {
    const { agent } = await residentAgent();
    const page = (await agent.get('/ideas/new?lang=lv').expect(200)).text;
    const runner = /<script src="\/static\/js\/after-first-paint\.js" data-scripts="([^"]+)" data-when-near="\.location-fieldset" defer><\/script>/.exec(page)!;
    expect(runner[1].split(' ').map((src) => src.replace(/\?v=[0-9a-f]+$/, ''))).toEqual(['/static/bundles/leaflet.js', '/static/js/map-common.js', '/static/js/location-picker.js']);
    expect(page).toContain('<fieldset class="field location-fieldset"');
    // Nothing of the map is fetched before then: no script tag of its own, no preload.
    expect(page).not.toMatch(/<script src="[^"]*(leaflet|location-picker)/);
    expect(page).not.toContain('rel="preload" href="/static/bundles/leaflet.js');
  });
});
