import type { Knex } from 'knex';
import type { LocalizedText } from '../i18n/format';

export interface Category {
  id: number;
  slug: string;
  name: LocalizedText;
  icon: string;
  color: string;
  position?: number;
}

export async function allCategories(db: Knex): Promise<Category[]> {
  return db('categories').orderBy(['position', 'id']).select('id', 'slug', 'name', 'icon', 'color', 'position');
}

/** A category's columns as stored: the name is JSON with one text per language. */
export interface CategoryRow {
  slug: string;
  name: string;
  icon: string;
  color: string;
  position: number;
}

export async function categoryById(db: Knex, id: number): Promise<(Category & { position: number }) | undefined> {
  return db('categories').where({ id }).first();
}

/** The position a new category gets: after the last one. */
export async function nextCategoryPosition(db: Knex): Promise<number> {
  const [{ next }] = await db('categories').select(db.raw('coalesce(max(position) + 1, 0)::int as next'));
  return next;
}

export async function insertCategory(trx: Knex, row: CategoryRow): Promise<number> {
  const [inserted] = await trx('categories').insert(row).returning('id');
  return inserted.id as number;
}

export async function lockCategory(trx: Knex, id: number): Promise<Omit<Category, 'id'> | undefined> {
  return trx('categories').where({ id }).forUpdate().first('slug', 'name', 'icon', 'color', 'position');
}

export async function updateCategoryRow(trx: Knex, id: number, row: CategoryRow): Promise<void> {
  await trx('categories').where({ id }).update(row);
}
