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
  // Append-only in the database itself, not only by convention, with one exception the GDPR
  // requires: when an account is erased, personal data inside an entry's before/after/reason may
  // be redacted. Only a transaction that sets kopa.erasure = 'on' (set_config(…, true), so it
  // ends with the transaction) may do that, and it may change nothing else; deleting stays impossible.
  await knex.raw(`
    create function audit_log_is_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and coalesce(current_setting('kopa.erasure', true), '') = 'on'
         and new.id = old.id and new.actor_id is not distinct from old.actor_id and new.action = old.action
         and new.target_type is not distinct from old.target_type and new.target_id is not distinct from old.target_id
         and new.created_at = old.created_at then
        return new;
      end if;
      raise exception 'audit_log is append-only';
    end $$`);
  await knex.raw('create trigger audit_log_no_change before update or delete on audit_log for each row execute function audit_log_is_append_only()');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_log');
  await knex.raw('drop function audit_log_is_append_only()');
}
