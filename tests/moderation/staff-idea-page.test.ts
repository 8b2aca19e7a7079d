import { loggedInAgent } from '../helpers/forms';
import { buildIdea } from '../factories/ideas';
import { useScene } from '../factories/scene';

const { testApp, consultation, planner, moderator, author } = useScene({
  users: {
    planner: { role: 'planner', preferredLocale: 'en' },
    moderator: { role: 'moderator', preferredLocale: 'en' },
    author: { displayName: 'Anna Author' },
  },
  consultation: {},
});

/** Every form on the page posts to one of these: the page's moderation actions. */
const moderationActions = ['publish', 'hide', 'dismiss-reports', 'category', 'move', 'duplicate', 'duplicate/clear', 'comments/lock', 'comments/unlock', 'revisions/reviewed'];
const formsIn = (html: string) => [...html.matchAll(/<form method="post" action="([^"]+)"/g)].map((match) => match[1]);

describe('the staff idea page for planners', () => {
  it.each(['published', 'pending', 'hidden'])('a planner reads a %s idea without any moderation, status, translation or people action; a moderator has them', async (visibility) => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, visibility, title: 'Bench <script>alert("t")</script>' });
    const { agent } = await loggedInAgent(testApp.app, planner);
    const page = (await agent.get(`/admin/ideas/${ideaId}`).expect(200)).text;
    expect(page).toContain('<title>Idea: Bench &lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;');
    expect(page).not.toContain('<script>alert("t")');
    expect(page).toContain('=HYPERLINK');
    expect(page).toContain('Anna Author');
    expect(formsIn(page).filter((action) => action.startsWith('/admin/'))).toEqual([]);
    expect(page).not.toContain(`href="/admin/users/${author.id}"`);
    expect(page).not.toContain(`href="/admin/ideas/${ideaId}/status"`);
    expect(page).not.toContain(`href="/ideas/${ideaId}/translations"`);
    expect(page).toContain(`href="/admin/ideas/${ideaId}/assessment"`);
    expect(page).toContain(`href="/admin/ideas/${ideaId}/milestones"`);
    expect(page).toContain('Place on the map');
    expect(page).toContain('People can comment on this idea.');

    const { agent: moderatorAgent } = await loggedInAgent(testApp.app, moderator);
    const moderatorPage = (await moderatorAgent.get(`/admin/ideas/${ideaId}`).expect(200)).text;
    expect(moderatorPage).toContain('<title>Moderate: Bench');
    expect(formsIn(moderatorPage).map((action) => action.replace(`/admin/ideas/${ideaId}/`, ''))).toEqual(expect.arrayContaining(['category', 'move', 'duplicate', 'comments/lock']));
    expect(moderatorPage).toContain(`href="/admin/users/${author.id}"`);
  });

  it('refuses the planner every action of the page (403), and the idea is unchanged', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, visibility: 'pending' });
    const before = await testApp.db('ideas').where({ id: ideaId }).first();
    const { agent, csrf } = await loggedInAgent(testApp.app, planner);
    for (const action of moderationActions) {
      await agent.post(`/admin/ideas/${ideaId}/${action}`).type('form').send({ _csrf: csrf, reason: 'No', categoryId: '1', latitude: '55.87', longitude: '26.53', originalId: '1' }).expect(403);
    }
    expect(await testApp.db('ideas').where({ id: ideaId }).first()).toEqual(before);
  });

  it('answers 404 to a planner for a draft, as for an idea that does not exist', async () => {
    const draft = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, visibility: 'draft' });
    const { agent } = await loggedInAgent(testApp.app, planner);
    await agent.get(`/admin/ideas/${draft}`).expect(404);
    await agent.get('/admin/ideas/999999').expect(404);
  });

  it('links the planner to it from the assessment page and from the public idea page', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
    const { agent } = await loggedInAgent(testApp.app, planner);
    expect((await agent.get(`/admin/ideas/${ideaId}/assessment`).expect(200)).text).toContain(`<a href="/admin/ideas/${ideaId}">Read the idea on its staff page</a>`);
    expect((await agent.get(`/ideas/${ideaId}`).expect(200)).text).toContain(`<a href="/admin/ideas/${ideaId}">Read the idea on its staff page</a>`);
  });
});
