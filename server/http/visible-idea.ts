import type { Knex } from 'knex';
import type { Request, RequestHandler } from 'express';
import { notFound } from './errors';
import { numericIdParam } from './params';
import { ideaIdOfComment } from '../comments/comments.queries';
import { mayViewIdea, mayViewIdeaOnStaffPage } from '../ideas/ideas.policy';
import { ideaVisibilityById } from '../ideas/ideas.queries';

/**
 * A route that takes an idea or comment id answers 404, as for an id that does not exist,
 * unless the person may see the idea. It runs before the login and form checks: a login
 * redirect, a 403 or a form shown again with the idea's title would each tell a draft,
 * pending, hidden or workshop idea apart from a missing one. Staff pages check the role
 * first instead: they answer everyone else the same whatever the id.
 */
function visibleIdeaGuard(db: Knex, ideaIdOf: (req: Request) => Promise<number | undefined>, mayView = mayViewIdea): RequestHandler {
  return async (req, _res, next) => {
    const ideaId = await ideaIdOf(req);
    const idea = ideaId === undefined ? undefined : await ideaVisibilityById(db, ideaId);
    if (!idea || !mayView(req.user, idea)) throw notFound();
    next();
  };
}

/** For routes whose `:id` is an idea. */
export const requireVisibleIdea = (db: Knex) => visibleIdeaGuard(db, async (req) => numericIdParam(req.params.id));

/** For the staff idea page, whose `:id` is an idea: planners read pending and hidden ideas there too. */
export const requireIdeaOnStaffPage = (db: Knex) => visibleIdeaGuard(db, async (req) => numericIdParam(req.params.id), mayViewIdeaOnStaffPage);

/** For routes whose `:id` is a comment: the idea it belongs to must be visible. */
export const requireVisibleCommentIdea = (db: Knex) => visibleIdeaGuard(db, (req) => ideaIdOfComment(db, numericIdParam(req.params.id)));
