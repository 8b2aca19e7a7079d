import zlib from 'node:zlib';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { Express } from 'express';
import type { Knex } from 'knex';
import type { ResponseCache } from '../../server/cache/response-cache';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { loggedInAgent, setCookiesOf } from '../helpers/forms';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { buildUser, type BuiltUser } from '../factories/users';

/** The real app (its public changes listening on the database) with the cache in the test's hand. */
async function cachedApp(cacheMb = '32') {
  const testApp = await createTestApp({ env: { CACHE_MAX_MB: cacheMb } });
  return { ...testApp, cache: testApp.app.get('responseCache') as ResponseCache };
}

let database: TestApp & { cache: ResponseCache };
let db: Knex;
let app: Express;
let author: BuiltUser;
let resident: BuiltUser;
let consultationId: number;
let ideaA: number;
let ideaB: number;

beforeAll(async () => {
  database = await cachedApp();
  ({ db, app } = database);
  author = await buildUser(db, { displayName: 'Author Anna' });
  resident = await buildUser(db, { displayName: 'Resident Rita <b>', preferredLocale: 'en' });
  consultationId = await buildConsultation(db);
  ideaA = await buildIdea(db, { consultationId, authorId: author.id, title: 'Idea A lights', latitude: 55.88, longitude: 26.5 });
  ideaB = await buildIdea(db, { consultationId, authorId: author.id, title: 'Idea B benches', latitude: 55.89, longitude: 26.51 });
  // On PostgreSQL the announcement of these ideas could arrive during the first build, which is then not kept.
  await database.changes.settled();
});

afterAll(async () => {
  await database.close();
});

/** Runs the request and counts the database queries it made. */
async function queriesOf<T>(run: () => PromiseLike<T>): Promise<{ result: T; queries: number }> {
  let queries = 0;
  const count = () => queries++;
  db.on('query', count);
  try {
    const result = await run();
    return { result, queries };
  } finally {
    db.off('query', count);
  }
}

/** Whether the request was answered from the response cache. */
async function fromMemory(send: () => Promise<unknown>): Promise<boolean> {
  const before = database.cache.hits;
  await send();
  return database.cache.hits > before;
}

const get = (url: string, headers: Record<string, string> = {}) => request(app).get(url).set({ 'Accept-Language': 'en', ...headers });

/** A response's bytes as sent: supertest would decompress them. */
async function rawBody(url: string, headers: Record<string, string>) {
  const server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get({ port, path: url, headers: { 'Accept-Language': 'en', ...headers } }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        })
        .on('error', reject);
    });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('a hit after a miss', () => {
  it.each(['/', '/ideas', '/api/ideas.geojson', '/api/ideas.geojson?bbox=26.4,55.8,26.7,55.96', '/IDEA_A', '/API_A'])('answers %s the second time without the database', async (template) => {
    const url = template.replace('/IDEA_A', `/ideas/${ideaA}`).replace('/API_A', `/api/ideas/${ideaA}`);
    const first = await queriesOf(() => get(url).expect(200));
    const second = await queriesOf(() => get(url).expect(200));
    expect(second.queries).toBe(0);
    expect(second.result.text).toBe(first.result.text);
    expect(second.result.headers['content-type']).toBe(first.result.headers['content-type']);
    expect(second.result.headers.vary).toBe('Accept-Encoding, Accept-Language, Cookie');
    expect(second.result.headers['cache-control']).toBe('no-cache');
    expect(second.result.headers['set-cookie']).toBeUndefined();
    // Logging and the security headers still run on a hit.
    expect(second.result.headers['x-request-id']).toBeTruthy();
    expect(second.result.headers['content-security-policy']).toBeTruthy();
  });

  it('keeps one entry per language', async () => {
    const english = await get(`/ideas/${ideaB}`).expect(200);
    const latvian = await get(`/ideas/${ideaB}`, { 'Accept-Language': 'lv' }).expect(200);
    expect(english.headers['content-language']).toBe('en');
    expect(latvian.headers['content-language']).toBe('lv');
    expect(latvian.text).not.toBe(english.text);
    const again = await queriesOf(() => get(`/ideas/${ideaB}`, { 'Accept-Language': 'lv' }).expect(200));
    expect(again.queries).toBe(0);
    expect(again.result.text).toBe(latvian.text);
  });

  it('answers HEAD from the same entry: the same headers, no body', async () => {
    const full = await get('/ideas', { 'Accept-Encoding': 'gzip' }).expect(200);
    const head = await queriesOf(() => request(app).head('/ideas').set({ 'Accept-Language': 'en', 'Accept-Encoding': 'gzip' }).expect(200));
    expect(head.queries).toBe(0);
    expect(head.result.headers.etag).toBe(full.headers.etag);
    expect(head.result.headers['content-length']).toBe(full.headers['content-length']);
    expect(head.result.text).toBeUndefined();
  });

  it('answers a HEAD miss with the headers of the GET that follows it', async () => {
    database.changes.deliver(['ideas']);
    const head = await request(app).head('/ideas?sort=supported').set({ 'Accept-Language': 'en', 'Accept-Encoding': 'identity' }).expect(200);
    const full = await queriesOf(() => get('/ideas?sort=supported', { 'Accept-Encoding': 'identity' }).expect(200));
    expect(full.queries).toBe(0);
    expect(full.result.headers.etag).toBe(head.headers.etag);
    expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(full.result.text));
  });
});

describe('encodings and ETags', () => {
  it.each([
    ['identity', undefined, (body: Buffer) => body],
    ['gzip', 'gzip', (body: Buffer) => zlib.gunzipSync(body)],
    ['br', 'br', (body: Buffer) => zlib.brotliDecompressSync(body)],
  ])('round-trips %s: its own strong ETag, then 304', async (_name, encoding, decode) => {
    const url = `/ideas/${ideaA}`;
    const plain = await get(url, { 'Accept-Encoding': 'identity' }).expect(200);
    const response = await rawBody(url, { 'Accept-Encoding': encoding ?? 'identity' });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe(encoding);
    expect(decode(response.body).toString('utf8')).toBe(plain.text);
    const etag = String(response.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    if (encoding) expect(etag).not.toBe(plain.headers.etag);

    const again = await queriesOf(() => get(url, { 'Accept-Encoding': encoding ?? 'identity', 'If-None-Match': etag }).expect(304));
    expect(again.queries).toBe(0);
    expect(again.result.headers.etag).toBe(etag);
    expect(again.result.headers.vary).toBe('Accept-Encoding, Accept-Language, Cookie');
    expect(again.result.text).toBeFalsy();
    // A list, a weak form and * match too; a tag of another encoding does not.
    await get(url, { 'Accept-Encoding': encoding ?? 'identity', 'If-None-Match': `"other", W/${etag}` }).expect(304);
    await get(url, { 'Accept-Encoding': encoding ?? 'identity', 'If-None-Match': '*' }).expect(304);
    if (encoding) await get(url, { 'Accept-Encoding': encoding, 'If-None-Match': plain.headers.etag }).expect(200);
  });

  it('prefers br for what a browser sends, and honours q values', async () => {
    const url = '/api/ideas.geojson';
    expect((await rawBody(url, { 'Accept-Encoding': 'gzip, deflate, br, zstd' })).headers['content-encoding']).toBe('br');
    expect((await rawBody(url, { 'Accept-Encoding': 'br;q=0.5, gzip' })).headers['content-encoding']).toBe('gzip');
    expect((await rawBody(url, { 'Accept-Encoding': 'gzip, identity;q=0' })).headers['content-encoding']).toBe('gzip');
  });

  it('answers a 304 to a revalidation that arrives on a miss', async () => {
    const url = `/ideas/${ideaB}`;
    const before = await get(url).expect(200);
    database.changes.deliver([`idea:${ideaB}`]);
    let revalidated!: Awaited<ReturnType<typeof get>>;
    expect(await fromMemory(async () => (revalidated = await get(url, { 'If-None-Match': before.headers.etag }).expect(304)))).toBe(false);
    expect(revalidated.headers.etag).toBe(before.headers.etag);
  });
});

describe('invalidation by public changes', () => {
  const warm = async (urls: string[]) => {
    for (const url of urls) await get(url).expect(200);
  };
  const hit = (url: string) => fromMemory(() => get(url).expect(200));

  it('drops only the entries that depend on the changed scopes', async () => {
    const urls = [`/ideas/${ideaA}`, `/ideas/${ideaB}`, `/api/ideas/${ideaA}`, '/ideas', '/', '/api/ideas.geojson'];
    await warm(urls);
    database.changes.deliver([`idea:${ideaA}`]);
    expect(await hit(`/ideas/${ideaA}`)).toBe(false);
    expect(await hit(`/api/ideas/${ideaA}`)).toBe(false);
    expect(await hit(`/ideas/${ideaB}`)).toBe(true);
    expect(await hit('/ideas')).toBe(true);
    expect(await hit('/api/ideas.geojson')).toBe(true);

    database.changes.deliver(['ideas']);
    expect(await hit('/ideas')).toBe(false);
    // The map page shows the list's first cards.
    expect(await hit('/')).toBe(false);
    expect(await hit('/api/ideas.geojson')).toBe(true);
    expect(await hit(`/ideas/${ideaB}`)).toBe(true);

    database.changes.deliver(['points']);
    expect(await hit('/api/ideas.geojson')).toBe(false);
    expect(await hit('/')).toBe(true);

    database.changes.deliver(['reference']);
    for (const url of urls) expect(await hit(url)).toBe(false);
    database.changes.deliver(['all']);
    for (const url of urls) expect(await hit(url)).toBe(false);
  });

  it('does not keep an answer built while a change was announced', async () => {
    const url = `/api/ideas/${ideaB}`;
    database.changes.deliver([`idea:${ideaB}`]);
    let delivered = false;
    const deliverDuringBuild = () => {
      if (!delivered) database.changes.deliver([`idea:${ideaB}`]);
      delivered = true;
    };
    db.on('query', deliverDuringBuild);
    try {
      await get(url).expect(200);
    } finally {
      db.off('query', deliverDuringBuild);
    }
    expect(await hit(url)).toBe(false);
    expect(await hit(url)).toBe(true);
  });

  it('shows a support and a comment made through HTTP on the next anonymous visit', async () => {
    const url = `/ideas/${ideaA}`;
    const before = await get(url).expect(200);
    expect(before.text).toContain('0 supports');
    const { agent, csrf } = await loggedInAgent(app, resident, url);
    await agent.post(`/ideas/${ideaA}/support`).type('form').send({ _csrf: csrf }).expect(303);
    await agent.post(`/ideas/${ideaA}/comments`).type('form').send({ _csrf: csrf, body: 'A comment seen at once' }).expect(303);
    const after = await get(url).expect(200);
    expect(after.text).toContain('1 support');
    expect(after.text).toContain('A comment seen at once');
  });
});

describe('personal pages never enter the cache', () => {
  it('answers a logged-in visitor through the whole stack, and never shows their page to the next visitor', async () => {
    const url = `/ideas/${ideaB}`;
    database.changes.deliver(['all']);
    const { agent } = await loggedInAgent(app, resident, '/account');
    let mine!: Awaited<ReturnType<typeof get>>;
    expect(await fromMemory(async () => (mine = await agent.get(url).set('Accept-Language', 'en').expect(200)))).toBe(false);
    expect(mine.text).toContain('Resident Rita &lt;b&gt;');
    expect(mine.text).toMatch(/name="_csrf" value="[^"]+"/);
    expect(await fromMemory(() => agent.get(url).set('Accept-Language', 'en').expect(200))).toBe(false);

    let anonymous!: Awaited<ReturnType<typeof get>>;
    expect(await fromMemory(async () => (anonymous = await get(url).expect(200)))).toBe(false);
    expect(anonymous.text).not.toContain('Resident Rita');
    expect(anonymous.text).not.toContain('name="_csrf"');
    expect(anonymous.headers['set-cookie']).toBeUndefined();
  });

  it('sends a visitor who still holds a session cookie after logging out through the whole stack', async () => {
    const { agent, csrf } = await loggedInAgent(app, resident, '/');
    await agent.post('/logout').type('form').send({ _csrf: csrf }).expect(303);
    await get('/').expect(200);
    expect(await fromMemory(() => agent.get('/').set('Accept-Language', 'en').expect(200))).toBe(false);
    const anonymous = await get('/').expect(200);
    expect(anonymous.text).not.toContain('Resident Rita');
  });

  it('does not store an answer that sets a cookie (a language chosen with ?lang=)', async () => {
    database.changes.deliver(['all']);
    const chosen = await get('/ideas?lang=ru').expect(200);
    expect(setCookiesOf(chosen).join()).toContain('lang=ru');
    let next!: Awaited<ReturnType<typeof get>>;
    expect(await fromMemory(async () => (next = await get('/ideas', { Cookie: 'lang=ru' }).expect(200)))).toBe(false);
    expect(next.headers['content-language']).toBe('ru');
    expect(await fromMemory(() => get('/ideas', { Cookie: 'lang=ru' }).expect(200))).toBe(true);
  });

  it('is not used for writes', async () => {
    const response = await queriesOf(() => request(app).post('/ideas').type('form').send({}));
    expect(response.result.status).toBe(403);
  });
});

describe('bad input', () => {
  beforeEach(() => database.changes.deliver(['all']));

  it.each([
    ['malformed', 'not-a-tag, "x'],
    ['10 kB', Array.from({ length: 800 }, (_, index) => `"tag-${index}"`).join(', ')],
  ])('answers a %s If-None-Match with a normal 200', async (_name, header) => {
    await get('/ideas').expect(200);
    const response = await get('/ideas', { 'If-None-Match': header }).expect(200);
    expect(response.text).toContain('<html');
  });

  it('answers identity when Accept-Encoding refuses every coding', async () => {
    for (const header of ['gzip;q=0, br;q=0, identity;q=0', '*;q=0', 'identity;q=0', 'br;q=abc']) {
      const response = await rawBody('/api/ideas.geojson', { 'Accept-Encoding': header });
      expect(response.status).toBe(200);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(response.body.toString('utf8')).type).toBe('FeatureCollection');
    }
  });

  it('stores junk parameters, their order, defaults and an unknown ?lang= under the clean key', async () => {
    const clean = await get('/ideas?category=green-space&sort=supported').expect(200);
    const entries = database.cache.entries;
    for (const url of [
      '/ideas?sort=supported&category=green-space',
      '/ideas?category=green-space&sort=supported&page=1&utm_source=news',
      '/ideas?category=green-space&sort=supported&consultation=&q=%20&lang=xx',
      '/ideas?category=green-space&category=heritage&sort=supported',
    ]) {
      const response = await queriesOf(() => get(url).expect(200));
      expect(response.queries).toBe(0);
      expect(response.result.text).toBe(clean.text);
    }
    expect(database.cache.entries).toBe(entries);
  });

  it('builds a miss with junk parameters as the clean address, links included', async () => {
    const junk = await get('/ideas?sort=supported&junk=%3Cscript%3E').expect(200);
    expect(junk.text).not.toContain('junk');
    const clean = await queriesOf(() => get('/ideas?sort=supported').expect(200));
    expect(clean.queries).toBe(0);
  });

  it('does not cache an invalid query: the route answers 400 as before', async () => {
    const entries = database.cache.entries;
    await get('/ideas?page=0').expect(400);
    await get('/api/ideas.geojson?bbox=26.7,55.8,26.4,55.96').expect(400);
    await get('/api/ideas.geojson?bbox=1,2,3').expect(400);
    expect(database.cache.entries).toBe(entries);
  });

  it('answers a world-sized bbox correctly and from memory the second time', async () => {
    const world = await get('/api/ideas.geojson?bbox=-180,-90,180,90').expect(200);
    expect(world.body.features.map((feature: { id: number }) => feature.id)).toEqual(expect.arrayContaining([ideaA, ideaB]));
    expect((await queriesOf(() => get('/api/ideas.geojson?bbox=-180.0,-90,180,90.000').expect(200))).queries).toBe(0);
  });

  it('ignores Range and sends the full answer', async () => {
    const full = await get('/api/ideas.geojson').expect(200);
    for (let round = 0; round < 2; round++) {
      const ranged = await get('/api/ideas.geojson', { Range: 'bytes=0-10' }).expect(200);
      expect(ranged.headers['content-range']).toBeUndefined();
      expect(ranged.text).toBe(full.text);
    }
  });

  it('does not cache missing ideas or non-numeric ids', async () => {
    const entries = database.cache.entries;
    await get('/ideas/999999').expect(404);
    await get('/ideas/abc').expect(404);
    await get('/api/ideas/999999').expect(404);
    expect(database.cache.entries).toBe(entries);
  });
});

describe('the byte limit', () => {
  it('counts each compressed variant when it is made after the answer was stored', async () => {
    const fresh = await buildIdea(db, { consultationId, authorId: author.id, title: 'Idea C fountain', latitude: 55.87, longitude: 26.52 });
    const url = `/ideas/${fresh}`;
    const headers = { 'Accept-Language': 'ru' };
    await database.changes.settled();
    const before = database.cache.bytes;
    const plain = await rawBody(url, { ...headers, 'Accept-Encoding': 'identity' });
    const afterPlain = database.cache.bytes;
    expect(afterPlain - before).toBeGreaterThanOrEqual(plain.body.length);
    const brotli = await rawBody(url, { ...headers, 'Accept-Encoding': 'br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(database.cache.bytes - afterPlain).toBe(brotli.body.length);
    const afterBrotli = database.cache.bytes;
    const gzipped = await rawBody(url, { ...headers, 'Accept-Encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(database.cache.bytes - afterBrotli).toBe(gzipped.body.length);
  });

  it('holds under a flood of 500 distinct list queries', async () => {
    const small = await cachedApp('0.25');
    try {
      const authorId = (await buildUser(small.db)).id;
      const consultation = await buildConsultation(small.db);
      for (let index = 0; index < 3; index++) await buildIdea(small.db, { consultationId: consultation, authorId });
      const limit = 0.25 * 1024 * 1024;
      let largest = 0;
      for (let page = 1; page <= 500; page++) {
        await request(small.app).get(`/ideas?page=${page}`).expect(200);
        largest = Math.max(largest, small.cache.bytes);
        expect(small.cache.bytes).toBeLessThanOrEqual(limit);
      }
      expect(largest).toBeGreaterThan(limit / 2);
      expect(small.cache.entries).toBeLessThan(500);
    } finally {
      await small.close();
    }
  });
});
