import { useScene } from '../factories/scene';
import { buildIdea } from '../factories/ideas';
import { buildComment } from '../factories/comments';
import { csrfTokenIn, loggedInAgent } from '../helpers/forms';

// The residents' names plant traps; one even looks like a slot of the kept page.
const { testApp, consultation, author, anna, boris, commenter, moderator } = useScene({
  users: {
    author: { displayName: 'Author <b>A</b>' },
    anna: { displayName: 'Anna <script>alert("a")</script> & Co' },
    boris: { displayName: 'Boris @@kopa-0-name@@ =HYPERLINK("x")' },
    commenter: { displayName: 'Commenter <i>C</i>' },
    moderator: { role: 'moderator', displayName: 'Moderator <u>M</u>' },
  },
  consultation: { supportBudget: 3 },
});

let ideaId: number;
beforeAll(async () => {
  ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'Benches <script>x</script>' });
  await buildComment(testApp.db, { ideaId, authorId: commenter.id, body: 'A comment <script>c</script> @@kopa-0-csrf@@' });
});

const names = {
  anna: 'Anna &lt;script&gt;alert(&#34;a&#34;)&lt;/script&gt; &amp; Co',
  boris: 'Boris @@kopa-0-name@@ =HYPERLINK(&#34;x&#34;)',
};

describe('the logged-in idea page: shared parts kept once, each person\u2019s own parts filled in', () => {
  it('shows each resident their own name, token and support, never the one before', async () => {
    const first = await loggedInAgent(testApp.app, anna);
    const second = await loggedInAgent(testApp.app, boris);
    await first.agent.post(`/ideas/${ideaId}/support`).type('form').send({ _csrf: first.csrf }).expect(303);
    // Twice each, in turns: the second answers come from the kept page.
    for (let round = 0; round < 2; round++) {
      const annaAnswer = await first.agent.get(`/ideas/${ideaId}?lang=en`).set('Accept-Encoding', 'gzip, br').expect(200);
      // From the kept page (the first answer shows the support's flash, so it is rendered whole), gzipped
      // with the personal parts stored as they are (tests/ideas/idea-page-gzip.test.ts); supertest decodes it.
      if (round === 1) expect(annaAnswer.headers['content-encoding']).toBe('gzip');
      const annaPage = annaAnswer.text;
      const borisPage = (await second.agent.get(`/ideas/${ideaId}?lang=en`).expect(200)).text;
      expect(annaPage).toContain(names.anna);
      expect(annaPage).toContain(`href="/users/${anna.id}"`);
      expect(annaPage).not.toContain('Boris');
      expect(annaPage).toContain('aria-pressed="true"');
      expect(annaPage).toContain(`action="/ideas/${ideaId}/support/withdraw"`);
      expect(borisPage).toContain(names.boris);
      expect(borisPage).toContain(`href="/users/${boris.id}"`);
      expect(borisPage).not.toContain('Anna');
      expect(borisPage).toContain('aria-pressed="false"');
      // Every form carries the person's own token, and only that one.
      expect(new Set([...annaPage.matchAll(/name="_csrf" value="([^"]*)"/g)].map((match) => match[1]))).toEqual(new Set([first.csrf]));
      expect(new Set([...borisPage.matchAll(/name="_csrf" value="([^"]*)"/g)].map((match) => match[1]))).toEqual(new Set([second.csrf]));
      for (const page of [annaPage, borisPage]) {
        expect(page).toContain('Benches &lt;script&gt;x&lt;/script&gt;');
        expect(page).toContain('A comment &lt;script&gt;c&lt;/script&gt; @@kopa-0-csrf@@');
        expect(page).not.toMatch(/@@kopa-[0-9a-f]{24}-/);
        expect(page).toContain(`action="/ideas/${ideaId}/follow"`);
      }
    }
    await first.agent.post(`/ideas/${ideaId}/support/withdraw`).type('form').send({ _csrf: first.csrf }).expect(303);
    expect((await first.agent.get(`/ideas/${ideaId}?lang=en`).expect(200)).text).toContain('aria-pressed="false"');
  });

  it('fills panels kept per state with each person\u2019s own token, and a change of state shows at once', async () => {
    const first = await loggedInAgent(testApp.app, anna);
    const second = await loggedInAgent(testApp.app, boris);
    const pageOf = async (person: typeof first) => (await person.agent.get(`/ideas/${ideaId}?lang=en`).expect(200)).text;
    const tokensIn = (page: string) => new Set([...page.matchAll(/name="_csrf" value="([^"]*)"/g)].map((match) => match[1]));
    // The same state for both: the second page's panels are the first one's, kept.
    for (const person of [first, second, first, second]) {
      const page = await pageOf(person);
      expect(page).toContain('aria-pressed="false"');
      expect(page).toContain('You can support 3 more ideas in this call for ideas.');
      expect(tokensIn(page)).toEqual(new Set([person.csrf]));
    }
    await second.agent.post(`/ideas/${ideaId}/support`).type('form').send({ _csrf: second.csrf }).expect(303);
    await pageOf(second); // shows the flash
    const supported = await pageOf(second);
    expect(supported).toContain('aria-pressed="true"');
    expect(supported).toContain('You can support 2 more ideas in this call for ideas.');
    expect(supported).toContain('1 support');
    expect(tokensIn(supported)).toEqual(new Set([second.csrf]));
    const other = await pageOf(first);
    expect(other).toContain('aria-pressed="false"');
    expect(other).toContain('You can support 3 more ideas in this call for ideas.');
    expect(other).toContain('1 support');
    expect(tokensIn(other)).toEqual(new Set([first.csrf]));
    await second.agent.post(`/ideas/${ideaId}/support/withdraw`).type('form').send({ _csrf: second.csrf }).expect(303);
  });

  it('shows a flash once, to its owner, and the kept page never carries it', async () => {
    const first = await loggedInAgent(testApp.app, anna);
    const second = await loggedInAgent(testApp.app, boris);
    await second.agent.get(`/ideas/${ideaId}?lang=en`).expect(200);
    await first.agent.post(`/ideas/${ideaId}/follow`).type('form').send({ _csrf: first.csrf }).expect(303);
    const flashed = (await first.agent.get(`/ideas/${ideaId}?lang=en`).expect(200)).text;
    expect(flashed).toMatch(/class="notice notice-/);
    expect(flashed).toContain(`action="/ideas/${ideaId}/unfollow"`);
    const next = (await first.agent.get(`/ideas/${ideaId}?lang=en`).expect(200)).text;
    expect(next).not.toMatch(/class="notice notice-/);
    const other = (await second.agent.get(`/ideas/${ideaId}?lang=en`).expect(200)).text;
    expect(other).not.toMatch(/class="notice notice-/);
    expect(other).toContain(`action="/ideas/${ideaId}/follow"`);
    await first.agent.post(`/ideas/${ideaId}/unfollow`).type('form').send({ _csrf: first.csrf }).expect(303);
  });

  it('renders the whole page for those who see more: the idea\u2019s author, a comment\u2019s author, staff', async () => {
    const reader = await loggedInAgent(testApp.app, anna);
    await reader.agent.get(`/ideas/${ideaId}?lang=en`).expect(200);
    const authorPage = (await (await loggedInAgent(testApp.app, author)).agent.get(`/ideas/${ideaId}?lang=en`).expect(200)).text;
    expect(authorPage).toContain(`href="/ideas/${ideaId}/edit"`);
    expect(authorPage).not.toContain(`href="/ideas/${ideaId}/report"`);
    const commenterPage = (await (await loggedInAgent(testApp.app, commenter)).agent.get(`/ideas/${ideaId}?lang=en`).expect(200)).text;
    expect(commenterPage).toMatch(/href="\/comments\/\d+\/edit"/);
    const staffPage = (await (await loggedInAgent(testApp.app, moderator)).agent.get(`/ideas/${ideaId}?lang=en`).expect(200)).text;
    expect(staffPage).toContain(`href="/admin/ideas/${ideaId}"`);
    expect(staffPage).toContain('href="/admin"');
    const readerPage = (await reader.agent.get(`/ideas/${ideaId}?lang=en`).expect(200)).text;
    for (const page of [readerPage]) {
      expect(page).not.toContain(`href="/ideas/${ideaId}/edit"`);
      expect(page).not.toMatch(/href="\/comments\/\d+\/edit"/);
      expect(page).not.toContain(`href="/admin/ideas/${ideaId}"`);
      expect(page).toContain(`href="/ideas/${ideaId}/report"`);
    }
    expect(csrfTokenIn(readerPage)).toBe(reader.csrf);
  });

  it('shows a change of the idea at once to a resident whose page was kept', async () => {
    const reader = await loggedInAgent(testApp.app, anna);
    await reader.agent.get(`/ideas/${ideaId}?lang=lv`).expect(200);
    await testApp.db('ideas').where({ id: ideaId }).update({ title: 'Benches renamed <b>now</b>' });
    await testApp.changes.settled();
    expect((await reader.agent.get(`/ideas/${ideaId}?lang=lv`).expect(200)).text).toContain('Benches renamed &lt;b&gt;now&lt;/b&gt;');
  });
});
