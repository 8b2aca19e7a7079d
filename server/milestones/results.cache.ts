import type { Request } from 'express';
import type { CacheableAnswer } from '../cache/response-cache';
import { filterQueryString } from '../http/params';
import { resultsQuerySchema } from './milestones.schema';

const resultPaths = new Set(['/results', '/results.atom', '/api/results.geojson']);

/**
 * /results, its feed and GeoJSON, kept until a published idea, a milestone, a result photo or
 * the reference data (consultation and category names) changes. Milestone rows announce the
 * `ideas` scope through their triggers.
 */
export function cacheableResultsAnswer(path: string, query: Request['query']): CacheableAnswer | undefined {
  if (!resultPaths.has(path)) return undefined;
  const parsed = resultsQuerySchema.safeParse(query);
  if (!parsed.success) return undefined;
  const { consultation, category, year } = parsed.data;
  return { url: path + filterQueryString({ consultation, category, year }), dependsOn: ['ideas', 'reference'], daily: false };
}
