import type { Knex } from 'knex';

/** Every row of every table in the schema, as PostgreSQL's text form of the row, one per line. */
export async function databaseDumpText(db: Knex): Promise<string> {
  const tables: string[] = await db('information_schema.tables').where({ table_schema: db.raw('current_schema()'), table_type: 'BASE TABLE' }).pluck('table_name');
  const lines: string[] = [];
  for (const table of tables.sort()) {
    const { rows } = await db.raw<{ rows: { row: string }[] }>(`select t::text as row from ?? t`, [table]);
    lines.push(...rows.map((row) => `${table}: ${row.row}`));
  }
  return lines.join('\n');
}
