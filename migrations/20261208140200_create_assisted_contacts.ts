import type { Knex } from 'knex';

/*
 * How to reply to a resident whose idea was entered for them: private, shown to moderators and
 * admins only, gone with the idea, on the person's request, or some days after the
 * consultation closes (npm run maintenance).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('assisted_contacts', (table) => {
    table.bigInteger('idea_id').primary().references('ideas.id').onDelete('cascade');
    table.text('name');
    table.text('phone');
    table.text('email');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    alter table assisted_contacts
      add constraint assisted_contacts_something check (coalesce(name, phone, email) is not null),
      add constraint assisted_contacts_lengths check (
        coalesce(char_length(name), 0) <= 120 and coalesce(char_length(phone), 0) <= 40 and coalesce(char_length(email), 0) <= 254)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('assisted_contacts');
}
