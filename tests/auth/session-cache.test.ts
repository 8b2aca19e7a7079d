import { EventEmitter } from 'node:events';
import request from 'supertest';
import { trackWrites } from '../../server/cache/write-barrier';
import type { SessionData } from 'express-session';
import { createSessionCache } from '../../server/auth/session-cache';
import { endSessionsOf } from '../../server/auth/sessions.queries';
import type { ChangeListener, PublicChanges, PublicScope } from '../../server/cache/public-changes';
import type { SessionUser } from '../../server/auth/session-user';
import { useScene } from '../factories/scene';
import { buildIdea } from '../factories/ideas';
import { loggedInAgent } from '../helpers/forms';
import { queriesDuring } from '../helpers/sent-queries';

/** Public changes without a database: deliver() is what a NOTIFY would bring. */
function fakeChanges(): PublicChanges & { listening: boolean } {
  const listeners = new Set<ChangeListener>();
  let generation = 0;
  const changes = {
    listening: true,
    onChange(listener: ChangeListener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get generation() {
      return changes.listening ? generation : ++generation;
    },
    settled: async () => {},
    deliver(scopes: readonly PublicScope[]) {
      generation++;
      for (const listener of listeners) listener(scopes);
    },
    close: async () => {},
  };
  return changes;
}

const person = (id: number): SessionUser => ({ id, email: `p${id}@example.lv`, displayName: `Person ${id}`, role: 'resident', preferredLocale: 'lv', blockedAt: null, emailVerified: true, totpEnabled: false });
const sessionData = (extra: Record<string, unknown> = {}): SessionData =>
  ({ cookie: { originalMaxAge: 60_000, expires: new Date(Date.now() + 60_000).toISOString(), httpOnly: true, path: '/' }, ...extra }) as unknown as SessionData;
const state = { supported: true, usedInConsultation: 1, following: false };

describe('the session cache', () => {
  const options = { maxSessions: 100, ttlMs: 60_000 };

  it('keeps a logged-in session and gives each request its own copy', () => {
    const cache = createSessionCache(fakeChanges(), options);
    cache.keep('a', { session: sessionData({ flash: ['one'] }), user: person(1) }, undefined, cache.stamp());
    const first = cache.read('a')!;
    (first.session as unknown as { flash: string[] }).flash.push('changed in place');
    first.user!.displayName = 'changed';
    expect(cache.read('a')).toMatchObject({ session: { flash: ['one'] }, user: { id: 1, displayName: 'Person 1' } });
  });

  it('keeps no anonymous session, and none whose cookie has run out', () => {
    const cache = createSessionCache(fakeChanges(), options);
    cache.keep('anonymous', { session: sessionData(), user: null }, undefined, cache.stamp());
    const ended = sessionData();
    ended.cookie.expires = new Date(Date.now() - 1000);
    cache.keep('ended', { session: ended, user: person(1) }, undefined, cache.stamp());
    expect([cache.read('anonymous'), cache.read('ended')]).toEqual([undefined, undefined]);
  });

  it('does not keep a read overtaken by a change or by this process\'s own write of a session, nor while nothing is heard', () => {
    const changes = fakeChanges();
    const cache = createSessionCache(changes, options);
    let stamp = cache.stamp();
    changes.deliver(['idea:5']);
    cache.keep('a', { session: sessionData(), user: person(1) }, undefined, stamp);
    stamp = cache.stamp();
    cache.forget('b');
    cache.keep('a', { session: sessionData(), user: person(1) }, undefined, stamp);
    changes.listening = false;
    cache.keep('a', { session: sessionData(), user: person(1) }, undefined, cache.stamp());
    expect(cache.read('a')).toBeUndefined();
  });

  it('drops a person\'s sessions on their change, everyone\'s on users or all, and keeps them on a public change', () => {
    const changes = fakeChanges();
    const cache = createSessionCache(changes, options);
    const keepAll = () => {
      for (const [sid, id] of [['a1', 1], ['a2', 1], ['b', 2]] as const) cache.keep(sid, { session: sessionData(), user: person(id) }, undefined, cache.stamp());
    };
    const held = () => ['a1', 'a2', 'b'].filter((sid) => cache.read(sid));
    keepAll();
    changes.deliver(['idea:1', 'ideas', 'points', 'reference']);
    expect(held()).toEqual(['a1', 'a2', 'b']);
    changes.deliver(['user:1']);
    expect(held()).toEqual(['b']);
    for (const everyone of [['users'], ['all']] as PublicScope[][]) {
      keepAll();
      changes.deliver(everyone);
      expect(held()).toEqual([]);
    }
  });

  it('reads the database while a write of this process may not have been announced here yet', async () => {
    const changes = fakeChanges();
    const cache = createSessionCache(changes, options);
    cache.keep('a', { session: sessionData(), user: person(1) }, undefined, cache.stamp());
    const response: EventEmitter & { end(): unknown } = Object.assign(new EventEmitter(), { end: () => response });
    trackWrites(changes)({ method: 'POST' } as never, response as never, () => undefined);
    expect(cache.read('a')).toBeUndefined();
    // The write's answer goes once its change has been heard here (the write barrier); then the kept session serves again.
    response.end();
    await new Promise((resolve) => setImmediate(resolve));
    response.emit('finish');
    expect(cache.read('a')?.user?.id).toBe(1);
  });

  it('answers an idea\'s page only with that idea\'s state kept beside the session', () => {
    const cache = createSessionCache(fakeChanges(), options);
    cache.keep('a', { session: sessionData(), user: person(1) }, undefined, cache.stamp());
    expect(cache.read('a', 7)).toBeUndefined();
    cache.keep('a', { session: sessionData(), user: person(1), ideaState: state }, 7, cache.stamp());
    expect(cache.read('a', 7)?.ideaState).toEqual(state);
    expect(cache.read('a')?.ideaState).toBeUndefined();
    expect(cache.read('a', 8)).toBeUndefined();
    const unchanged = sessionData();
    for (let idea = 100; idea < 160; idea += 1) cache.keep('a', { session: unchanged, user: person(1), ideaState: state }, idea, cache.stamp());
    expect([cache.read('a', 7), cache.read('a', 109)]).toEqual([undefined, undefined]);
    expect(cache.read('a', 110)?.ideaState).toEqual(state);
    expect(cache.read('a', 159)?.ideaState).toEqual(state);
  });
});

describe('a logged-in person held in memory (both databases)', () => {
  const { testApp, consultation, resident } = useScene({ users: { resident: { displayName: 'Rūta' } }, consultation: {} });
  let ideaId: number;
  beforeAll(async () => {
    ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: resident.id });
  });

  /** Logs in and reads a page twice: the second time from memory, with no query. */
  async function heldSession() {
    await request(testApp.app).get(`/ideas/${ideaId}`).expect(200);
    const login = await loggedInAgent(testApp.app, resident);
    await login.agent.get('/ideas').expect(200);
    // The login's page consumed its flash and saved the session: on PostgreSQL that save's NOTIFY may
    // still be on its way, and a read it overtakes is rightly not kept (CI saw the second read query).
    await testApp.changes.settled();
    expect(await queriesDuring(testApp.db, () => login.agent.get(`/ideas/${ideaId}`).expect(200))).toEqual(['select * from session_with_user($1, $2)']);
    expect(await queriesDuring(testApp.db, () => login.agent.get(`/ideas/${ideaId}`).expect(200))).toEqual([]);
    return login;
  }

  it('is logged out at once: the old cookie replayed after the logout reads as nobody', async () => {
    const { agent, csrf } = await heldSession();
    const before = await agent.get(`/ideas/${ideaId}`).expect(200);
    expect(before.text).toContain('class="signed-in-as"');
    const cookie = (agent as unknown as { jar: { getCookies(options: object): { toValueString(): string }[] } }).jar
      .getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false })
      .map((found) => found.toValueString())
      .join('; ');
    await agent.post('/logout').type('form').send({ _csrf: csrf }).expect(303);
    const replayed = await request(testApp.app).get(`/ideas/${ideaId}`).set('Cookie', cookie).expect(200);
    expect(replayed.text).not.toContain('class="signed-in-as"');
  });

  it('shows a role and a name changed in the database on the next request', async () => {
    const { agent } = await heldSession();
    // Written past the app, as another process would: its change counts once its announcement has arrived (on PostgreSQL a NOTIFY, a little later).
    await testApp.db('users').where({ id: resident.id }).update({ role: 'moderator', display_name: 'Rūta <b>M</b>' });
    await testApp.changes.settled();
    let page = (await agent.get(`/ideas/${ideaId}`).expect(200)).text;
    expect(page).toContain('href="/admin"');
    expect(page).toContain('Rūta &lt;b&gt;M&lt;/b&gt;');
    await testApp.db('users').where({ id: resident.id }).update({ role: 'resident', display_name: 'Rūta' });
    await testApp.changes.settled();
    page = (await agent.get(`/ideas/${ideaId}`).expect(200)).text;
    expect(page).not.toContain('href="/admin"');
  });

  it('reads as nobody once its sessions are ended elsewhere (another device, an admin)', async () => {
    const { agent } = await heldSession();
    expect(await endSessionsOf(testApp.db, resident.id)).toBeGreaterThan(0);
    expect((await agent.get(`/ideas/${ideaId}`).expect(200)).text).not.toContain('class="signed-in-as"');
  });

  it('shows a flash message once, though the session that carried it was held', async () => {
    const { agent, csrf } = await heldSession();
    await agent.post(`/ideas/${ideaId}/follow`).type('form').send({ _csrf: csrf }).expect(303);
    const withFlash = (await agent.get(`/ideas/${ideaId}`).expect(200)).text;
    const flashes = (html: string) => (html.match(/class="notice notice-success"/g) ?? []).length;
    expect(flashes(withFlash)).toBe(1);
    expect(flashes((await agent.get(`/ideas/${ideaId}`).expect(200)).text)).toBe(0);
    expect(withFlash).toContain(`action="/ideas/${ideaId}/unfollow"`);
  });
});
