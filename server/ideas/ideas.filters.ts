import type { ZodError } from 'zod';
import { AppError, notFound } from '../http/errors';
import { consultationTitles } from '../consultations/consultations.queries';
import { allCategories } from './ideas.queries';
import { describeQueryProblem, ideaSorts, ideaStatuses, nebValues, type IdeaFilters } from './ideas.schema';
import type { IdeaServices } from './ideas.service';

export function numericIdParam(value: unknown): number {
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) throw notFound();
  return Number(value);
}

/** Filters as a query string, for links that keep the current view (map ⇄ list, pages). */
export function filterQueryString(filters: Partial<IdeaFilters> & Record<string, unknown>, extra: Record<string, string | number> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export async function filterOptions(services: IdeaServices) {
  return {
    consultationOptions: await consultationTitles(services.db),
    categories: await allCategories(services.db),
    nebValues,
    statuses: ideaStatuses,
    sorts: ideaSorts,
  };
}

export function parseFiltersOr400<T>(parse: () => { success: true; data: T } | { success: false; error: ZodError }): T {
  const parsed = parse();
  if (!parsed.success) {
    const { parameter, problem } = describeQueryProblem(parsed.error);
    throw new AppError(400, 'invalid_parameter', 'ideas:errors.invalidParameter', { parameter, problem });
  }
  return parsed.data;
}
