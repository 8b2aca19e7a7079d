import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import { buildConsultation } from '../factories/ideas';
import { buildUser } from '../factories/users';
import { buildParticipant, buildWorkshop, participantCookie } from '../factories/workshops';
import { builtMain, freePort, startProcess, waitFor } from '../helpers/processes';
import { createTestDatabase } from '../helpers/test-db';
import { realDatabaseUrl } from '../helpers/template';
import { openStream } from '../workshops/helpers';
import { useTotpKeysFor } from '../helpers/two-factor';
import { loadConfig } from '../../server/config';

const secret = 's'.repeat(40);
const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A database holding one workshop in voting with one participant, and the env that points main at it. */
async function databaseWithWorkshop(): Promise<{ env: Record<string, string>; joinCode: string; cookie: string; close(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopa-shutdown-'));
  tempDirs.push(dataDir);
  const server = realDatabaseUrl() ? await createTestDatabase() : undefined;
  // The embedded database is filled before main opens it: one process per data directory.
  const db = server?.db ?? openDatabase({ dataDir });
  await migrateToLatest(db);
  // The facilitator's second-factor secret is sealed with the keys the server will derive from its SESSION_SECRET.
  useTotpKeysFor(db, loadConfig({ NODE_ENV: 'test', SESSION_SECRET: secret }).totpKeys);
  const facilitator = await buildUser(db, { role: 'facilitator' });
  const workshop = await buildWorkshop(db, { consultationId: await buildConsultation(db), createdBy: facilitator.id, state: 'voting' });
  const cookie = participantCookie(secret, workshop.id, await buildParticipant(db, workshop.id));
  if (!server) await db.destroy();
  const env: Record<string, string> = { DATA_DIR: dataDir, SESSION_SECRET: secret, LOG_LEVEL: 'info' };
  if (server?.url) env.DATABASE_URL = server.url;
  return { env, joinCode: workshop.joinCode, cookie, close: async () => server?.close() };
}

/** Sends the raw request text and resolves with the raw answer once the server ends the connection. */
function answerOf(socket: net.Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
  });
}

describe('SIGTERM', () => {
  it('lets a request in flight finish and exits within 2 s despite idle keep-alive connections and open workshop streams', async () => {
    const database = await databaseWithWorkshop();
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const server = startProcess(builtMain, { ...database.env, PORT: String(port) });
    const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 20 });
    try {
      await waitFor(async () => (await fetch(`${baseUrl}/healthz`)).ok, 60_000);

      const idle = await Promise.all(
        Array.from({ length: 20 }, () =>
          new Promise<net.Socket>((resolve, reject) => {
            const request = http.get(`${baseUrl}/healthz`, { agent: keepAlive }, (response) => {
              response.resume();
              response.on('end', () => resolve(request.socket as net.Socket));
            });
            request.on('error', reject);
          }),
        ),
      );
      expect(new Set(idle).size).toBe(20);
      const idleClosed = Promise.all(idle.map((socket) => new Promise((resolve) => socket.once('close', resolve))));

      const streams = await Promise.all([1, 2].map(() => openStream(`${baseUrl}/w/${database.joinCode}/stream`, database.cookie)));
      for (const stream of streams) {
        expect(stream.status).toBe(200);
        await stream.waitFor(() => true);
      }

      // A slow client: the request's head is sent up to its last line break before SIGTERM, the rest after.
      const slow = net.connect(port, '127.0.0.1');
      const slowAnswer = answerOf(slow);
      slow.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n');
      await new Promise((resolve) => setTimeout(resolve, 200));

      const signalled = performance.now();
      server.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 400));
      slow.write('\r\n');

      const exit = await server.exited;
      const wallMs = performance.now() - signalled;
      expect(exit).toEqual({ code: null, signal: 'SIGTERM' });
      const answer = await slowAnswer;
      expect(answer).toMatch(/^HTTP\/1\.1 200 /);
      expect(answer).toMatch(/^Connection: close\r$/im);
      expect(answer).toContain('{"status":"ok"}');
      await idleClosed;

      // Measured by the process itself; the wall clock also holds process start-up noise on a busy machine.
      const shutdownMs = Number(/"shutdownMs":(\d+)/.exec(server.output())?.[1]);
      expect(shutdownMs).toBeLessThan(2000);
      expect(wallMs).toBeLessThan(5000);
      expect(server.output()).not.toContain('were closed');
    } finally {
      keepAlive.destroy();
      server.child.kill('SIGKILL');
      await database.close();
    }
  });
});
