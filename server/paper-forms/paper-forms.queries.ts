import type { Knex } from 'knex';
import type { Grid } from './grid';

export interface StoredGrid extends Grid {
  id: number;
  consultationId: number;
}

const gridColumns = ['id', 'consultation_id as consultationId', 'west', 'south', 'east', 'north', 'columns', 'rows'];

/** The stored grid equal to `grid` for the consultation, added the first time it is printed (two printing at once get the same row). */
export async function storedGrid(db: Knex, consultationId: number, grid: Grid): Promise<StoredGrid> {
  const row = { consultation_id: consultationId, ...grid };
  await db('paper_form_grids').insert(row).onConflict(['consultation_id', 'west', 'south', 'east', 'north', 'columns', 'rows']).ignore();
  return db('paper_form_grids').where(row).first(gridColumns);
}

export async function gridById(db: Knex, id: number): Promise<StoredGrid | undefined> {
  return db('paper_form_grids').where({ id }).first(gridColumns);
}

/** The newest grid kept for the consultation (an import's grid squares are read on it), or undefined before any form was printed. */
export async function newestGridOf(db: Knex, consultationId: number): Promise<StoredGrid | undefined> {
  return db('paper_form_grids').where({ consultation_id: consultationId }).orderBy('id', 'desc').first(gridColumns);
}
