import type { Knex } from 'knex';
import { settledValue } from '../cache/settled-value';
import type { PublicChanges } from '../cache/public-changes';
import { allCategories, type Category } from './categories.queries';

/** The categories, in their order, loaded once and kept until reference data changes. */
export interface CategoriesInMemory {
  all(): Promise<Category[]>;
}

export function categoriesInMemory(db: Knex, changes: PublicChanges): CategoriesInMemory {
  const kept = settledValue(changes, ['reference'], () => allCategories(db));
  return { all: () => kept.get() };
}
