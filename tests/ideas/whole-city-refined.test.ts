import zlib from 'node:zlib';
import { useScene } from '../factories/scene';
import { buildIdea, categoryId } from '../factories/ideas';
import { rawRequest, type RawAnswer } from '../helpers/raw-request';
import { logIn } from '../helpers/fetch-session';
import { encodeAnswer, mapPoints } from '../../server/ideas/map-points';
import { handFedChanges } from '../helpers/hand-fed-changes';
import { ideaFiltersSchema } from '../../server/ideas/ideas.schema';
import type { ResponseCache } from '../../server/cache/response-cache';

const { testApp, consultation, author, server } = useScene({ users: { author: {} }, consultation: {}, listen: true });

/** A whole city of ~50 kB as plain JSON: over the size from which brotli is refined, far under 1 MB. */
const ideaCount = 400;

beforeAll(async () => {
  await testApp.db.raw(
    `insert into ideas (consultation_id, author_id, title, description, original_locale, category_id, neb_values, latitude, longitude)
     select ?::bigint, ?::bigint, 'Bulk ' || n, 'Bulk idea', 'lv', ?::bigint, array['together'], 55.8 + n / 7919.0, 26.4 + (n * 37 % 400) / 2000.0
     from generate_series(1, ?::int) as n`,
    [consultation.id, author.id, await categoryId(testApp.db, 'heritage'), ideaCount],
  );
});

const city = (headers: Record<string, string>) => rawRequest(`${server.baseUrl}/api/ideas.geojson`, headers);

/** Asks until the brotli answer carries another ETag than `first` (the refined one is made in the background). */
async function refinedAfter(first: RawAnswer, headers: Record<string, string> = {}): Promise<RawAnswer> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const answer = await city({ 'Accept-Encoding': 'br', ...headers });
    if (answer.headers.etag !== first.headers.etag) return answer;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('brotli was not refined within 5 s');
}

/** The brotli answer once refined (at once when it already is). */
async function refinedCity(headers: Record<string, string> = {}): Promise<RawAnswer> {
  const answer = await city({ 'Accept-Encoding': 'br', ...headers });
  return answer.headers.etag?.endsWith('-br11"') ? answer : refinedAfter(answer, headers);
}

const decodedIds = (brotli: Buffer) => (JSON.parse(zlib.brotliDecompressSync(brotli).toString()) as { features: { id: number }[] }).features.map((feature) => feature.id);

describe('the whole city, refined', () => {
  it('is sent with the fast brotli first, then with a smaller one of the same content and its own ETag', async () => {
    const first = await city({ 'Accept-Encoding': 'br' });
    expect([first.status, first.headers['content-encoding']]).toEqual([200, 'br']);
    expect(first.headers.etag).toMatch(/-br"$/);
    const plain = await city({ 'Accept-Encoding': 'identity' });
    expect(plain.body.length).toBeGreaterThan(32 * 1024);

    const refined = await refinedAfter(first);
    expect(refined.headers.etag).toMatch(/-br11"$/);
    expect(refined.body.length).toBeLessThan(first.body.length);
    expect(zlib.brotliDecompressSync(refined.body).equals(plain.body)).toBe(true);
    expect(Number(refined.headers['content-length'])).toBe(refined.body.length);

    // The refined ETag revalidates; the first one no longer matches what is sent.
    expect((await city({ 'Accept-Encoding': 'br', 'If-None-Match': refined.headers.etag! })).status).toBe(304);
    const stale = await city({ 'Accept-Encoding': 'br', 'If-None-Match': first.headers.etag! });
    expect([stale.status, stale.headers.etag]).toEqual([200, refined.headers.etag]);
    // gzip and the plain answer are unchanged.
    expect((await city({ 'Accept-Encoding': 'gzip' })).headers.etag).toMatch(/-gz"$/);
    expect((await city({ 'Accept-Encoding': 'identity' })).headers.etag).toBe(plain.headers.etag);
  });

  it('is refined for a logged-in visitor too, whose answer does not come from the response cache', async () => {
    const { cookie } = await logIn(server.baseUrl, author);
    const refined = await refinedCity({ cookie });
    expect(refined.status).toBe(200);
    expect(refined.headers.etag).toMatch(/-br11"$/);
    expect(decodedIds(refined.body)).toHaveLength(ideaCount);
  });

  it('starts again from the fast brotli after a change of the pins, and shows it', async () => {
    const before = await refinedCity();
    const id = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'One more', latitude: 55.87, longitude: 26.52 });
    const after = await city({ 'Accept-Encoding': 'br' });
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(decodedIds(after.body)).toContain(id);
    expect(after.headers.etag).toMatch(/-br"$/);
    const refined = await refinedAfter(after);
    expect(refined.headers.etag).toMatch(/-br11"$/);
    expect(decodedIds(refined.body)).toContain(id);
  });
});

describe('the whole city in the response cache', () => {
  const responseCache = () => testApp.app.get('responseCache') as ResponseCache;

  it('counts every variant it holds toward the byte limit, the refined brotli included', async () => {
    await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'Counted', latitude: 55.86, longitude: 26.53 });
    await testApp.changes.settled();
    const before = responseCache().bytes;
    const first = await city({ 'Accept-Encoding': 'br' });
    const plain = await city({ 'Accept-Encoding': 'identity' });
    const gzipped = await city({ 'Accept-Encoding': 'gzip' });
    const refined = await refinedAfter(first);
    const held = plain.body.length + gzipped.body.length + refined.body.length;
    // The variants and the entry's key, nothing else.
    const added = responseCache().bytes - before;
    expect(added).toBeGreaterThanOrEqual(held);
    expect(added).toBeLessThan(held + 100);
  });
});

describe('the pins kept in memory', () => {
  it('refine the whole city while it is current, and not once the pins changed', async () => {
    const changes = handFedChanges();
    const points = mapPoints(testApp.db, changes);
    const current = (await points.wholeAnswer(ideaFiltersSchema.parse({})))!;
    expect(await current.refinedBr).toBeDefined();

    changes.deliver(['points']);
    const replaced = (await points.wholeAnswer(ideaFiltersSchema.parse({})))!;
    expect(replaced).not.toBe(current);
    // Changed again before its first brotli is done: its refinement is not made.
    changes.deliver(['points']);
    expect(await replaced.refinedBr).toBeUndefined();
    await changes.close();
  });
});

describe('an encoded answer', () => {
  const body = (bytes: number) => Buffer.from(JSON.stringify({ features: Array.from({ length: bytes / 60 }, (_, index) => ({ id: index, at: [26 + index / 997, 55 + index / 991] })) }));

  it('refines brotli once, updating the kept body and its ETag together', async () => {
    const identity = body(60_000);
    const answer = encodeAnswer(identity);
    const first = await answer.compressed.br;
    const refined = await answer.refinedBr;
    expect(refined).toBeDefined();
    expect(refined!.body.length).toBeLessThan(first.length);
    expect(zlib.brotliDecompressSync(refined!.body).equals(identity)).toBe(true);
    expect([answer.ready.br, answer.etags.br]).toEqual([refined!.body, refined!.etag]);
    expect(answer.etags.br).not.toBe(answer.etags.gzip);
  });

  it('is not refined once it is no longer wanted (the pins changed while the first brotli was made)', async () => {
    let wanted = true;
    const answer = encodeAnswer(body(60_000), undefined, () => wanted);
    wanted = false;
    await answer.compressed.br;
    expect(await answer.refinedBr).toBeUndefined();
    expect(answer.etags.br).toMatch(/-br"$/);
  });

  it('leaves a small answer, and one whose plain body is let go, with the first brotli', async () => {
    expect(await encodeAnswer(body(6_000)).refinedBr).toBeUndefined();
    expect(await encodeAnswer(body(60_000), 10_000).refinedBr).toBeUndefined();
  });
});
