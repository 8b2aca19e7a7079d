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
