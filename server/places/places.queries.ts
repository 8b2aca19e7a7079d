import type { Knex } from 'knex';
import type { LocalizedText } from '../i18n/format';

/** A named neighbourhood or landmark an idea's point can be placed at (seeded reference data). */
export interface Place {
  id: number;
  slug: string;
  kind: 'neighbourhood' | 'landmark';
  name: LocalizedText;
  latitude: number;
  longitude: number;
}

export async function allPlaces(db: Knex): Promise<Place[]> {
  return db('places').orderBy([{ column: 'kind', order: 'desc' }, { column: 'slug' }]).select('id', 'slug', 'kind', 'name', 'latitude', 'longitude');
}

export async function placeBySlug(db: Knex, slug: string): Promise<Place | undefined> {
  return db('places').where({ slug }).first('id', 'slug', 'kind', 'name', 'latitude', 'longitude');
}
