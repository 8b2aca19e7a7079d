import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import express from 'express';
import compression from 'compression';
import request from 'supertest';
import type { ChangeListener, PublicChanges } from '../../server/cache/public-changes';
import { createResponseCache } from '../../server/cache/response-cache';

/** Announcements made by hand: this app has no database. */
function localChanges(): PublicChanges {
  const listeners = new Set<ChangeListener>();
  let generation = 0;
  return {
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get generation() {
      return generation;
    },
    settled: async () => {},
    deliver(scopes) {
      generation++;
      for (const listener of listeners) listener(scopes);
    },
    close: async () => listeners.clear(),
  };
}

/** A bare app around the cache: which finished answers it keeps, whatever the route does. */
function appWithCache() {
  const changes = localChanges();
  const cache = createResponseCache({
    changes,
    maxBytes: 1024 * 1024,
    sessionCookie: 'kopa.sid',
    answerOf: (path) => (path.startsWith('/r/') ? { url: path, dependsOn: ['ideas'], daily: false } : undefined),
  });
  const runs = new Map<string, number>();
  const app = express();
  app.use((req, _res, next) => {
    req.locale = 'en';
    next();
  });
  app.use(cache.middleware);
  app.use((req, _res, next) => {
    runs.set(req.path, (runs.get(req.path) ?? 0) + 1);
    next();
  });
  app.get('/r/plain', (_req, res) => {
    res.type('text').send('plain answer');
  });
  app.get('/r/cookie', (_req, res) => {
    res.cookie('token', 'personal').type('text').send('with a cookie');
  });
  app.get('/r/flash', (_req, res) => {
    res.locals.flash = { kind: 'success', messageKey: 'x' };
    res.type('text').send('with a flash');
  });
  app.get('/r/missing', (_req, res) => {
    res.status(404).type('text').send('missing');
  });
  app.get('/r/huge', (_req, res) => {
    res.type('application/json').send(JSON.stringify(Array.from({ length: 150_000 }, (_, index) => ({ id: index }))));
  });
  app.get('/r/slow', async (_req, res) => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    res.type('text').send('built once');
  });
  app.get('/r/encoded', (_req, res) => {
    res.type('text').set('Content-Encoding', 'gzip').send(zlib.gzipSync('already compressed'));
  });
  app.get('/r/streamed', (_req, res) => {
    res.type('text');
    res.write('streamed ');
    res.end('answer');
  });
  app.get('/r/compressed', compression({ threshold: 0 }), (_req, res) => {
    res.type('application/json').send(JSON.stringify({ words: Array.from({ length: 2000 }, (_, index) => `word ${index}`) }));
  });
  app.get('/r/head-first', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'X-Route': 'kept' });
    res.end('head written first');
  });
  return { app, cache, runs: (path: string) => runs.get(path) ?? 0, changes };
}

describe('what the cache keeps of a route’s answer', () => {
  it('keeps a finished 200 and answers the next request without the route', async () => {
    const { app, cache, runs } = appWithCache();
    await request(app).get('/r/plain').expect(200, 'plain answer');
    const second = await request(app).get('/r/plain').expect(200, 'plain answer');
    expect(second.headers.etag).toBeTruthy();
    expect(cache.entries).toBe(1);
    expect(runs('/r/plain')).toBe(1);
  });

  it.each(['/r/cookie', '/r/flash', '/r/missing', '/r/streamed', '/r/encoded'])('does not keep %s, and sends it unchanged', async (path) => {
    const { app, cache, runs } = appWithCache();
    const first = await request(app).get(path);
    const second = await request(app).get(path);
    expect(runs(path)).toBe(2);
    expect(second.status).toBe(first.status);
    expect(second.text).toBe(first.text);
    expect(cache.entries).toBe(0);
    if (path === '/r/cookie') expect(String(second.headers['set-cookie'])).toContain('token=personal');
  });

  it('never answers a request that carries a session cookie from memory, nor keeps its answer', async () => {
    const { app, cache, runs } = appWithCache();
    await request(app).get('/r/plain').set('Cookie', 'lang=en; kopa.sid=s%3Aabc').expect(200);
    expect(cache.entries).toBe(0);
    await request(app).get('/r/plain').set('Cookie', 'lang=en; not-kopa.sid=1').expect(200);
    expect(cache.entries).toBe(1);
    await request(app).get('/r/plain').set('Cookie', 'kopa.sid=s%3Aabc').expect(200);
    expect(runs('/r/plain')).toBe(3);
  });

  it('compresses a route with its own compression() once, in the cache', async () => {
    const { app, cache } = appWithCache();
    const plain = await request(app).get('/r/compressed').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const gzipped = await request(app)
      .get('/r/compressed')
      .set('Accept-Encoding', 'gzip')
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    // supertest undoes one gzip layer; a second layer would not parse as JSON.
    const body = gzipped.body as Buffer;
    const text = body[0] === 0x1f ? zlib.gunzipSync(body).toString('utf8') : body.toString('utf8');
    expect(JSON.parse(text).words).toHaveLength(2000);
    expect(cache.entries).toBe(1);
  });

  it('compresses a huge body with the fast settings, and it still decodes', async () => {
    const { app } = appWithCache();
    const server = app.listen(0);
    try {
      const { port } = server.address() as AddressInfo;
      const raw = (encoding: string) =>
        new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
          http
            .get({ port, path: '/r/huge', headers: { 'Accept-Encoding': encoding } }, (response) => {
              const chunks: Buffer[] = [];
              response.on('data', (chunk: Buffer) => chunks.push(chunk));
              response.on('end', () => resolve({ encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }));
            })
            .on('error', reject);
        });
      const plain = await raw('identity');
      expect(plain.body.length).toBeGreaterThan(1_000_000);
      const br = await raw('br');
      const gzipped = await raw('gzip');
      expect([br.encoding, gzipped.encoding]).toEqual(['br', 'gzip']);
      expect(zlib.brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
      expect(zlib.gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
      expect(br.body.length).toBeLessThan(plain.body.length / 5);
    } finally {
      server.close();
    }
  });

  it('runs the route once for a crowd that arrives together', async () => {
    const { app, runs } = appWithCache();
    const server = app.listen(0);
    try {
      const answers = await Promise.all(Array.from({ length: 5 }, () => request(server).get('/r/slow')));
      expect(answers.map((answer) => answer.text)).toEqual(Array(5).fill('built once'));
      expect(runs('/r/slow')).toBe(1);
    } finally {
      server.close();
    }
  });

  it('lets the crowd run the route itself when the first build is not kept', async () => {
    const { app, runs } = appWithCache();
    const answers = await Promise.all(Array.from({ length: 3 }, () => request(app).get('/r/cookie')));
    expect(answers.every((answer) => answer.text === 'with a cookie')).toBe(true);
    expect(runs('/r/cookie')).toBe(3);
  });

  it('keeps the headers of a route that writes its head before the body', async () => {
    const { app, runs } = appWithCache();
    const first = await request(app).get('/r/head-first').expect(200, 'head written first');
    expect(first.headers['x-route']).toBe('kept');
    const second = await request(app).get('/r/head-first').expect(200, 'head written first');
    expect(second.headers['content-type']).toMatch(/^text\/plain/);
    expect(runs('/r/head-first')).toBe(1);
  });

  it('drops an entry when a change touches it, and its bytes with it', async () => {
    const { app, cache, changes } = appWithCache();
    await request(app).get('/r/plain').expect(200);
    changes.deliver(['points']);
    expect(cache.entries).toBe(1);
    changes.deliver(['ideas']);
    expect(cache.entries).toBe(0);
    expect(cache.bytes).toBe(0);
  });
});
