import type { Knex } from 'knex';
import type { Locale } from '../config';
import type { Translate } from '../i18n/i18n';
import { settledValue } from '../cache/settled-value';
import type { PublicChanges } from '../cache/public-changes';
import { editedStatements, statementOf, type Statement, type StatementKind } from './statements.queries';

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
