import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { requireActiveAccount, requireVerifiedEmail } from '../http/access';
import { notFound } from '../http/errors';
import { setFlash } from '../http/flash';
import { fieldErrors } from '../http/validation';
import { numericIdParam } from '../http/params';
import { ideaIdOfComment } from '../comments/comments.queries';
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
  const render = (res: Response, target: ReportTarget, ideaId: number, values: Record<string, unknown>, errors: Record<string, string>, status = 200) =>
    res.status(status).render('reports/form', { target, ideaId, reasons: reportReasons, values, errors });

  for (const [path, kind] of [['/ideas/:id/report', 'idea'], ['/comments/:id/report', 'comment']] as const) {
    router.get(path, requireActiveAccount, requireVerifiedEmail, async (req, res) => {
      const target = targetOf(kind, req);
      render(res, target, await ideaIdOf(db, target), {}, {});
    });
    router.post(path, requireActiveAccount, requireVerifiedEmail, (req, res) => createReport(targetOf(kind, req), req, res));
  }

  async function createReport(target: ReportTarget, req: Request, res: Response) {
    const ideaId = await ideaIdOf(db, target);
    const parsed = reportSchema.safeParse(req.body ?? {});
    if (!parsed.success) return render(res, target, ideaId, req.body ?? {}, fieldErrors(parsed.error), 422);
    try {
      await reportItem(db, req.user!.id, target, parsed.data, reportsToHide);
      setFlash(req, 'success', 'reports:done');
    } catch (error) {
      if (!(error instanceof AlreadyReportedError)) throw error;
      setFlash(req, 'error', error.messageKey);
    }
    res.redirect(303, `/ideas/${ideaId}${target.kind === 'comment' ? `#comment-${target.id}` : ''}`);
  }

  return router;
}
