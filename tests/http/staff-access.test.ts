import request from 'supertest';
import { roles, type Role } from '../../server/auth/roles';
import { loggedInAgent, visitorWithForm } from '../helpers/forms';
import { buildIdea } from '../factories/ideas';
import { buildComment } from '../factories/comments';
import { buildUser } from '../factories/users';
import { everyone, type Someone } from '../factories/roles';
import { useScene } from '../factories/scene';
import { insertImport } from '../../server/imports/imports.queries';

/**
 * Who may call each staff route, as a table of role × action: a visitor is sent to the login
 * page, a role not named is refused with 403, a role named gets the route's answer. Every
 * role acts on targets of its own (an idea, a comment, an account), so that one role's action
 * never changes what the next one finds. POSTs send an empty form, so that an allowed role
 * mostly proves it passed the guard by a validation error (422) and changes nothing.
 */
const { testApp, consultation, ...staff } = useScene({
  users: Object.fromEntries(roles.map((role) => [role, { role, preferredLocale: 'en' as const }])) as Record<Role, { role: Role; preferredLocale: 'en' }>,
  consultation: {},
});

interface Targets {
  ideaId: number;
  commentId: number;
  userId: number;
}

const moderators: readonly Role[] = ['moderator', 'admin'];
const admins: readonly Role[] = ['admin'];
const planners: readonly Role[] = ['planner', 'moderator', 'admin'];
const assistants: readonly Role[] = ['volunteer', 'facilitator', 'moderator', 'admin'];
const importers: readonly Role[] = ['facilitator', 'moderator', 'admin'];

const table: Record<string, [method: 'GET' | 'POST', route: string, allowed: readonly Role[], status: number][]> = {
  'staff home': [
    ['GET', '/admin', planners, 200],
  ],
  moderation: [
    ['GET', '/admin/moderation', moderators, 200],
    ['POST', '/admin/moderation/bulk', moderators, 303],
    ['GET', '/admin/ideas/:idea', planners, 200], // planners read it: no action on it is theirs
    ['POST', '/admin/ideas/:idea/publish', moderators, 422], // refused: the idea is published already
    ['POST', '/admin/ideas/:idea/hide', moderators, 422],
    ['POST', '/admin/ideas/:idea/dismiss-reports', moderators, 303],
    ['POST', '/admin/ideas/:idea/category', moderators, 422],
    ['POST', '/admin/ideas/:idea/move', moderators, 422],
    ['POST', '/admin/ideas/:idea/duplicate', moderators, 422],
    ['POST', '/admin/ideas/:idea/duplicate/clear', moderators, 303],
    ['POST', '/admin/ideas/:idea/comments/lock', moderators, 303],
    ['POST', '/admin/ideas/:idea/comments/unlock', moderators, 303],
    ['POST', '/admin/ideas/:idea/revisions/reviewed', moderators, 422], // refused: nothing to review
    ['GET', '/admin/comments/:comment', moderators, 200],
    ['POST', '/admin/comments/:comment/hide', moderators, 422],
    ['POST', '/admin/comments/:comment/restore', moderators, 422], // refused: the comment is not hidden
    ['POST', '/admin/comments/:comment/dismiss-reports', moderators, 303],
  ],
  statuses: [
    ['GET', '/admin/ideas/:idea/status', moderators, 200],
    ['POST', '/admin/ideas/:idea/status', moderators, 422],
  ],
  translations: [
    ['GET', '/ideas/:idea/translations', moderators, 200],
    ['POST', '/ideas/:idea/translations', moderators, 422],
  ],
  consultations: [
    ['GET', '/admin/consultations', admins, 200],
    ['GET', '/admin/consultations/new', admins, 200],
    ['POST', '/admin/consultations', admins, 422],
    ['GET', '/admin/consultations/:consultation', admins, 200],
    ['POST', '/admin/consultations/:consultation', admins, 422],
  ],
  categories: [
    ['GET', '/admin/categories', admins, 200],
    ['GET', '/admin/categories/new', admins, 200],
    ['POST', '/admin/categories', admins, 422],
    ['GET', '/admin/categories/1', admins, 200],
    ['POST', '/admin/categories/1', admins, 422],
  ],
  users: [
    ['GET', '/admin/users', moderators, 200],
    ['GET', '/admin/users/:user', moderators, 200],
    ['POST', '/admin/users/:user/block', moderators, 422],
    ['POST', '/admin/users/:user/unblock', moderators, 303],
    ['POST', '/admin/users/:user/reset-two-factor', admins, 303],
  ],
  erasure: [
    ['GET', '/admin/users/erase', admins, 200],
    ['GET', '/admin/users/:user/erase', admins, 200],
    ['POST', '/admin/users/:user/erase', admins, 422],
  ],
  audit: [
    ['GET', '/admin/audit', admins, 200],
  ],
  dashboard: [
    ['GET', '/admin/dashboard', planners, 200],
  ],
  'NEB assessments': [
    ['GET', '/admin/assessments', planners, 200],
    ['GET', '/admin/ideas/:idea/assessment', planners, 200],
    ['POST', '/admin/ideas/:idea/assessment', planners, 422],
    ['POST', '/admin/ideas/:idea/assessment/publish', planners, 422], // refused: nobody assessed it
  ],
  exports: [
    ['GET', '/admin/exports', planners, 200],
    ['GET', '/admin/exports/ideas.csv', planners, 200],
    ['GET', '/admin/exports/ideas.xlsx', planners, 200],
    ['GET', '/admin/exports/ideas.geojson', planners, 200],
  ],
  'ideas entered for others': [
    ['GET', '/assist/ideas/new', assistants, 200],
    ['POST', '/assist/ideas', assistants, 422],
    ['GET', '/admin/assisted-contacts', moderators, 200],
    ['POST', '/admin/assisted-contacts/:idea/delete', moderators, 404], // no contact kept for it
  ],
  'imports from events': [
    ['GET', '/assist/imports', importers, 200],
    ['GET', '/assist/imports/template.csv', importers, 200],
    ['GET', '/assist/imports/template.xlsx', importers, 200],
    ['POST', '/assist/imports', importers, 422], // no file, no consent
    ['GET', '/assist/imports/:import', importers, 200],
    ['POST', '/assist/imports/:import/confirm', importers, 303], // the first imports it, the others are told it is done
  ],
  statements: [
    ['GET', '/admin/statements', admins, 200],
    ['GET', '/admin/statements/accessibility/en', admins, 200],
    ['POST', '/admin/statements/accessibility/en', admins, 422],
  ],
};

/** The route with this person's own targets in place of `:idea`, `:comment`, `:user` and `:consultation`. */
const pathOf = (route: string, targets: Targets) =>
  route
    .replace(':idea', String(targets.ideaId))
    .replace(':comment', String(targets.commentId))
    .replace(':user', String(targets.userId))
    .replace(':consultation', String(consultation.id))
    .replace(':import', String(importId));

let importId: number;
const sessions = new Map<Someone, { agent: ReturnType<typeof request.agent>; csrf: string; targets: Targets }>();
beforeAll(async () => {
  const category = await testApp.db('categories').orderBy('id').first('slug');
  const cells = { title: 'Bench', description: 'By the river', category: category.slug, nebValues: 'together', originalLanguage: 'en', latitude: '55.88', longitude: '26.5', placeName: '', gridSquare: '', place: '' };
  importId = await insertImport(testApp.db, { consultationId: consultation.id, createdBy: staff.admin.id, eventName: 'Stand', fileName: 'stand.csv', fileHash: 'x', rows: [{ line: 2, cells }] });
  for (const someone of everyone) {
    const author = await buildUser(testApp.db);
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
    const targets = { ideaId, commentId: await buildComment(testApp.db, { ideaId, authorId: author.id }), userId: author.id };
    const session = someone === 'visitor' ? await visitorWithForm(testApp.app, '/login') : await loggedInAgent(testApp.app, staff[someone]);
    sessions.set(someone, { ...session, targets });
  }
});

describe.each(Object.entries(table))('%s', (_feature, rows) => {
  describe.each(rows)('%s %s', (method, route, allowed, status) => {
    it.each(everyone.map((someone) => [someone, someone === 'visitor' ? 'login' : allowed.includes(someone) ? status : 403]))('%s → %s', async (someone) => {
      const { agent, csrf, targets } = sessions.get(someone)!;
      const url = pathOf(route, targets);
      const response = method === 'GET' ? await agent.get(url) : await agent.post(url).type('form').send({ _csrf: csrf });
      if (someone === 'visitor') {
        expect([response.status, response.headers.location]).toEqual([303, `/login?next=${encodeURIComponent(url)}`]);
      } else {
        expect(response.status).toBe(allowed.includes(someone) ? status : 403);
      }
    });
  });
});
