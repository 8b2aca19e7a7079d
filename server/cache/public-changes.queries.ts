import type { Knex } from 'knex';
import type { Client as PgClient } from 'pg';

/** The channel the triggers of migration 20261205090000 announce on: '<version>|scope,scope,…'. */
export const publicChangeChannel = 'kopa_public_changes';

/** LISTEN on the embedded database, through knex's pool (its one connection). */
export async function listenEmbedded(db: Knex): Promise<void> {
  await db.raw(`listen ${publicChangeChannel}`);
}

/** LISTEN on a dedicated server connection. */
export async function listenOn(client: PgClient): Promise<void> {
  await client.query(`listen ${publicChangeChannel}`);
}

/**
 * A round trip on the listening connection: the server sends the notifications pending for it
 * before its answer. LISTEN again rather than `select 1`, so that pg_stat_activity keeps showing
 * what the connection is for (a repeated LISTEN of the same channel changes nothing).
 */
export async function roundTrip(client: PgClient): Promise<void> {
  await client.query(`listen ${publicChangeChannel}`);
}

/**
 * Announces that these ideas changed, as their triggers would, for a change no row shows (their
 * photos moved to another store): every process drops what it keeps of them.
 */
export async function announceIdeasChanged(db: Knex, ideaIds: readonly number[]): Promise<void> {
  if (ideaIds.length === 0) return;
  await db.raw('select announce_public_change(public_idea_scopes(?::bigint[]))', [`{${ideaIds.map((id) => Math.trunc(id)).join(',')}}`]);
}
