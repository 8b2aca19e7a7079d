import type { Knex } from 'knex';

// Every staff action, append-only: who, when, what, on which item, why, before and after.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_log', (table) => {
    table.bigIncrements('id');
    table.bigInteger('actor_id').references('users.id').onDelete('set null');
    table.text('action').notNullable();
    table.text('target_type');
    table.bigInteger('target_id');
    table.text('reason');
    table.jsonb('before');
    table.jsonb('after');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.index(['created_at']);
  });
  // Append-only in the database itself, not only by convention.
  await knex.raw(`
    create function audit_log_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end $$`);
  await knex.raw('create trigger audit_log_no_change before update or delete on audit_log for each row execute function audit_log_is_append_only()');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_log');
  await knex.raw('drop function audit_log_is_append_only()');
}
