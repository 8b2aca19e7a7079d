import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { resultRoles } from '../auth/roles';
import { requireRole } from '../http/access';
import { userOf } from '../http/forms';
import { filterOptions } from '../ideas/ideas.filters';
import { filterQueryString, parseFiltersOr400 } from '../http/params';
import type { IdeaServices } from '../ideas/ideas.service';
import { exportedComments, exportedIdeas } from './exports.queries';
import { exportFiltersSchema, type ExportFilters } from './exports.schema';
import { recordIdeasExport, type ExportFormat } from './exports.service';
import { writeIdeasCsv, writeIdeasGeoJson, writeIdeasXlsx } from './exports.writers';

const formats: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json',
};

export function exportRoutes(services: IdeaServices, db: Knex, options: { baseUrl: string; secret: string }): Router {
  const router = Router();
  const staffOnly = requireRole(...resultRoles);
  const filtersOf = (req: Request) => parseFiltersOr400(() => exportFiltersSchema.safeParse(req.query));

  router.get('/admin/exports', staffOnly, async (req, res) => {
    const filters = filtersOf(req);
    res.render('exports/index', { filters, query: filterQueryString(filters), ...(await filterOptions(services)) });
  });

  for (const format of Object.keys(formats) as ExportFormat[]) {
    router.get(`/admin/exports/ideas.${format}`, staffOnly, async (req, res) => {
      const filters: ExportFilters = filtersOf(req);
      await recordIdeasExport(db, userOf(req).id, format, filters);
      res.set('Content-Type', formats[format]);
      res.set('Content-Disposition', `attachment; filename="kopa-ideas-${new Date().toISOString().slice(0, 10)}.${format}"`);
      const ideas = exportedIdeas(db, filters, req.locale, options.secret);
      if (format === 'csv') await writeIdeasCsv(res, ideas, options.baseUrl);
      else if (format === 'geojson') await writeIdeasGeoJson(res, ideas, options.baseUrl);
      else await writeIdeasXlsx(res, ideas, () => exportedComments(db, filters, options.secret), options.baseUrl);
    });
  }

  return router;
}
