import type { ZodError } from 'zod';
import { AppError, notFound } from './errors';

/** A route's `:id`: digits only, else the page does not exist (404, not 400). */
export function numericIdParam(value: unknown): number {
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) throw notFound();
  return Number(value);
}

/** Filters as a query string, for links that keep the current view (map ⇄ list, pages). */
export function filterQueryString(filters: object, extra: Record<string, string | number> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** "bbox: must be four numbers…" for the first problem of a query string. */
function describeQueryProblem(error: ZodError): { parameter: string; problem: string } {
  const issue = error.issues[0];
  return { parameter: String(issue.path[0] ?? 'query'), problem: issue.message };
}

/** The parsed query string, or a 400 naming the first parameter that is wrong. */
export function parseFiltersOr400<T>(parse: () => { success: true; data: T } | { success: false; error: ZodError }): T {
  const parsed = parse();
  if (!parsed.success) {
    const { parameter, problem } = describeQueryProblem(parsed.error);
    // The message has lived in the ideas namespace since the idea filters were the only query strings.
    throw new AppError(400, 'invalid_parameter', 'ideas:errors.invalidParameter', { parameter, problem });
  }
  return parsed.data;
}
