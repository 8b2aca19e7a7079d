/**
 * Rate limits count in the database, so two app instances (two processes behind a load
 * balancer) share one count per address: alternating between them buys no extra attempts.
 * On the server the second instance has a knex pool of its own, as a second process would.
 */
import request from 'supertest';
import type { Express } from 'express';
import type { Knex } from 'knex';
import { createApp } from '../../server/app';
import { openDatabase } from '../../server/db/database';
import { createLogger } from '../../server/logger';
import { startPublicChanges, type PublicChanges } from '../../server/cache/public-changes';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { csrfTokenIn } from '../helpers/forms';

const rateLimits = { loginPerIp: 6 };
let first: TestApp;
let secondDb: Knex;
let secondChanges: PublicChanges;
let second: Express;

beforeAll(async () => {
  first = await createTestApp({ rateLimits });
  secondDb = first.url ? openDatabase({ databaseUrl: first.url }) : first.db;
  secondChanges = startPublicChanges(secondDb);
  await secondChanges.settled();
  second = createApp({ config: first.config, db: secondDb, logger: createLogger('silent'), rateLimits, publicChanges: secondChanges });
});
afterAll(async () => {
  await secondChanges.close();
  if (secondDb !== first.db) await secondDb.destroy();
  await first.close();
});

it('counts failed logins from one address across two app instances on one database', async () => {
  const visitors = await Promise.all(
    [first.app, second].map(async (app) => {
      const agent = request.agent(app);
      return { agent, csrf: csrfTokenIn((await agent.get('/login').expect(200)).text) };
    }),
  );
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const { agent, csrf } = visitors[attempt % 2];
    const response = await agent.post('/login').type('form').send({ _csrf: csrf, email: `someone${attempt}@example.lv`, password: 'wrong password' });
    statuses.push(response.status);
  }
  // Three failures through each instance use up the six the address has; both then refuse.
  expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
  const windows = await first.db('rate_limits').select('*');
  expect(windows.filter((row) => JSON.stringify(row).includes('login-ip'))).toHaveLength(1);
});
