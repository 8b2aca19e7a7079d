import request from 'supertest';
import { useScene } from '../factories/scene';
import { buildIdea } from '../factories/ideas';
import { buildComment } from '../factories/comments';
import { buildSupport } from '../factories/supports';
import { buildFollow } from '../factories/follows';
import { loggedInAgent } from '../helpers/forms';
import { queriesDuring } from '../helpers/sent-queries';

const { testApp, consultation, author, resident } = useScene({
  users: { author: { displayName: 'Author <b>A</b>' }, resident: { displayName: 'Resident <i>R</i>' } },
  consultation: { supportBudget: 3 },
});

let ideaId: number;
beforeAll(async () => {
  ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'Benches by the river' });
  const other = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
  await buildComment(testApp.db, { ideaId, authorId: author.id, body: 'First <script>comment</script>' });
  await buildSupport(testApp.db, { ideaId: other, userId: resident.id });
  await buildFollow(testApp.db, { userId: resident.id, ideaId });
});

const referenceTables = /\bfrom "(consultations|categories|places|statements)"/;

describe('queries a page makes once memory is warm', () => {
  it('a logged-in idea page: one query (at most 3 allowed), the session, its account and the person\u2019s own parts; none once this process holds them', async () => {
    await request(testApp.app).get(`/ideas/${ideaId}`).expect(200);
    const { agent } = await loggedInAgent(testApp.app, resident);
    let page = '';
    const sent = await queriesDuring(testApp.db, async () => {
      page = (await agent.get(`/ideas/${ideaId}?lang=en`).expect(200)).text;
    });
    expect(sent.length).toBeLessThanOrEqual(3);
    expect(sent).toHaveLength(1);
    let again = '';
    // The session with its account and this idea's state is kept (server/auth/session-cache.ts).
    expect(await queriesDuring(testApp.db, async () => (again = (await agent.get(`/ideas/${ideaId}?lang=en`).expect(200)).text))).toEqual([]);
    expect(again).toBe(page);
    // The account is joined on the column PostgreSQL keeps, not on the session's JSON.
    expect(sent[0]).not.toMatch(/sess\s*(::jsonb)?\s*->/);
    expect(sent.filter((sql) => /\bupdate\b|\binsert\b/i.test(sql))).toEqual([]);
    expect(page).toContain('Resident &lt;i&gt;R&lt;/i&gt;');
    expect(page).toContain('First &lt;script&gt;comment&lt;/script&gt;');
    // Their budget (3, one used elsewhere) and their follow, read fresh.
    expect(page).toMatch(/data-support-remaining>[^<]*2/);
    expect(page).toContain(`action="/ideas/${ideaId}/unfollow"`);
    expect(page).toContain(`action="/ideas/${ideaId}/support"`);
  });

  it('sees the person\u2019s own change at once: their support of this idea', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, resident);
    await agent.get(`/ideas/${ideaId}`).expect(200);
    await agent.post(`/ideas/${ideaId}/support`).type('form').send({ _csrf: csrf }).expect(303);
    const page = (await agent.get(`/ideas/${ideaId}?lang=en`).expect(200)).text;
    expect(page).toContain(`action="/ideas/${ideaId}/support/withdraw"`);
    expect(page).toMatch(/data-support-remaining>[^<]*1/);
    await agent.post(`/ideas/${ideaId}/support/withdraw`).type('form').send({ _csrf: csrf }).expect(303);
  });

  it('reads the state of the idea asked for, not of the one read before on the same session', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, resident);
    const other = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'Other <b>idea</b>' });
    await agent.post(`/ideas/${other}/support`).type('form').send({ _csrf: csrf }).expect(303);
    const supportedPage = (await agent.get(`/ideas/${other}`).expect(200)).text;
    expect(supportedPage).toContain(`action="/ideas/${other}/support/withdraw"`);
    const page = (await agent.get(`/ideas/${ideaId}`).expect(200)).text;
    expect(page).toContain(`action="/ideas/${ideaId}/support"`);
    expect(page).toContain('aria-pressed="false"');
    // The budget counts the support of the other idea.
    expect(page).toMatch(/data-support-remaining>[^<]*1/);
    expect(page).toContain(`action="/ideas/${ideaId}/unfollow"`);
    expect(supportedPage).toContain('aria-pressed="true"');
    expect(supportedPage).toContain(`action="/ideas/${other}/follow"`);
    await agent.post(`/ideas/${other}/support/withdraw`).type('form').send({ _csrf: csrf }).expect(303);
  });

  it('an anonymous idea page and its API answer: none', async () => {
    await request(testApp.app).get(`/ideas/${ideaId}`).expect(200);
    await request(testApp.app).get(`/api/ideas/${ideaId}`).expect(200);
    const sent = await queriesDuring(testApp.db, async () => {
      const page = await request(testApp.app).get(`/ideas/${ideaId}?lang=en`).expect(200);
      expect(page.text).toContain('Benches by the river');
      expect(page.text).toContain('First &lt;script&gt;comment&lt;/script&gt;');
      expect(String(page.headers['set-cookie'] ?? '')).not.toContain('kopa.sid');
      const api = await request(testApp.app).get(`/api/ideas/${ideaId}`).expect(200);
      expect(api.body).toMatchObject({ id: ideaId, title: 'Benches by the river', commentCount: 1 });
    });
    expect(sent).toEqual([]);
  });

  it('the map page and a list page read no reference data from the database', async () => {
    await request(testApp.app).get('/').expect(200);
    await request(testApp.app).get('/ideas').expect(200);
    // The map page's first cards are the list's query: a count and a page.
    const map = await queriesDuring(testApp.db, () => request(testApp.app).get('/?lang=ru').expect(200));
    expect(map.filter((sql) => referenceTables.test(sql))).toEqual([]);
    expect(map.length).toBeLessThanOrEqual(2);
    const list = await queriesDuring(testApp.db, () => request(testApp.app).get('/ideas?lang=ru&sort=supported').expect(200));
    expect(list.filter((sql) => referenceTables.test(sql))).toEqual([]);
    expect(list.length).toBeLessThanOrEqual(2);
  });

  it('a statement page: none', async () => {
    await request(testApp.app).get('/privacy').expect(200);
    expect(await queriesDuring(testApp.db, () => request(testApp.app).get('/privacy?lang=lv').expect(200))).toEqual([]);
  });

  it('the new-idea form of a logged-in resident reads its choices from memory', async () => {
    const { agent } = await loggedInAgent(testApp.app, resident, '/ideas/new');
    const sent = await queriesDuring(testApp.db, () => agent.get('/ideas/new').expect(200));
    expect(sent.filter((sql) => referenceTables.test(sql))).toEqual([]);
    expect(sent.length).toBeLessThanOrEqual(2);
  });
});
