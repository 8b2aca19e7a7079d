import type { Knex } from 'knex';
import type { PublicChanges } from '../cache/public-changes';
import { categoriesInMemory, type CategoriesInMemory } from '../categories/categories.cache';
import { consultationsInMemory, type ConsultationsInMemory } from '../consultations/consultations.cache';
import { placesInMemory, type PlacesInMemory } from '../places/places.cache';

/** The reference data idea pages read, kept in memory until it changes. */
export interface ReferenceInMemory {
  consultations: ConsultationsInMemory;
  categories: CategoriesInMemory;
  places: PlacesInMemory;
}

export function referenceInMemory(db: Knex, changes: PublicChanges): ReferenceInMemory {
  return { consultations: consultationsInMemory(db, changes), categories: categoriesInMemory(db, changes), places: placesInMemory(db, changes) };
}
