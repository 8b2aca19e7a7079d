import type { Knex } from 'knex';

/*
 * Every request with a session cookie reads the session and its account, and an idea's page also
 * the person's own support and follow state. In PL/pgSQL the statement's plan is kept for the
 * connection instead of being parsed and planned per request: the embedded database (WebAssembly)
 * spends about two thirds of such a query planning it. Read-only; erased accounts give no user.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function session_with_user(session_id text, idea_id bigint default null)
    returns table (
      sess json, user_id bigint, email text, display_name text, role text, preferred_locale text,
      blocked_at timestamptz, email_verified_at timestamptz, totp_enabled_at timestamptz,
      supported boolean, used_in_consultation integer, following boolean
    )
    language plpgsql stable as $$
    #variable_conflict use_column
    begin
      return query
      select sessions.sess, users.id, users.email, users.display_name, users.role, users.preferred_locale,
        users.blocked_at, users.email_verified_at, users.totp_enabled_at,
        case when session_with_user.idea_id is not null then
          exists (select 1 from supports where supports.user_id = users.id and supports.idea_id = session_with_user.idea_id) end,
        case when session_with_user.idea_id is not null then
          (select count(*)::integer from supports join ideas on ideas.id = supports.idea_id
            where supports.user_id = users.id
              and ideas.consultation_id = (select idea.consultation_id from ideas idea where idea.id = session_with_user.idea_id)) end,
        case when session_with_user.idea_id is not null then
          exists (select 1 from follows where follows.user_id = users.id and follows.idea_id = session_with_user.idea_id) end
      from sessions
      left join users on users.id = sessions.user_id and users.deleted_at is null
      where sessions.sid = session_id and sessions.expired > now();
    end
    $$`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop function session_with_user(text, bigint)');
}
