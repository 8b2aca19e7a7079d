import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { participantFormToken } from '../../server/workshops/participant-cookie';
import { csrfTokenIn, setCookiesOf, visitorWithForm } from '../helpers/forms';
import { unusedTotpCode } from '../helpers/two-factor';

export { participantFormToken };

export interface ListeningServer {
  baseUrl: string;
  close(): Promise<void>;
}

/** The app listening on a free port, for streams (supertest does not read an endless response). */
export async function listening(app: Express): Promise<ListeningServer> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface EventStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Snapshots received so far, oldest first. */
  snapshots: Record<string, unknown>[];
  /** Resolves with the first snapshot (received from now on, or already) that matches. */
  waitFor(match: (snapshot: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** The whole body as text, for a refused stream (an error page or JSON instead of events). */
  text: string;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens a Server-Sent Events stream and parses its `snapshot` events. */
export function openStream(url: string, cookie: string): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { cookie, accept: 'text/event-stream' } }, (response) => {
      const snapshots: Record<string, unknown>[] = [];
      const waiters: { match: (snapshot: Record<string, unknown>) => boolean; resolve: (snapshot: Record<string, unknown>) => void }[] = [];
      let buffer = '';
      const ended = new Promise<void>((resolveEnd) => response.on('end', resolveEnd));
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        stream.text += chunk;
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!/^event: snapshot$/m.test(block)) continue;
          const data = block.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n');
          const snapshot = JSON.parse(data);
          snapshots.push(snapshot);
          for (const waiter of [...waiters]) {
            if (waiter.match(snapshot)) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(snapshot);
            }
          }
        }
      });
      response.on('error', () => undefined);
      const stream: EventStream = {
        status: response.statusCode ?? 0,
        headers: response.headers,
        snapshots,
        text: '',
        ended,
        waitFor(match, timeoutMs = 5000) {
          const known = snapshots.find(match);
          if (known) return Promise.resolve(known);
          return new Promise((resolveWait, rejectWait) => {
            const timer = setTimeout(() => rejectWait(new Error(`no matching snapshot within ${timeoutMs} ms; last: ${JSON.stringify(snapshots.at(-1))}`)), timeoutMs);
            waiters.push({
              match,
              resolve: (snapshot) => {
                clearTimeout(timer);
                resolveWait(snapshot);
              },
            });
          });
        },
        close: () => request.destroy(),
      };
      resolve(stream);
    });
    request.on('error', reject);
  });
}

export const dotsOf = (snapshot: Record<string, unknown>, ideaId: number) =>
  (snapshot.ideas as { id: number; dots: number }[]).find((idea) => idea.id === ideaId)?.dots;

/** The session cookie of a logged-in user (second factor included), for requests made outside supertest (streams, fetch). */
export async function sessionCookieOf(app: Express, user: { email: string; password: string }): Promise<string> {
  const { agent, csrf } = await visitorWithForm(app, '/login');
  const responses = [await agent.post('/login').type('form').send({ _csrf: csrf, email: user.email, password: user.password }).expect(303)];
  if (responses[0].headers.location === '/login/two-factor') {
    const step = await agent.get('/login/two-factor').expect(200);
    responses.push(await agent.post('/login/two-factor').type('form').send({ _csrf: csrfTokenIn(step.text), code: await unusedTotpCode(user.email) }).expect(303));
  }
  const cookie = responses.flatMap(setCookiesOf).filter((value) => value.startsWith('kopa.sid=')).at(-1);
  if (!cookie) throw new Error('login set no session cookie');
  return cookie.split(';')[0];
}
