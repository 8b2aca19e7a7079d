import type { Express } from 'express';
import type request from 'supertest';
import { loggedInAgent, visitorWithForm } from '../helpers/forms';
import { buildIdea } from '../factories/ideas';
import { buildComment } from '../factories/comments';
import { buildRoomIdea, buildWorkshop } from '../factories/workshops';
import { buildUser } from '../factories/users';
import { useScene } from '../factories/scene';

const { testApp, consultation, author, resident } = useScene({ users: { author: {}, resident: {} }, consultation: {} });

interface Route {
  method: 'get' | 'post';
  path: string;
}

interface RouterLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
}

/** Every GET and POST route of the app, read from Express's router stack, so a new route cannot be left out. */
function routesOf(app: Express): Route[] {
  const found: Route[] = [];
  const walk = (stack: RouterLayer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const path of ([] as string[]).concat(layer.route.path)) {
          for (const method of ['get', 'post'] as const) if (layer.route.methods[method]) found.push({ method, path });
        }
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: RouterLayer[] } }).router.stack);
  return found;
}

/** The routes that take an idea or a comment id, with the kind of id each parameter holds. */
type ItemRoute = Route & { item: 'idea' | 'comment' };

function ideaAndCommentRoutes(app: Express): ItemRoute[] {
  return routesOf(app).flatMap((route): ItemRoute[] => {
    if (/^\/(api\/|admin\/)?ideas\/:id\b/.test(route.path) || route.path.includes(':ideaId')) return [{ ...route, item: 'idea' }];
    if (/^\/(admin\/)?comments\/:id\b/.test(route.path)) return [{ ...route, item: 'comment' }];
    return [];
  });
}

/**
 * Staff pages, facilitators' workshop pages and participants' rooms refuse these visitors
 * before reading any idea id: they answer as for an id that does not exist.
 */
const refusedBeforeAnyId = (path: string) => /^\/(admin|workshops|w)\//.test(path);

const secretTitle = 'Secret title';
const missingId = 987654321;
let workshop: { id: number; joinCode: string };
const hidden: { visibility: string; ideaId: number; commentId: number }[] = [];
let publishedIdea: { ideaId: number; commentId: number };

beforeAll(async () => {
  const facilitator = await buildUser(testApp.db, { role: 'facilitator' });
  workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id });
  for (const visibility of ['draft', 'pending', 'hidden', 'workshop']) {
    const ideaId =
      visibility === 'workshop'
        ? await buildRoomIdea(testApp.db, workshop, consultation.id, { title: `${secretTitle} of a workshop idea` })
        : await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, visibility, title: `${secretTitle} of a ${visibility} idea` });
    hidden.push({ visibility, ideaId, commentId: await buildComment(testApp.db, { ideaId, authorId: author.id, body: `${secretTitle} in a comment` }) });
  }
  const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: `${secretTitle} of a published idea` });
  publishedIdea = { ideaId, commentId: await buildComment(testApp.db, { ideaId, authorId: author.id }) };
});

function urlOf(route: ItemRoute, ids: { ideaId: number; commentId: number }): string {
  return route.path
    .replace(':code', workshop.joinCode)
    .replace(':ideaId', String(ids.ideaId))
    .replace(':id', String(route.path.startsWith('/workshops/') ? workshop.id : route.item === 'idea' ? ids.ideaId : ids.commentId));
}

/** What the route answers: an empty form with a valid CSRF token for a POST, as the issue's example. */
async function ask(agent: ReturnType<typeof request.agent>, csrf: string, route: ItemRoute, ids: { ideaId: number; commentId: number }) {
  const url = urlOf(route, ids);
  const response = route.method === 'get' ? await agent.get(url) : await agent.post(url).type('form').send({ _csrf: csrf });
  // A login redirect names the page to come back to: compared without it.
  const location = (response.headers.location as string | undefined)?.split('?')[0];
  return { status: response.status, location, text: response.text };
}

const visitors = {
  'an anonymous visitor': (app: Express) => visitorWithForm(app, '/login'),
  'an unrelated resident': (app: Express) => loggedInAgent(app, resident),
};

describe.each(Object.entries(visitors))('%s', (_name, visit) => {
  it('gets 404 without the title on every route that takes the id of an idea they may not see, or of a comment on one', async () => {
    const routes = ideaAndCommentRoutes(testApp.app);
    // The walk covers the issue's route and the routers it names.
    expect(routes.map((route) => `${route.method.toUpperCase()} ${route.path}`)).toEqual(
      expect.arrayContaining(['POST /ideas/:id/comments', 'GET /ideas/:id/edit', 'POST /ideas/:id/support', 'POST /ideas/:id/follow', 'GET /comments/:id/report', 'GET /ideas/:id/translations', 'POST /admin/ideas/:id/status', 'POST /admin/comments/:id/hide']),
    );
    const { agent, csrf } = await visit(testApp.app);
    const leaks: string[] = [];
    for (const route of routes) {
      const name = `${route.method.toUpperCase()} ${route.path}`;
      const missing = await ask(agent, csrf, route, { ideaId: missingId, commentId: missingId });
      for (const { visibility, ideaId, commentId } of hidden) {
        const answer = await ask(agent, csrf, route, { ideaId, commentId });
        const expected = refusedBeforeAnyId(route.path) ? { status: missing.status, location: missing.location } : { status: 404, location: undefined };
        if (answer.status !== expected.status || answer.location !== expected.location || answer.text.includes(secretTitle)) {
          leaks.push(`${name} (${visibility} idea): ${answer.status}${answer.location ? ` → ${answer.location}` : ''}${answer.text.includes(secretTitle) ? ', shows the title' : ''}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });
});

it('the walk would see a title: a published idea’s routes show it to a resident', async () => {
  const { agent, csrf } = await loggedInAgent(testApp.app, resident);
  const comment = await ask(agent, csrf, { method: 'post', path: '/ideas/:id/comments', item: 'idea' }, publishedIdea);
  expect(comment.status).toBe(422);
  expect(comment.text).toContain(`${secretTitle} of a published idea`);
  const report = await ask(agent, csrf, { method: 'get', path: '/ideas/:id/report', item: 'idea' }, publishedIdea);
  expect(report.status).toBe(200);
});

it('the author and staff still reach what they may see', async () => {
  const { agent } = await loggedInAgent(testApp.app, author);
  const pending = hidden.find((idea) => idea.visibility === 'pending')!;
  await agent.get(`/ideas/${pending.ideaId}/edit`).expect(200);
  const moderator = await buildUser(testApp.db, { role: 'moderator' });
  const { agent: staff } = await loggedInAgent(testApp.app, moderator);
  const page = await staff.get(`/admin/ideas/${pending.ideaId}`).expect(200);
  expect(page.text).toContain(`${secretTitle} of a pending idea`);
  await staff.get(`/admin/comments/${hidden.find((idea) => idea.visibility === 'hidden')!.commentId}`).expect(200);
});
