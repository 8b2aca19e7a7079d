import request from 'supertest';
import type { Response } from 'supertest';
import type { ResponseCache } from '../../server/cache/response-cache';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { loggedInAgent } from '../helpers/forms';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { buildUser } from '../factories/users';

const logLines: string[] = [];
let testApp: TestApp;
let cache: ResponseCache;
let ideaId: number;

beforeAll(async () => {
  testApp = await createTestApp({ env: { CACHE_MAX_MB: '32', LOG_LEVEL: 'info' }, logDestination: { write: (line) => void logLines.push(line) } });
  cache = testApp.app.get('responseCache') as ResponseCache;
  const author = await buildUser(testApp.db, { displayName: 'Author <script>alert("t")</script>' });
  const consultationId = await buildConsultation(testApp.db);
  ideaId = await buildIdea(testApp.db, { consultationId, authorId: author.id, title: 'Idea <script>alert("t")</script>', latitude: 55.88, longitude: 26.5 });
});

afterAll(async () => {
  await testApp.close();
});

const browser = { 'accept-encoding': 'gzip, br', 'accept-language': 'en-GB,en;q=0.9' };

/** The headers but those that differ per answer anyway. */
function headersOf(response: Response): Record<string, string> {
  const { date: _date, 'x-request-id': _id, ...headers } = response.headers as Record<string, string>;
  return headers;
}

/** Sends the request and tells how it was answered: built by the route, a hit through Express, or a hit before it. */
async function answered(send: () => PromiseLike<Response>): Promise<{ response: Response; way: 'built' | 'stack' | 'early' }> {
  const [hits, early] = [cache.hits, cache.earlyHits];
  const response = await send();
  return { response, way: cache.earlyHits > early ? 'early' : cache.hits > hits ? 'stack' : 'built' };
}

const urls = () => ['/', '/ideas', '/ideas?sort=newest&junk=1', `/ideas/${ideaId}`, `/api/ideas/${ideaId}`, '/api/ideas.geojson'];

describe('a hit answered before Express', () => {
  it.each(['br', 'gzip', 'identity'])('has the same status, headers and body as the miss and the hit through the stack (%s)', async (coding) => {
    const headers = { ...browser, 'accept-encoding': coding };
    for (const url of urls()) {
      const miss = await answered(() => request(testApp.app).get(url).set(headers).expect(200));
      // The first request for a coding may make its variant through the stack.
      await request(testApp.app).get(url).set(headers).expect(200);
      const early = await answered(() => request(testApp.app).get(url).set(headers).expect(200));
      const stack = await answered(() => request(testApp.app).get(url).set({ ...headers, cookie: 'unrelated=1' }).expect(200));
      expect([url, miss.way, early.way, stack.way]).toEqual([url, miss.way, 'early', 'stack']);
      expect(headersOf(early.response)).toEqual(headersOf(stack.response));
      expect(headersOf(early.response)).toEqual(headersOf(miss.response));
      expect(early.response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(early.response.headers['content-language']).toBe('en');
      expect(early.response.headers['content-encoding']).toBe(coding === 'identity' ? undefined : coding);
      expect(early.response.body).toEqual(stack.response.body);
    }
  });

  it('answers HEAD and a revalidation with the same headers as through the stack', async () => {
    for (const url of urls()) {
      const full = await request(testApp.app).get(url).set(browser).expect(200);
      const head = await answered(() => request(testApp.app).head(url).set(browser).expect(200));
      expect(head.way).toBe('early');
      expect(headersOf(head.response)).toEqual(headersOf(full));
      expect(head.response.text ?? '').toBe('');
      const revalidated = await answered(() => request(testApp.app).get(url).set({ ...browser, 'if-none-match': full.headers.etag }).expect(304));
      const revalidatedThroughStack = await request(testApp.app).get(url).set({ ...browser, 'if-none-match': full.headers.etag, cookie: 'unrelated=1' }).expect(304);
      expect(revalidated.way).toBe('early');
      expect(headersOf(revalidated.response)).toEqual(headersOf(revalidatedThroughStack));
    }
  });

  it('writes the request log line with the incoming request id', async () => {
    const url = `/api/ideas/${ideaId}`;
    await request(testApp.app).get(url).set(browser);
    logLines.length = 0;
    const early = await answered(() => request(testApp.app).get(url).set({ ...browser, 'x-request-id': 'early-hit-1' }).expect(200));
    expect(early.way).toBe('early');
    expect(early.response.headers['x-request-id']).toBe('early-hit-1');
    const line = logLines.map((text) => JSON.parse(text) as Record<string, unknown>).find((entry) => (entry.req as { id?: string } | undefined)?.id === 'early-hit-1');
    expect(line).toMatchObject({ req: { id: 'early-hit-1', method: 'GET', url }, res: { statusCode: 200 }, msg: 'request completed' });
    expect(typeof line?.responseTime).toBe('number');
  });

  it('leaves to the stack what it cannot decide alone: ?lang=, a new Accept-Language, a session, a write', async () => {
    const url = `/ideas/${ideaId}`;
    await request(testApp.app).get(url).set(browser).expect(200);
    expect((await answered(() => request(testApp.app).get(`${url}?lang=ru`).set(browser))).way).not.toBe('early');
    const latvian = await answered(() => request(testApp.app).get(url).set({ ...browser, 'accept-language': 'lv-LV' }));
    expect(latvian.way).not.toBe('early');
    expect(latvian.response.headers['content-language']).toBe('lv');
    expect((await answered(() => request(testApp.app).get(url).set({ ...browser, 'accept-language': 'lv-LV' }))).way).toBe('early');

    const resident = await buildUser(testApp.db, { displayName: 'Resident Rita <b>' });
    const { agent, csrf } = await loggedInAgent(testApp.app, resident);
    const personal = await answered(() => agent.get(url).set(browser).expect(200));
    expect(personal.way).toBe('built');
    expect(personal.response.text).toContain('Resident Rita &lt;b&gt;');

    // A support changes the count: the next anonymous answer waits for it, is built anew, then kept again.
    await agent.post(`/ideas/${ideaId}/support`).type('form').send({ _csrf: csrf }).expect(303);
    expect(await testApp.db('supports').where({ idea_id: ideaId }).count({ count: '*' }).first()).toMatchObject({ count: 1 });
    const after = await answered(() => request(testApp.app).get(url).set(browser).expect(200));
    expect(after.way).toBe('built');
    expect(after.response.text).not.toContain('Resident Rita');
    expect((await answered(() => request(testApp.app).get(url).set(browser))).way).toBe('early');
  });
});
