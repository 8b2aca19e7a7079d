import type { Knex } from 'knex';
import type { Role } from '../auth/roles';

export interface AccountSummary {
  id: number;
  displayName: string;
  email: string;
  role: Role;
  createdAt: Date;
  blockedAt: Date | null;
  twoFactor: boolean;
  ideaCount: number;
  commentCount: number;
}

const summaryColumns = (db: Knex) => [
  'users.id',
  'users.display_name as displayName',
  'users.email',
  'users.role',
  'users.created_at as createdAt',
  'users.blocked_at as blockedAt',
  db.raw('users.totp_enabled_at is not null as "twoFactor"'),
  db.raw('(select count(*) from ideas where ideas.author_id = users.id)::int as "ideaCount"'),
  db.raw('(select count(*) from comments where comments.author_id = users.id and comments.deleted_at is null)::int as "commentCount"'),
];

export const accountsPageSize = 50;

/** Accounts whose name (or, for admins, email) contains the search, newest first; erased ones are gone. */
export async function accountsMatching(db: Knex, search: string | undefined, includeEmail: boolean, page: number): Promise<AccountSummary[]> {
  const query = db('users').whereNull('users.deleted_at').select(summaryColumns(db)).orderBy('users.id', 'desc').limit(accountsPageSize).offset((page - 1) * accountsPageSize);
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    query.where((where) => {
      where.whereILike('users.display_name', pattern);
      if (includeEmail) where.orWhereILike('users.email', pattern);
    });
  }
  return query;
}

export async function accountSummary(db: Knex, id: number): Promise<AccountSummary | undefined> {
  return db('users').where('users.id', id).whereNull('users.deleted_at').first(summaryColumns(db));
}

export async function lockAccount(trx: Knex, userId: number): Promise<{ id: number; role: Role; blocked_at: Date | null } | undefined> {
  return trx('users').where({ id: userId }).forUpdate().first('id', 'role', 'blocked_at');
}

export async function setBlocked(trx: Knex, userId: number, blocked: boolean): Promise<void> {
  await trx('users').where({ id: userId }).update({ blocked_at: blocked ? trx.fn.now() : null });
}

/** Locks an account that is not erased; totp_enabled_at says whether it has a second factor. */
export async function lockLiveAccount(trx: Knex, userId: number): Promise<{ id: number; totp_enabled_at: Date | null } | undefined> {
  return trx('users').where({ id: userId }).whereNull('deleted_at').forUpdate().first('id', 'totp_enabled_at');
}
