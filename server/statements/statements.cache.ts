import type { Knex } from 'knex';
import type { Locale } from '../config';
import type { Translate } from '../i18n/i18n';
import { settledValue } from '../cache/settled-value';
import type { PublicChanges } from '../cache/public-changes';
import type { CacheableAnswer } from '../cache/response-cache';
import { editedStatements, statementOf, statementPaths, type Statement, type StatementKind } from './statements.queries';

/** The public statements, loaded once and kept until reference data changes. */
export interface StatementsInMemory {
  statementFor(kind: StatementKind, locale: Locale, t: Translate): Promise<Statement>;
}

export function statementsInMemory(db: Knex, changes: PublicChanges): StatementsInMemory {
  const kept = settledValue(changes, ['reference'], async () => new Map((await editedStatements(db)).map((edited) => [`${edited.kind}:${edited.locale}`, edited])));
  return {
    async statementFor(kind, locale, t) {
      return statementOf(kind, locale, (await kept.get()).get(`${kind}:${locale}`), t);
    },
  };
}

const publicPaths = new Set(Object.values(statementPaths));

/**
 * The statements' pages are the same for every anonymous visitor of a language: the response
 * cache keeps them (any query but the language is ignored) until reference data changes, which
 * an admin's edit of a statement is.
 */
export function cacheableStatementAnswer(path: string): CacheableAnswer | undefined {
  return publicPaths.has(path) ? { url: path, dependsOn: ['reference'], daily: false } : undefined;
}
