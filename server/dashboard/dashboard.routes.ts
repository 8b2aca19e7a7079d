import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { resultRoles } from '../auth/roles';
import { consultationTitles } from '../consultations/consultations.queries';
import { requireRole } from '../http/access';
import { parseFiltersOr400 } from '../http/params';
import { formatDate, formatNumber } from '../i18n/format';
import { dashboardFigures } from './dashboard.queries';
import { participationChartSvg } from './participation-chart';
import { nebDistribution } from '../neb/neb.queries';

const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value === '' ? undefined : value);

const dashboardQuerySchema = z.object({
  consultation: z.preprocess(firstValue, z.coerce.number({ message: 'must be a consultation id' }).int().positive({ message: 'must be a consultation id' }).optional()),
});

export function dashboardRoutes(db: Knex): Router {
  const router = Router();

  router.get('/admin/dashboard', requireRole(...resultRoles), async (req, res) => {
    const { consultation } = parseFiltersOr400(() => dashboardQuerySchema.safeParse(req.query));
    const figures = await dashboardFigures(db, consultation);
    const t = req.t;
    const chart = participationChartSvg(figures.weeks, {
      title: t('dashboard:chart.title'),
      description: t('dashboard:chart.description'),
      series: { ideas: t('dashboard:totals.ideas'), comments: t('dashboard:totals.comments'), supports: t('dashboard:totals.supports') },
      week: (monday) => formatDate(req.locale, monday),
      number: (value) => formatNumber(req.locale, value),
    });
    res.render('dashboard/index', { consultation, consultationOptions: await consultationTitles(db), figures, chart, distribution: await nebDistribution(db, { consultationId: consultation, only: 'all' }) });
  });

  return router;
}
