import { createHash } from 'node:crypto';
import type { Response } from 'supertest';
import { csrfTokenIn, loggedInAgent, visitorWithForm } from '../helpers/forms';
import { deliverAccountEmails, latestLinkTo } from '../helpers/outbox';
import { buildUser } from '../factories/users';
import { useScene } from '../factories/scene';
import { eraseAccount } from '../../server/account-deletion/erasure.service';
import { localDiskStorage } from '../../server/uploads/photo-storage';

// The delays' clock: tests move it instead of waiting.
let now = Date.parse('2026-12-02T12:00:00Z');
const later = (ms: number) => (now += ms);

const { testApp } = useScene({ app: { loginDelays: { now: () => now } } });

beforeAll(() => {
  // Addresses come from X-Forwarded-For, as behind the production proxy on loopback.
  testApp.app.set('trust proxy', 'loopback');
});

async function visitor(address: string, page = '/login?lang=en') {
  return visitorWithForm(testApp.app, page, { 'X-Forwarded-For': address });
}

async function logIn(address: string, email: string, password: string, page = '/login?lang=en'): Promise<Response> {
  const { agent, csrf } = await visitor(address, page);
  return agent.post('/login').set('X-Forwarded-For', address).type('form').send({ _csrf: csrf, email, password });
}

const retryAfter = (response: Response) => Number(response.headers['retry-after']);
const alertOf = (html: string) => /role="alert">([^<]*)</.exec(html)?.[1];

describe('growing login delays instead of a lock-out', () => {
  it('lets the owner in from their usual address while a crowd of addresses keeps guessing', async () => {
    const owner = await buildUser(testApp.db, { preferredLocale: 'en' });
    const home = '198.51.100.7';
    expect((await logIn(home, owner.email, owner.password)).status).toBe(303);
    // The usual address is kept as a keyed hash, never as the address.
    const known = await testApp.db('known_login_addresses').where({ user_id: owner.id }).select('address_hash');
    expect(known).toHaveLength(1);
    expect(known[0].address_hash).not.toContain(home);

    const statuses: number[] = [];
    for (let guess = 1; guess <= 30; guess += 1) {
      statuses.push((await logIn(`203.0.113.${guess}`, owner.email, `guess number ${guess}`)).status);
      later(100);
    }
    // Ten free guesses across all addresses, then the crowd waits whatever address it comes from.
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10).filter((status) => status === 429).length).toBeGreaterThanOrEqual(15);

    // Right now, with the crowd still delayed: the owner at home gets in at once.
    const fromHome = await logIn(home, owner.email, owner.password);
    expect(fromHome.status).toBe(303);
    expect((await logIn('203.0.113.200', owner.email, 'yet another guess')).status).toBe(429);
    // From a new address even the right password waits: the crowd's delay slows everyone but the usual addresses.
    const elsewhere = await logIn('192.0.2.55', owner.email, owner.password);
    expect(elsewhere.status).toBe(429);
    expect(alertOf(elsewhere.text)).toMatch(/Please wait \d+ (second|minute)s? and try again/);
  });

  it('makes each further wrong password from one address wait twice as long', async () => {
    const user = await buildUser(testApp.db);
    const address = '198.51.100.20';
    for (let guess = 0; guess < 3; guess += 1) expect((await logIn(address, user.email, 'wrong password')).status).toBe(401);
    const waits: number[] = [];
    for (let round = 0; round < 4; round += 1) {
      const refused = await logIn(address, user.email, user.password, '/login?lang=ru');
      expect(refused.status).toBe(429);
      waits.push(retryAfter(refused));
      if (round === 1) expect(alertOf(refused.text)).toBe('Слишком много неверных паролей для этого аккаунта. Подождите 2 секунды и попробуйте снова.');
      later(retryAfter(refused) * 1000);
      expect((await logIn(address, user.email, 'wrong again')).status).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8]);

    // Once the delay has passed, the right password works and the pair starts again from zero.
    later(16_000);
    expect((await logIn(address, user.email, user.password)).status).toBe(303);
    expect((await logIn(address, user.email, 'one slip')).status).toBe(401);
  });

  it('counts parallel guesses before checking them, so a burst gets no more than the free ones', async () => {
    const user = await buildUser(testApp.db);
    const address = '198.51.100.30';
    const pages = await Promise.all(Array.from({ length: 8 }, () => visitor(address)));
    const answers = await Promise.all(
      pages.map(({ agent, csrf }, index) => agent.post('/login').set('X-Forwarded-For', address).type('form').send({ _csrf: csrf, email: user.email, password: `burst ${index}` })),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429, 429, 429]);
  });

  it('delays an email without an account exactly like one with an account', async () => {
    const user = await buildUser(testApp.db);
    const statusesFor = async (email: string, address: string) => {
      const statuses: number[] = [];
      for (let guess = 0; guess < 5; guess += 1) statuses.push((await logIn(address, email, 'wrong password')).status);
      return statuses;
    };
    const known = await statusesFor(user.email, '198.51.100.41');
    const unknown = await statusesFor(`nobody.${Date.now()}@example.lv`, '198.51.100.42');
    expect(known).toEqual([401, 401, 401, 429, 429]);
    expect(unknown).toEqual(known);
  });
});

describe('a password reset by email', () => {
  it('ends the delays, so the owner gets in from a new address once the link has set a new password', async () => {
    const owner = await buildUser(testApp.db, { preferredLocale: 'en' });
    for (let guess = 1; guess <= 12; guess += 1) await logIn(`203.0.114.${guess}`, owner.email, `guess ${guess}`);
    expect((await logIn('192.0.2.90', owner.email, owner.password)).status).toBe(429);

    const { agent, csrf } = await visitor('192.0.2.90', '/password/forgot?lang=en');
    await agent.post('/password/forgot').set('X-Forwarded-For', '192.0.2.90').type('form').send({ _csrf: csrf, email: owner.email }).expect(200);
    await deliverAccountEmails(testApp);
    const link = latestLinkTo(testApp, owner.email, '/password/reset').link;
    const page = await agent.get(link).set('X-Forwarded-For', '192.0.2.90').expect(200);
    await agent
      .post('/password/reset')
      .set('X-Forwarded-For', '192.0.2.90')
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text), token: new URL(link, 'http://x').searchParams.get('token'), password: 'the fresh passphrase' })
      .expect(303);
    expect((await logIn('192.0.2.90', owner.email, 'the fresh passphrase')).status).toBe(303);
  });
});

describe('erasing an account', () => {
  it('leaves none of its usual addresses or wrong-password counters behind', async () => {
    const user = await buildUser(testApp.db);
    expect((await logIn('198.51.100.60', user.email, user.password)).status).toBe(303);
    expect((await logIn('198.51.100.61', user.email, 'wrong password')).status).toBe(401);
    const emailHash = createHash('sha256').update(user.email.toLowerCase()).digest('hex');
    const countersOfEmail = () => testApp.db('login_delays').whereRaw('strpos(key, ?) > 0', [emailHash]).pluck('failures');
    expect((await countersOfEmail()).map(Number).sort()).toEqual([1, 1]);
    await eraseAccount({ db: testApp.db, storage: localDiskStorage(testApp.config.uploadDir) }, user.id, { removeContent: false });
    expect(await testApp.db('known_login_addresses').where({ user_id: user.id })).toEqual([]);
    expect(await countersOfEmail()).toEqual([]);
  });
});

describe('re-entering the current password', () => {
  it('gets the same delays as a login when changing the password, and shares their counter', async () => {
    const user = await buildUser(testApp.db, { preferredLocale: 'en' });
    const { agent } = await loggedInAgent(testApp.app, user, '/account/password?lang=en');
    const change = async (currentPassword: string) => {
      const page = await agent.get('/account/password').expect(200);
      return agent.post('/account/password').type('form').send({ _csrf: csrfTokenIn(page.text), currentPassword, newPassword: 'a brand new passphrase' });
    };
    const hashBefore = (await testApp.db('users').where({ id: user.id }).first('password_hash')).password_hash;
    for (let guess = 0; guess < 3; guess += 1) expect((await change('not my password')).status).toBe(422);
    const refused = await change(user.password);
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Too many wrong passwords for this account. Please wait 1 second and try again.');
    expect((await testApp.db('users').where({ id: user.id }).first('password_hash')).password_hash).toBe(hashBefore);
    // The login form from the same address waits too: one counter for every door to the password.
    const { agent: other, csrf } = await visitorWithForm(testApp.app, '/login?lang=en');
    expect((await other.post('/login').type('form').send({ _csrf: csrf, email: user.email, password: user.password })).status).toBe(429);

    later(1000);
    expect((await change(user.password)).status).toBe(303);
    expect((await testApp.db('users').where({ id: user.id }).first('password_hash')).password_hash).not.toBe(hashBefore);
  });

  it('gets the same delays when turning the second factor off', async () => {
    const user = await buildUser(testApp.db, { totp: true, preferredLocale: 'en' });
    const { agent } = await loggedInAgent(testApp.app, user, '/account/two-factor?lang=en');
    const disable = async (password: string) => {
      const page = await agent.get('/account/two-factor').expect(200);
      return agent.post('/account/two-factor/disable').type('form').send({ _csrf: csrfTokenIn(page.text), password });
    };
    for (let guess = 0; guess < 3; guess += 1) expect((await disable('not my password')).status).toBe(422);
    const refused = await disable(user.password);
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Please wait 1 second and try again.');
    expect((await testApp.db('users').where({ id: user.id }).first('totp_enabled_at')).totp_enabled_at).not.toBeNull();
    later(1000);
    expect((await disable(user.password)).status).toBe(303);
    expect((await testApp.db('users').where({ id: user.id }).first('totp_enabled_at')).totp_enabled_at).toBeNull();
  });
  it('gets the same delays when deleting one’s own account', async () => {
    const user = await buildUser(testApp.db, { preferredLocale: 'en' });
    const { agent } = await loggedInAgent(testApp.app, user, '/account/delete?lang=en');
    const erase = async (password: string) => {
      const page = await agent.get('/account/delete').expect(200);
      return agent.post('/account/delete').type('form').send({ _csrf: csrfTokenIn(page.text), password });
    };
    for (let guess = 0; guess < 3; guess += 1) expect((await erase('not my password')).status).toBe(422);
    const refused = await erase(user.password);
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Please wait 1 second and try again.');
    expect((await testApp.db('users').where({ id: user.id }).first('deleted_at')).deleted_at).toBeNull();
    later(1000);
    expect((await erase(user.password)).status).toBe(200);
    expect((await testApp.db('users').where({ id: user.id }).first('deleted_at')).deleted_at).not.toBeNull();
  });
});
