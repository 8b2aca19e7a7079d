import net from 'node:net';
import request from 'supertest';
import { PGlite } from '@electric-sql/pglite';
import { createApp } from '../../server/app';
import { createLogger } from '../../server/logger';
import { startPublicChanges } from '../../server/cache/public-changes';
import { openDatabase } from '../../server/db/database';
import { testConfig } from '../helpers/test-app';
import { useScene } from '../factories/scene';

const { testApp } = useScene();

/** A TCP relay to the database that can be cut and restored, to simulate an outage. */
function databaseRelay(target: URL) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  const start = (port: number) =>
    new Promise<number>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => socket.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => resolve((server!.address() as net.AddressInfo).port));
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      sockets.forEach((socket) => socket.destroy());
      server?.close(() => resolve());
    });
  return { start, stop };
}

describe('GET /livez', () => {
  it('answers 200 while the process runs, touching no database, logging nothing, never limited', async () => {
    const pglite = new PGlite();
    const database = openDatabase({ pglite });
    await database.raw('select 1');
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => lines.push(line) });
    const changes = startPublicChanges(database, logger);
    const app = createApp({ config: testConfig(), db: database, logger, publicChanges: changes });
    await pglite.close();
    try {
      for (let i = 0; i < 50; i++) {
        const response = await request(app).get('/livez').expect(200, { status: 'ok' });
        expect(response.headers['set-cookie']).toBeUndefined();
        expect(response.headers['cache-control']).toBe('no-store');
      }
      await request(app).get('/healthz').expect(503);
      expect(lines.filter((line) => line.includes('/livez'))).toEqual([]);
      // The log is on: a page request is written.
      await request(app).get('/?lang=en').expect(503);
      expect(lines.some((line) => line.includes('"url":"/?lang=en"'))).toBe(true);
    } finally {
      await changes.close();
      await database.destroy().catch(() => undefined);
    }
  });
});

describe('GET /healthz', () => {
  it('answers 200 {"status":"ok"} when the database answers', async () => {
    const response = await request(testApp.app).get('/healthz').expect(200);
    expect(response.body).toEqual({ status: 'ok' });
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('answers 503 when the database is gone, and pages say so in the visitor’s language', async () => {
    const pglite = testApp.url ? undefined : new PGlite();
    const database = openDatabase(testApp.url ? { databaseUrl: testApp.url } : { pglite });
    await database.raw('select 1');
    const logger = createLogger('silent');
    const changes = startPublicChanges(database, logger);
    const app = createApp({ config: testConfig(), db: database, logger, publicChanges: changes });
    // The embedded database can only close; a server's pool is destroyed.
    if (pglite) await pglite.close();
    else await database.destroy();
    try {
      await request(app).get('/healthz').expect(503, { status: 'unavailable' });
      const page = await request(app).get('/').set('Accept-Language', 'en').expect(503);
      expect(page.text).toContain('Kopā cannot reach its database right now.');
    } finally {
      await changes.close();
      // knex still holds the closed PGlite; its pool would keep the worker alive.
      if (pglite) await database.destroy().catch(() => undefined);
    }
  });

  // Decided when the file is collected, before the scene exists: a real server is named in DATABASE_URL.
  (process.env.DATABASE_URL ? it : it.skip)('recovers without a restart when the database comes back', async () => {
    const relay = databaseRelay(new URL(testApp.url!));
    const port = await relay.start(0);
    const url = new URL(testApp.url!);
    url.host = `127.0.0.1:${port}`;
    const database = openDatabase({ databaseUrl: url.toString() });
    const logger = createLogger('silent');
    const changes = startPublicChanges(database, logger);
    const app = createApp({ config: testConfig(), db: database, logger, publicChanges: changes });
    try {
      await request(app).get('/healthz').expect(200);
      await request(app).get('/').expect(200);
      await relay.stop();
      await request(app).get('/healthz').expect(503);
      await request(app).get('/').expect(503);
      await relay.start(port);
      await request(app).get('/healthz').expect(200);
      await request(app).get('/').expect(200);
    } finally {
      await changes.close();
      await relay.stop();
      await database.destroy();
    }
  }, 30_000);
});
