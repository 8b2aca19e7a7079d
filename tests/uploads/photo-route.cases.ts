import request from 'supertest';
import { createHash } from 'node:crypto';
import { buildIdea } from '../factories/ideas';
import { buildPhoto } from '../factories/photos';
import { useScene } from '../factories/scene';
import { loggedInAgent } from '../helpers/forms';
import { configuredPhotoStorage, localDiskStorage, type PhotoStoreKind } from '../../server/uploads/photo-storage';
import { eraseAccount } from '../../server/account-deletion/erasure.service';
import { buildUser } from '../factories/users';

/** Reads a binary answer whole, whatever its type. */
export const binary = (test: request.Test) =>
  test.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });

const databaseWords = /photo_files|idea_photos|relation|syntax|select |postgres|pglite|stack/i;

/** The route's behaviour, the same whichever store holds the photos. */
export function photoRouteCases(store: PhotoStoreKind): void {
  const { testApp, consultation, author, moderator, neighbour } = useScene({
    users: { author: { preferredLocale: 'en' }, moderator: { role: 'moderator' }, neighbour: {} },
    consultation: {},
    app: { env: { PHOTO_STORE: store } },
  });
  const storage = () => configuredPhotoStorage(testApp.config, testApp.db);
  const photoOf = async (visibility = 'published') => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, visibility });
    return { ideaId, ...(await buildPhoto(testApp.db, storage(), ideaId)) };
  };

  it(`keeps the files in the ${store} store only`, async () => {
    const { largeKey, thumbnailKey } = await photoOf();
    const inTable = (await testApp.db('photo_files').whereIn('key', [largeKey, thumbnailKey]).select('key')).map((row) => row.key as string);
    const onDisk = testApp.uploadedFiles().filter((name) => name === largeKey || name === thumbnailKey);
    expect(store === 'database' ? inTable.sort() : onDisk.sort()).toEqual([largeKey, thumbnailKey].sort());
    expect(store === 'database' ? onDisk : inTable).toEqual([]);
  });

  it('serves a published photo with a strong content-hash ETag, a year of caching, nosniff and the CSP', async () => {
    const { largeKey } = await photoOf();
    const stored = (await storage().read(largeKey))!;
    const response = await binary(request(testApp.app).get(`/uploads/${largeKey}`)).expect(200);
    expect(Buffer.compare(response.body as Buffer, stored)).toBe(0);
    expect(response.headers).toMatchObject({
      'content-type': 'image/webp',
      'content-length': String(stored.length),
      etag: `"${createHash('sha256').update(stored).digest('hex')}"`,
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('answers 304 to a matching If-None-Match, to *, and to a list holding the tag (weak or not)', async () => {
    const { thumbnailKey } = await photoOf();
    const { headers } = await request(testApp.app).get(`/uploads/${thumbnailKey}`).expect(200);
    const etag = headers.etag as string;
    for (const condition of [etag, '*', `"other", W/${etag}`, `"a", ${etag} , "b"`]) {
      const notModified = await request(testApp.app).get(`/uploads/${thumbnailKey}`).set('If-None-Match', condition).expect(304);
      expect(notModified.headers.etag).toBe(etag);
      expect(notModified.text ?? '').toBe('');
    }
    await request(testApp.app).get(`/uploads/${thumbnailKey}`).set('If-None-Match', '"something-else"').expect(200);
  });

  it('answers a 10 kB If-None-Match that matches nothing with the whole photo, and one ending in the tag with 304', async () => {
    const { largeKey } = await photoOf();
    const { headers } = await request(testApp.app).get(`/uploads/${largeKey}`).expect(200);
    const junk = Array.from({ length: 400 }, (_, index) => `"${'x'.repeat(20)}${index}"`).join(', ');
    expect(junk.length).toBeGreaterThan(10_000);
    const full = await binary(request(testApp.app).get(`/uploads/${largeKey}`).set('If-None-Match', junk)).expect(200);
    expect((full.body as Buffer).length).toBe(Number(headers['content-length']));
    await request(testApp.app).get(`/uploads/${largeKey}`).set('If-None-Match', `${junk}, ${headers.etag as string}`).expect(304);
    // An unquoted, comma-only or garbage header is not a match, and not an error either.
    for (const odd of [',,,,', 'W/', '"unterminated', ' '.repeat(9000) + 'x']) {
      await request(testApp.app).get(`/uploads/${largeKey}`).set('If-None-Match', odd).expect(200);
    }
  });

  it('answers HEAD with the headers and no body', async () => {
    const { largeKey } = await photoOf();
    const stored = (await storage().read(largeKey))!;
    const head = await request(testApp.app).head(`/uploads/${largeKey}`).expect(200);
    expect(head.headers['content-length']).toBe(String(stored.length));
    expect(head.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(head.text ?? '').toBe('');
  });

  it.each(['bytes=0-9', 'bytes=-5', 'bytes=100000000-', 'bytes=5-1', 'bytes=0-1,3-4,0-1,3-4', 'lines=1-2', 'bytes=' + '0-1,'.repeat(2000)])(
    'answers Range: %s with the whole photo (200, Accept-Ranges: none)',
    async (range) => {
      const { largeKey } = await photoOf();
      const stored = (await storage().read(largeKey))!;
      const response = await binary(request(testApp.app).get(`/uploads/${largeKey}`).set('Range', range)).expect(200);
      expect(response.headers['accept-ranges']).toBe('none');
      expect(response.headers['content-range']).toBeUndefined();
      expect(Buffer.compare(response.body as Buffer, stored)).toBe(0);
    },
  );

  it('answers 404 with the translated not-found page, and no database text, for a key nobody stored', async () => {
    for (const key of ['00000000-0000-4000-8000-000000000000-large.jpg', 'nothing.png', 'a.webp']) {
      const response = await request(testApp.app).get(`/uploads/${key}?lang=en`).expect(404);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toContain('We could not find this page');
      expect(response.text).not.toMatch(databaseWords);
      expect(response.headers.etag ?? '').not.toMatch(/^"[0-9a-f]{64}"$/);
    }
    const latvian = await request(testApp.app).get('/uploads/nothing.jpg?lang=lv').expect(404);
    expect(latvian.text).toContain('lang="lv"');
  });

  it.each([
    '/uploads/..%2f..%2fpackage.json',
    '/uploads/%2e%2e%2f%2e%2e%2fpackage.json',
    '/uploads/%2e%2e',
    '/uploads/..',
    '/uploads/../package.json',
    '/uploads/..%5c..%5cpackage.json',
    '/uploads/%2fetc%2fpasswd',
    '/uploads/x.jpg%00.png',
    '/uploads/X.JPG',
    `/uploads/${'a'.repeat(5000)}.jpg`,
  ])('answers 404 to the path-like or unsafe key %s, reading nothing', async (path) => {
    const response = await request(testApp.app).get(`${path}${path.includes('?') ? '&' : '?'}lang=en`);
    expect(response.status).toBe(404);
    expect(response.text).not.toContain('"name": "kopa"');
    expect(response.text).not.toContain('root:');
    expect(response.text).not.toMatch(databaseWords);
  });

  it('answers 404 once a moderator hides the idea, on the very next request; its author and staff still see it, never cached publicly', async () => {
    const { ideaId, largeKey } = await photoOf();
    const url = `/uploads/${largeKey}`;
    await request(testApp.app).get(url).expect(200);
    const staff = await loggedInAgent(testApp.app, moderator);
    await staff.agent.post(`/admin/ideas/${ideaId}/hide`).type('form').send({ _csrf: staff.csrf, reason: 'Off topic <script>' }).expect(303);
    expect((await testApp.db('ideas').where({ id: ideaId }).first('visibility')).visibility).toBe('hidden');
    const hidden = await request(testApp.app).get(`${url}?lang=en`).expect(404);
    expect(hidden.text).toContain('We could not find this page');
    await request(testApp.app).head(url).expect(404);
    await request(testApp.app).get(url).set('If-None-Match', '*').expect(404);
    const other = await loggedInAgent(testApp.app, neighbour);
    await other.agent.get(url).expect(404);
    for (const who of [staff.agent, (await loggedInAgent(testApp.app, author)).agent]) {
      const seen = await who.get(url).expect(200);
      expect(seen.headers['cache-control']).toBe('private, no-cache');
    }
  });

  it('shows a pending idea’s photo to its author only, and answers 404 when the idea or its photo row is deleted', async () => {
    const pending = await photoOf('pending');
    await request(testApp.app).get(`/uploads/${pending.thumbnailKey}`).expect(404);
    const authorAgent = (await loggedInAgent(testApp.app, author)).agent;
    await authorAgent.get(`/uploads/${pending.thumbnailKey}`).expect(200);

    const deleted = await photoOf();
    await request(testApp.app).get(`/uploads/${deleted.largeKey}`).expect(200);
    await testApp.db('ideas').where({ id: deleted.ideaId }).delete();
    await testApp.changes.settled();
    await request(testApp.app).get(`/uploads/${deleted.largeKey}`).expect(404);
    await authorAgent.get(`/uploads/${deleted.largeKey}`).expect(404);
  });

  it('answers 404 for a file in the store that no photo row names (an upload that never committed)', async () => {
    await storage().put('0a0a0a0a-orphan-large.jpg', Buffer.from('not really a jpeg'), 'image/jpeg');
    await request(testApp.app).get('/uploads/0a0a0a0a-orphan-large.jpg').expect(404);
  });

  it('serves a photo still in the other store (a move under way) from the same URL', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, visibility: 'published' });
    const other = store === 'database' ? localDiskStorage(testApp.config.uploadDir) : configuredPhotoStorage({ ...testApp.config, photoStore: 'database' }, testApp.db);
    const { largeKey } = await buildPhoto(testApp.db, other, ideaId);
    const response = await binary(request(testApp.app).get(`/uploads/${largeKey}`)).expect(200);
    expect(Buffer.compare(response.body as Buffer, (await other.read(largeKey))!)).toBe(0);
  });

  it('answers 404 once the author’s account is erased with its content, and the files are gone from both stores', async () => {
    const leaving = await buildUser(testApp.db, {});
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: leaving.id, visibility: 'published' });
    const { largeKey, thumbnailKey } = await buildPhoto(testApp.db, storage(), ideaId);
    await request(testApp.app).get(`/uploads/${largeKey}`).expect(200);
    await eraseAccount({ db: testApp.db, storage: storage() }, leaving.id, { removeContent: true });
    await testApp.changes.settled();
    for (const key of [largeKey, thumbnailKey]) await request(testApp.app).get(`/uploads/${key}`).expect(404);
    expect(Number((await testApp.db('photo_files').whereIn('key', [largeKey, thumbnailKey]).count<{ count: number }[]>('* as count'))[0].count)).toBe(0);
    expect(testApp.uploadedFiles()).not.toEqual(expect.arrayContaining([largeKey]));
  });

  it('answers a database failure with the error page: no database text, no photo headers', async () => {
    const { largeKey } = await photoOf();
    await testApp.db.raw('alter table photo_files rename to photo_files_away');
    try {
      const response = await request(testApp.app).get(`/uploads/${largeKey}?lang=en`);
      if (store === 'database') expect(response.status).toBeGreaterThanOrEqual(500);
      else expect(response.status).toBe(200);
      if (store === 'database') {
        expect(response.text).not.toMatch(databaseWords);
        expect(response.headers['cache-control'] ?? '').not.toContain('immutable');
        expect(response.headers.etag ?? '').not.toMatch(/^"[0-9a-f]{64}"$/);
      }
    } finally {
      await testApp.db.raw('alter table photo_files_away rename to photo_files');
    }
  });
}
