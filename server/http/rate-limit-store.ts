import type { Knex } from 'knex';
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import { deleteLoginCountersOfEmail, deleteStaleLoginCounters } from './login-attempts.queries';

/**
 * express-rate-limit store in PostgreSQL, so limits hold across several app instances.
 * One upsert per hit: a window that has ended starts again at 1.
 */
export class KnexRateLimitStore implements Store {
  prefix: string;
  private windowMs = 60_000;

  constructor(
    private readonly db: Knex,
    prefix: string,
  ) {
    this.prefix = prefix;
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  private key(key: string): string {
    return `${this.prefix}:${key}`;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const row = await this.db('rate_limits').where({ key: this.key(key) }).andWhere('reset_at', '>', this.db.fn.now()).first();
    return row ? { totalHits: row.hits, resetTime: new Date(row.reset_at) } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const { rows } = await this.db.raw<{ rows: { hits: number; reset_at: Date }[] }>(
      `insert into rate_limits (key, hits, reset_at)
       values (?, 1, now() + ? * interval '1 millisecond')
       on conflict (key) do update set
         hits = case when rate_limits.reset_at <= now() then 1 else rate_limits.hits + 1 end,
         reset_at = case when rate_limits.reset_at <= now() then excluded.reset_at else rate_limits.reset_at end
       returning hits, reset_at`,
      [this.key(key), this.windowMs],
    );
    return { totalHits: rows[0].hits, resetTime: new Date(rows[0].reset_at) };
  }

  async decrement(key: string): Promise<void> {
    await this.db('rate_limits').where({ key: this.key(key) }).andWhere('hits', '>', 0).decrement('hits', 1);
  }

  async resetKey(key: string): Promise<void> {
    await this.db('rate_limits').where({ key: this.key(key) }).delete();
  }
}

export async function deleteExpiredRateLimits(db: Knex): Promise<void> {
  await db('rate_limits').where('reset_at', '<', db.fn.now()).delete();
  await deleteStaleLoginCounters(db);
}

/** Forgets the counters keyed by one person: by their email, plain or hashed, or by one of the given keys. */
export async function deleteRateLimitsOf(trx: Knex, person: { email: string; emailHash: string; keys: string[] }): Promise<void> {
  await trx('rate_limits')
    .where((where) => where.whereRaw('strpos(lower(key), lower(?)) > 0', [person.email]).orWhereRaw('strpos(key, ?) > 0', [person.emailHash]).orWhereIn('key', person.keys))
    .delete();
  await deleteLoginCountersOfEmail(trx, person.emailHash);
}
