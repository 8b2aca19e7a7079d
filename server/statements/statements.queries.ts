import type { Knex } from 'knex';
import type { Locale } from '../config';
import type { Translate } from '../i18n/i18n';

export const statementKinds = ['accessibility', 'privacy', 'about'] as const;
export type StatementKind = (typeof statementKinds)[number];

/** Where each text is shown to visitors. */
export const statementPaths: Record<StatementKind, string> = { accessibility: '/accessibility', privacy: '/privacy', about: '/about' };

/** The date the shipped default texts were last reviewed. */
export const defaultReviewedOn = '2026-12-03';

export interface Statement {
  kind: StatementKind;
  locale: Locale;
  body: string;
  reviewedOn: string;
  edited: boolean;
}

/** What the admins wrote for one statement in one language. */
export interface EditedStatement {
  kind: StatementKind;
  locale: Locale;
  body: string;
  reviewedOn: string;
}

/** The admins' text, or else the default shipped with Kopā. */
export function statementOf(kind: StatementKind, locale: Locale, edited: EditedStatement | undefined, t: Translate): Statement {
  if (edited) return { kind, locale, body: edited.body, reviewedOn: edited.reviewedOn, edited: true };
  return { kind, locale, body: t(`statements:defaults.${kind}`), reviewedOn: defaultReviewedOn, edited: false };
}

/** The admins' text for the language, or else the default shipped with Kopā. */
export async function statementFor(db: Knex, kind: StatementKind, locale: Locale, t: Translate): Promise<Statement> {
  const row = await db('statements').where({ kind, locale }).first('kind', 'locale', 'body', 'reviewed_on as reviewedOn');
  return statementOf(kind, locale, row, t);
}

/** Every statement the admins wrote (the reference data kept in memory). */
export async function editedStatements(db: Knex): Promise<EditedStatement[]> {
  return db('statements').select('kind', 'locale', 'body', 'reviewed_on as reviewedOn');
}

export async function saveStatement(trx: Knex, statement: { kind: StatementKind; locale: Locale; body: string; reviewedOn: string; updatedBy: number }): Promise<void> {
  await trx('statements')
    .insert({ kind: statement.kind, locale: statement.locale, body: statement.body, reviewed_on: statement.reviewedOn, updated_by: statement.updatedBy, updated_at: trx.fn.now() })
    .onConflict(['kind', 'locale'])
    .merge();
}

export interface StatementBlock {
  heading: boolean;
  text: string;
}

/** Plain text as blocks: every non-empty line is a paragraph, and a line starting with "## " a heading. */
export function blocksOf(body: string): StatementBlock[] {
  return body
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => (line.startsWith('## ') ? { heading: true, text: line.slice(3).trim() } : { heading: false, text: line }));
}
