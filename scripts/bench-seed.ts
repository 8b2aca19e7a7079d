import type { Knex } from 'knex';
import { migrateToLatest } from '../server/db/migrate';
import { seedReferenceData } from '../server/seed/demo-seed';
import { hashPassword } from '../server/passwords/password';

/** A neighbourhood-sized box (about 2 % of the city's area, ≈ 2,000 of 100,000 ideas). */
export const neighbourhoodBbox = [26.5, 55.865, 26.52, 55.8778] as const;
export const cityBbox = [26.44, 55.84, 26.64, 55.92] as const;

/** Migrates an empty database and fills it with `count` published ideas spread over the city. */
export async function seedBenchmarkIdeas(db: Knex, count: number): Promise<{ ideaId: number }> {
  await migrateToLatest(db);
  await seedReferenceData(db);
  const [user] = await db('users')
    .insert({ email: 'bench@example.lv', display_name: 'Bench', password_hash: await hashPassword('bench password'), role: 'resident' })
    .returning('id');
  const [consultation] = await db('consultations')
    .insert({
      slug: 'bench',
      title: JSON.stringify({ lv: 'Tests', ru: 'Тест', en: 'Benchmark' }),
      description: JSON.stringify({ lv: 'Tests', ru: 'Тест', en: 'Benchmark' }),
      starts_on: '2026-01-01',
      ends_on: '2027-12-31',
    })
    .returning('id');
  const [minLon, minLat, maxLon, maxLat] = cityBbox;
  // Deterministic spread (no random()), so every run measures the same data.
  await db.raw(
    `insert into ideas (consultation_id, author_id, title, description, original_locale, category_id, neb_values,
                        latitude, longitude, status, visibility, support_count, comment_count, created_at)
     select ?::bigint, ?::bigint, 'Idea ' || n, repeat('A longer description of a benchmark idea. ', 8), (array['lv','ru','en'])[1 + n % 3],
            (select id from categories order by id offset (n % 9) limit 1), array['beautiful'],
            ?::float8 + (?::float8 - ?::float8) * ((n::bigint * 7919) % 10007) / 10007.0, ?::float8 + (?::float8 - ?::float8) * ((n::bigint * 104729) % 10009) / 10009.0,
            'new', 'published', n % 97, n % 13, now() - n * interval '1 minute'
     from generate_series(1, ?::int) as n`,
    [consultation.id, user.id, minLat, maxLat, minLat, minLon, maxLon, minLon, count],
  );
  await db.raw('analyze ideas');
  const [{ id }] = await db('ideas').orderBy('id', 'desc').limit(1).select('id');
  return { ideaId: id };
}
