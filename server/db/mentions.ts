import type { Knex } from 'knex';

/**
 * Finding personal data copied into logs (audit entries, jobs) so that erasure can redact it:
 * a case-insensitive "contains", on text columns and on json(b) columns in their text form.
 */

/** How a text appears inside PostgreSQL's JSON text output (quotes and backslashes escaped). */
export const asJsonText = (text: string) => JSON.stringify(text).slice(1, -1);

/** Adds "or the text column contains one of the texts" to a where group. */
export function orTextMentions(where: Knex.QueryBuilder, column: string, texts: readonly string[]): void {
  for (const text of texts) where.orWhereRaw(`strpos(lower(${column}), lower(?)) > 0`, [text]);
}

/** Adds "or the json(b) column, as text, contains one of the texts" to a where group. */
export function orJsonMentions(where: Knex.QueryBuilder, column: string, texts: readonly string[]): void {
  for (const text of texts) where.orWhereRaw(`strpos(lower(${column}::text), lower(?)) > 0`, [asJsonText(text)]);
}

/** How the texts are taken out of what mentions them. */
export interface Redaction {
  json(value: unknown): unknown;
  text(text: string): string;
}
