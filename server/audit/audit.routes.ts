import { Router } from 'express';
import type { Knex } from 'knex';
import { requireRole } from '../http/access';
import { filterQueryString, parseFiltersOr400 } from '../http/params';
import { auditActions, auditActors, auditEntries, auditPageSize } from './audit.queries';
import { auditQuerySchema, auditTargetTypes } from './audit.schema';

/** Where an audited item can be looked at by staff. */
export function auditTargetLink(targetType: string | null, targetId: number | null): string | undefined {
  if (!targetType || !targetId) return undefined;
  return ({ idea: `/admin/ideas/${targetId}`, comment: `/admin/comments/${targetId}`, user: `/admin/users/${targetId}`, consultation: `/admin/consultations/${targetId}`, category: `/admin/categories/${targetId}` } as Record<string, string>)[targetType];
}

export function auditRoutes(db: Knex): Router {
  const router = Router();

  router.get('/admin/audit', requireRole('admin'), async (req, res) => {
    const query = parseFiltersOr400(() => auditQuerySchema.safeParse(req.query));
    const entries = await auditEntries(db, query);
    const { before: _before, ...filters } = query;
    res.render('audit/list', {
      query,
      filters,
      entries,
      nextPage: entries.length === auditPageSize ? filterQueryString(filters, { before: entries[entries.length - 1].id }) : undefined,
      actions: await auditActions(db),
      actors: await auditActors(db),
      targetTypes: auditTargetTypes,
      targetLink: auditTargetLink,
    });
  });

  return router;
}
