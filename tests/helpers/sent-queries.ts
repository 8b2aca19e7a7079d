import type { Knex } from 'knex';

/** The SQL the database was sent while `during` ran. */
export async function queriesDuring(db: Knex, during: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const listener = (query: { sql: string }) => sent.push(query.sql);
  db.on('query', listener);
  try {
    await during();
  } finally {
    db.removeListener('query', listener);
  }
  return sent;
}
