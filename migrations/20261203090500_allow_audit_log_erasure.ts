import type { Knex } from 'knex';

// The audit log stays append-only, with one exception the GDPR requires: when an account is
// erased, personal data inside an entry's before/after/reason may be redacted. Only a
// transaction that sets kopa.erasure = 'on' (set_config(…, true), so it ends with the
// transaction) may do that, and it may change nothing else; deleting stays impossible.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create or replace function audit_log_is_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and coalesce(current_setting('kopa.erasure', true), '') = 'on'
         and new.id = old.id and new.actor_id is not distinct from old.actor_id and new.action = old.action
         and new.target_type is not distinct from old.target_type and new.target_id is not distinct from old.target_id
         and new.created_at = old.created_at then
        return new;
      end if;
      raise exception 'audit_log is append-only';
    end $$`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    create or replace function audit_log_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end $$`);
}
