import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import session from 'express-session';
import { saveSessionBeforeRedirect } from '../../server/http/save-before-redirect';

/** A store that takes 50 ms to write, as PostgreSQL under load may: the race shows at once. */
class SlowStore extends session.MemoryStore {
  writes = 0;
  override set(sid: string, data: session.SessionData, callback?: (error?: unknown) => void) {
    setTimeout(() => {
      this.writes++;
      super.set(sid, data, callback);
    }, 50);
  }
}

const store = new SlowStore();
const app = express();
app.use(session({ secret: 'test', store, resave: false, saveUninitialized: false }));
app.use(saveSessionBeforeRedirect);
app.post('/remember', (req, res) => {
  (req.session as session.Session & { note?: string }).note = 'kept';
  res.redirect(303, '/next');
});
app.get('/away', (_req, res) => res.redirect(303, '/next'));
let server: http.Server;

/** The status, the cookie and how many writes the store had finished when the headers arrived. */
function headersOf(method: string, path: string, cookie?: string): Promise<{ status: number; cookie?: string; writesAtHeaders: number }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ port, method, path, headers: cookie ? { cookie } : {} }, (response) => {
      resolve({ status: response.statusCode ?? 0, cookie: response.headers['set-cookie']?.[0]?.split(';')[0], writesAtHeaders: store.writes });
      response.resume();
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

beforeAll(async () => {
  server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('a redirect after a change of the session', () => {
  it('is answered only once the store has the session, so the next page reads it', async () => {
    const before = store.writes;
    const answer = await headersOf('POST', '/remember');
    expect(answer.status).toBe(303);
    // Without the middleware express-session sends the headers first and saves meanwhile (0 here).
    expect(answer.writesAtHeaders).toBe(before + 1);
    expect(answer.cookie).toMatch(/^connect\.sid=/);
  });

  it('writes nothing for an unchanged session, and gives a visitor without one no session at all', async () => {
    const { cookie } = await headersOf('POST', '/remember');
    await new Promise((resolve) => setTimeout(resolve, 80));
    const before = store.writes;
    const kept = await headersOf('GET', '/away', cookie);
    const visitor = await headersOf('GET', '/away');
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect([kept.status, visitor.status]).toEqual([303, 303]);
    expect(store.writes).toBe(before);
    expect(visitor.cookie).toBeUndefined();
  });
});
