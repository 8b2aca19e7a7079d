import zlib from 'node:zlib';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { ResponseCache } from '../../server/cache/response-cache';
import { useScene } from '../factories/scene';
import { categoryId } from '../factories/ideas';
import { rawRequest, type RawAnswer } from '../helpers/raw-request';

const { testApp, consultation, author, server } = useScene({ users: { author: {} }, consultation: {}, listen: true });

/** Enough pins for a whole city over 1 MB as plain JSON: its plain body is then not kept. */
const ideaCount = 9000;

beforeAll(async () => {
  await testApp.db.raw(
    `insert into ideas (consultation_id, author_id, title, description, original_locale, category_id, neb_values, latitude, longitude)
     select ?::bigint, ?::bigint, 'Bulk ' || n, 'Bulk idea', 'lv', ?::bigint, array['together'], 55.8 + n / 100000.0, 26.4 + n / 50000.0
     from generate_series(1, ?::int) as n`,
    [consultation.id, author.id, await categoryId(testApp.db, 'heritage'), ideaCount],
  );
});

/** The whole city as sent; no Accept-Encoding given means identity. */
function city(options: { path?: string; encoding?: string; method?: string; ifNoneMatch?: string } = {}): Promise<RawAnswer> {
  const headers: Record<string, string> = { 'Accept-Encoding': options.encoding ?? 'identity' };
  if (options.ifNoneMatch) headers['If-None-Match'] = options.ifNoneMatch;
  return rawRequest(`${server.baseUrl}${options.path ?? '/api/ideas.geojson'}`, headers, options.method);
}
async function addIdea(title: string): Promise<number> {
  const [{ id }] = await testApp.db('ideas').insert(
    {
      consultation_id: consultation.id,
      author_id: author.id,
      title,
      description: 'By the river',
      original_locale: 'lv',
      category_id: await categoryId(testApp.db, 'heritage'),
      neb_values: ['together'],
      latitude: 55.87,
      longitude: 26.52,
    },
    ['id'],
  );
  return Number(id);
}

const responseCache = () => testApp.app.get('responseCache') as ResponseCache;

describe('the whole city over 1 MB', () => {
  it('holds no plain body once it is compressed', async () => {
    v8.setFlagsFromString('--expose-gc');
    const collectGarbage = vm.runInNewContext('gc') as () => void;
    // Built once, then changed, and the new pins read by a bbox that leaves some out: the
    // connections' and the database's own memory has grown to its size before it is counted.
    expect((await city({ encoding: 'br' })).status).toBe(200);
    await addIdea('A first bench');
    expect((await city({ path: '/api/ideas.geojson?bbox=26.4,55.8,26.45,55.85', encoding: 'br' })).status).toBe(200);
    collectGarbage();
    const before = process.memoryUsage().arrayBuffers;
    const brotli = await city({ encoding: 'br' });
    const plainLength = zlib.brotliDecompressSync(brotli.body).length;
    expect(plainLength).toBeGreaterThan(1_000_000);
    await city({ encoding: 'gzip' });
    // The least of three readings: a buffer another part of the process holds for a moment (a
    // connection's) is not the plain body, which would stay.
    const held: number[] = [];
    for (let reading = 0; reading < 3; reading++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      collectGarbage();
      held.push(process.memoryUsage().arrayBuffers - before);
    }
    expect(Math.min(...held)).toBeLessThan(plainLength / 2);
  });

  it('keeps only its compressed variants, and makes the plain one again for a client that takes neither', async () => {
    const gzipped = await city({ encoding: 'gzip' });
    expect([gzipped.status, gzipped.headers['content-encoding']]).toEqual([200, 'gzip']);
    const plainBytes = zlib.gunzipSync(gzipped.body);
    expect(plainBytes.length).toBeGreaterThan(1_000_000);
    expect((JSON.parse(plainBytes.toString()) as { features: unknown[] }).features).toHaveLength(ideaCount + 1);
    const brotli = await city({ encoding: 'br' });
    expect([brotli.status, brotli.headers['content-encoding']]).toEqual([200, 'br']);
    expect(zlib.brotliDecompressSync(brotli.body).equals(plainBytes)).toBe(true);

    // The cache holds the two compressed variants, not the 1 MB plain one beside them.
    expect(responseCache().bytes).toBeLessThan(plainBytes.length);

    const hitsBefore = responseCache().hits;
    const plain = await city();
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(plainBytes.length);
    expect(plain.body.equals(plainBytes)).toBe(true);
    expect(responseCache().hits).toBe(hitsBefore + 1);
    expect(responseCache().bytes).toBeLessThan(plainBytes.length);

    // Made again, it is the same answer: the same strong ETag, a 304 for it, and HEAD with its length.
    const again = await city();
    expect(again.body.equals(plainBytes)).toBe(true);
    expect(again.headers.etag).toBe(plain.headers.etag);
    expect(new Set([plain.headers.etag, gzipped.headers.etag, brotli.headers.etag]).size).toBe(3);
    expect((await city({ ifNoneMatch: plain.headers.etag })).status).toBe(304);
    const head = await city({ method: 'HEAD' });
    expect([head.status, Number(head.headers['content-length']), head.body.length]).toEqual([200, plainBytes.length, 0]);
  });

  it('shows a new idea in the plain answer once the city changed', async () => {
    const before = await city();
    const id = await addIdea('One more bench');
    const after = await city();
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const features = (JSON.parse(after.body.toString()) as { features: { id: number }[] }).features;
    expect(features).toHaveLength(ideaCount + 2);
    expect(features.some((feature) => feature.id === id)).toBe(true);
  });
});
