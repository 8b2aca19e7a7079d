import type { Knex } from 'knex';
import type { Locale } from '../config';

export interface IdeaTranslation {
  locale: Locale;
  title: string;
  description: string;
  updatedAt: Date;
}

export async function translationsOfIdea(db: Knex, ideaId: number): Promise<IdeaTranslation[]> {
  return db('idea_translations').where({ idea_id: ideaId }).orderBy('locale').select('locale', 'title', 'description', 'updated_at as updatedAt');
}

/** Translations of many ideas at once, by idea id then language (exports, the API). */
export async function translationsOfIdeas(db: Knex, ideaIds: number[]): Promise<Map<number, Partial<Record<Locale, { title: string; description: string }>>>> {
  const byIdea = new Map<number, Partial<Record<Locale, { title: string; description: string }>>>();
  if (!ideaIds.length) return byIdea;
  const rows = await db('idea_translations').whereIn('idea_id', ideaIds).orderBy(['idea_id', 'locale']).select('idea_id', 'locale', 'title', 'description');
  for (const row of rows) {
    const translations = byIdea.get(row.idea_id) ?? {};
    translations[row.locale as Locale] = { title: row.title, description: row.description };
    byIdea.set(row.idea_id, translations);
  }
  return byIdea;
}

/** One language's translation of an idea, as it was before a change. */
export async function translationOfIdea(db: Knex, ideaId: number, locale: Locale): Promise<{ title: string; description: string } | undefined> {
  return db('idea_translations').where({ idea_id: ideaId, locale }).first('title', 'description');
}

export async function upsertTranslation(trx: Knex, ideaId: number, translatorId: number, translation: { locale: Locale; title: string; description: string }): Promise<void> {
  await trx('idea_translations')
    .insert({ idea_id: ideaId, locale: translation.locale, title: translation.title, description: translation.description, translated_by: translatorId })
    .onConflict(['idea_id', 'locale'])
    .merge({ title: translation.title, description: translation.description, translated_by: translatorId, updated_at: trx.fn.now() });
}
