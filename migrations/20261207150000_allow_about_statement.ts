import type { Knex } from 'knex';

// The About page (the RETHINK project) is a third admin-edited text, kept like the statements.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table statements
      drop constraint statements_kind_check,
      add constraint statements_kind_check check (kind in ('accessibility', 'privacy', 'about'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex('statements').where({ kind: 'about' }).delete();
  await knex.raw(`
    alter table statements
      drop constraint statements_kind_check,
      add constraint statements_kind_check check (kind in ('accessibility', 'privacy'))`);
}
