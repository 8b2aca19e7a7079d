import type { Knex } from 'knex';
import { settledValue } from '../cache/settled-value';
import type { PublicChanges } from '../cache/public-changes';
import { allPlaces, type Place } from './places.queries';

/** The named places an idea can be put at, loaded once and kept until reference data changes. */
export interface PlacesInMemory {
  all(): Promise<Place[]>;
}

export function placesInMemory(db: Knex, changes: PublicChanges): PlacesInMemory {
  const kept = settledValue(changes, ['reference'], () => allPlaces(db));
  return { all: () => kept.get() };
}
