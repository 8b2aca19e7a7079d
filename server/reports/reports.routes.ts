import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { requireActiveAccount, requireVerifiedEmail } from '../http/access';
import { notFound } from '../http/errors';
import { flashAndRedirect, handleForm, userOf, type FieldProblems } from '../http/forms';
import { numericIdParam } from '../http/params';
import { ideaIdOfComment } from '../comments/comments.queries';
import { requireVisibleCommentIdea, requireVisibleIdea } from '../http/visible-idea';
import { reportReasons, reportSchema } from './reports.schema';
import { AlreadyReportedError, reportItem, type ReportTarget } from './reports.service';

async function ideaIdOf(db: Knex, target: ReportTarget): Promise<number> {
  if (target.kind === 'idea') return target.id;
  const ideaId = await ideaIdOfComment(db, target.id);
  if (ideaId === undefined) throw notFound();
  return ideaId;
}

export function reportRoutes(db: Knex, reportsToHide: number): Router {
  const router = Router();
  const targetOf = (kind: ReportTarget['kind'], req: Request): ReportTarget => ({ kind, id: numericIdParam(req.params.id) });
  const render = (res: Response, target: ReportTarget, ideaId: number, values: Record<string, unknown>, errors: FieldProblems) =>
    res.status(Object.keys(errors).length ? 422 : 200).render('reports/form', { target, ideaId, reasons: reportReasons, values, errors });

  const visibleTarget = { idea: requireVisibleIdea(db), comment: requireVisibleCommentIdea(db) };
  for (const [path, kind] of [['/ideas/:id/report', 'idea'], ['/comments/:id/report', 'comment']] as const) {
    router.get(path, visibleTarget[kind], requireActiveAccount, requireVerifiedEmail, async (req, res) => {
      const target = targetOf(kind, req);
      render(res, target, await ideaIdOf(db, target), {}, {});
    });
    router.post(path, visibleTarget[kind], requireActiveAccount, requireVerifiedEmail, (req, res) => createReport(targetOf(kind, req), req, res));
  }

  async function createReport(target: ReportTarget, req: Request, res: Response) {
    const ideaId = await ideaIdOf(db, target);
    const backTo = `/ideas/${ideaId}${target.kind === 'comment' ? `#comment-${target.id}` : ''}`;
    await handleForm(req, res, {
      schema: reportSchema,
      run: (report) => reportItem(db, userOf(req).id, target, report, reportsToHide),
      again: (values, errors) => render(res, target, ideaId, values, errors),
      done: () => flashAndRedirect(req, res, 'reports:done', backTo),
      refused: { error: AlreadyReportedError, redirect: () => backTo },
    });
  }

  return router;
}
