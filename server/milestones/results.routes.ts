import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { allCategories } from '../categories/categories.queries';
import { consultationTitles } from '../consultations/consultations.queries';
import { mapAssets } from '../http/map-assets';
import { filterQueryString, parseFiltersOr400 } from '../http/params';
import { escapeHtml } from '../http/plain-text';
import type { PhotoStorage } from '../uploads/photo-storage';
import { completionYears, publishedResults, type ResultCard } from './milestones.queries';
import { resultsQuerySchema } from './milestones.schema';

const readFilters = (req: Request) => parseFiltersOr400(() => resultsQuerySchema.safeParse(req.query));

/** A result as a GeoJSON feature: what a city website's or open data portal's map needs. */
function resultFeature(result: ResultCard, baseUrl: string, photoUrl: (key: string) => string) {
  return {
    type: 'Feature' as const,
    geometry: { type: 'Point' as const, coordinates: [result.longitude, result.latitude] },
    properties: {
      id: result.id,
      title: result.title,
      language: result.originalLocale,
      status: result.status,
      consultation: result.consultationId,
      category: result.categorySlug,
      completedYear: result.completedYear,
      progress: result.latestProgress,
      url: `${baseUrl}/ideas/${result.id}`,
      afterPhoto: result.afterLargeKey ? `${baseUrl}${photoUrl(result.afterLargeKey)}` : null,
    },
  };
}

/** What was built: the public page, its Atom feed and its GeoJSON. */
export function resultsRoutes(db: Knex, options: { baseUrl: string; storage: PhotoStorage }): Router {
  const router = Router();
  const photoUrl = options.storage.urlFor;

  router.get('/results', async (req, res) => {
    const filters = readFilters(req);
    const results = await publishedResults(db, filters);
    const categories = await allCategories(db);
    res.render('results/index', {
      results,
      filters,
      consultations: await consultationTitles(db),
      categories,
      years: await completionYears(db),
      photoUrl,
      feedQuery: filterQueryString(filters),
      points: results.map((result) => ({ id: result.id, title: result.title, lat: result.latitude, lon: result.longitude, category: result.categorySlug })),
      ...mapAssets(['results-map.js']),
    });
  });

  router.get('/results.atom', async (req, res) => {
    const filters = readFilters(req);
    const results = await publishedResults(db, filters, 100);
    const updated = results.reduce((latest, result) => Math.max(latest, new Date(result.completedAt ?? result.updatedAt).getTime()), 0);
    const self = `${options.baseUrl}/results.atom${filterQueryString(filters)}`;
    const entries = results.map((result) => {
      const url = `${options.baseUrl}/ideas/${result.id}`;
      const summary = req.t(`ideas:status.${result.status}`) + (result.latestProgress !== null ? ` · ${req.t('milestones:progressValue', { progress: result.latestProgress })}` : '');
      return [
        '  <entry>',
        `    <id>${escapeHtml(url)}</id>`,
        `    <title xml:lang="${result.originalLocale}">${escapeHtml(result.title)}</title>`,
        `    <link rel="alternate" type="text/html" href="${escapeHtml(url)}"/>`,
        `    <updated>${new Date(result.completedAt ?? result.updatedAt).toISOString()}</updated>`,
        `    <summary>${escapeHtml(summary)}</summary>`,
        ...(result.afterLargeKey ? [`    <link rel="enclosure" type="image/jpeg" href="${escapeHtml(options.baseUrl + photoUrl(result.afterLargeKey))}"/>`] : []),
        '  </entry>',
      ].join('\n');
    });
    const feed = [
      '<?xml version="1.0" encoding="utf-8"?>',
      `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${req.locale}">`,
      `  <id>${escapeHtml(`${options.baseUrl}/results`)}</id>`,
      `  <title>${escapeHtml(req.t('milestones:results.feedTitle'))}</title>`,
      `  <link rel="self" type="application/atom+xml" href="${escapeHtml(self)}"/>`,
      `  <link rel="alternate" type="text/html" href="${escapeHtml(`${options.baseUrl}/results${filterQueryString(filters)}`)}"/>`,
      `  <updated>${new Date(updated || 0).toISOString()}</updated>`,
      `  <author><name>Kopā</name></author>`,
      ...entries,
      '</feed>',
      '',
    ].join('\n');
    res.type('application/atom+xml; charset=utf-8').send(feed);
  });

  router.get('/api/results.geojson', async (req, res) => {
    const filters = readFilters(req);
    const results = await publishedResults(db, filters, 5000);
    res.type('application/geo+json').send(JSON.stringify({ type: 'FeatureCollection', features: results.map((result) => resultFeature(result, options.baseUrl, photoUrl)) }));
  });

  return router;
}
