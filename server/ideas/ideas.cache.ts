import type { Request } from 'express';
import type { CacheableAnswer } from '../cache/response-cache';
import { ideaFiltersSchema, ideaListQuerySchema } from './ideas.schema';
import { areaCardsQuerySchema } from './area-cards';

const homeFiltersSchema = ideaFiltersSchema.omit({ bbox: true });
/** The order of parameters in a normalised address; defaults are left out. */
const parameterOrder = ['consultation', 'category', 'value', 'status', 'q', 'bbox', 'nebElement', 'nebLevel', 'sort', 'page'] as const;
const defaults: Record<string, unknown> = { sort: 'newest', page: 1 };

function normalisedUrl(path: string, values: Partial<Record<(typeof parameterOrder)[number], unknown>>): string {
  const params = new URLSearchParams();
  for (const name of parameterOrder) {
    const value = values[name];
    if (value === undefined || value === '' || value === defaults[name]) continue;
    params.set(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

const ideaPage = /^\/ideas\/(\d{1,15})$/;
const ideaApi = /^\/api\/ideas\/(\d{1,15})$/;

/**
 * The public answers of the ideas feature the response cache keeps: the map page, the list, the
 * cards of a map area, an idea's page and its API answer, and the map data. The query is read
 * with the route's own schema, so an invalid one is not cached (the route answers 400) and
 * unknown parameters, their order and defaults do not make new entries.
 */
export function cacheableIdeaAnswer(path: string, query: Request['query']): CacheableAnswer | undefined {
  if (path === '/') {
    const parsed = homeFiltersSchema.safeParse(query);
    // The page shows the first cards of the list beside the map.
    return parsed.success ? { url: normalisedUrl(path, parsed.data), dependsOn: ['reference', 'ideas'], daily: true } : undefined;
  }
  if (path === '/ideas/cards') {
    // The box is rounded to a grid first: panning the map asks for the same few entries.
    const parsed = areaCardsQuerySchema.safeParse(query);
    return parsed.success ? { url: normalisedUrl(path, parsed.data), dependsOn: ['ideas'], daily: true } : undefined;
  }
  if (path === '/ideas') {
    const parsed = ideaListQuerySchema.safeParse(query);
    return parsed.success ? { url: normalisedUrl(path, parsed.data), dependsOn: ['ideas'], daily: true } : undefined;
  }
  if (path === '/api/ideas.geojson') {
    const parsed = ideaFiltersSchema.safeParse(query);
    if (!parsed.success) return undefined;
    // A text or value filter reads the idea's texts, which the map points do not cover.
    const readsTexts = parsed.data.q !== undefined || parsed.data.value !== undefined;
    return { url: normalisedUrl(path, parsed.data), dependsOn: readsTexts ? ['points', 'ideas'] : ['points'], daily: false };
  }
  const page = ideaPage.exec(path);
  if (page) {
    // Later pages of the conversation are rare: they are not worth normalising the comments' query.
    if (query.comments !== undefined || query.commentPage !== undefined) return undefined;
    const url = query.original === '1' ? `${path}?original=1` : path;
    return { url, dependsOn: [`idea:${Number(page[1])}`], daily: true };
  }
  const api = ideaApi.exec(path);
  if (api) return { url: path, dependsOn: [`idea:${Number(api[1])}`], daily: false };
  return undefined;
}
