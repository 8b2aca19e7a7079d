import type { Knex } from 'knex';
import type { LocalizedText } from '../i18n/format';

export interface DashboardTotals {
  ideas: number;
  supports: number;
  comments: number;
  participants: number;
}

export interface Breakdown {
  key: string;
  name?: LocalizedText;
  count: number;
}

export interface WeekActivity {
  /** Monday of the week, YYYY-MM-DD, Daugavpils time. */
  week: string;
  ideas: number;
  comments: number;
  supports: number;
}

export interface Dashboard {
  totals: DashboardTotals;
  byStatus: Breakdown[];
  byCategory: Breakdown[];
  byNeighbourhood: Breakdown[];
  byLanguage: Breakdown[];
  /** Online, on paper, by phone, at a library, at an event, in a workshop. */
  byChannel: Breakdown[];
  weeks: WeekActivity[];
}

/**
 * The ideas counted: submitted ones (not drafts, nor workshop ideas not yet handed over),
 * of one consultation or of all; with the comments and supports they received.
 */
function scoped(consultationId: number | undefined): { sql: string; bindings: number[] } {
  return {
    sql: `with counted as (
        select * from ideas where visibility in ('pending', 'published', 'hidden') ${consultationId ? 'and consultation_id = ?' : ''}
      ),
      counted_comments as (select * from comments where deleted_at is null and idea_id in (select id from counted)),
      counted_supports as (select * from supports where idea_id in (select id from counted))`,
    bindings: consultationId ? [consultationId] : [],
  };
}

async function query<T>(db: Knex, consultationId: number | undefined, select: string): Promise<T[]> {
  const scope = scoped(consultationId);
  const { rows } = await db.raw<{ rows: T[] }>(`${scope.sql} ${select}`, scope.bindings);
  return rows;
}

const breakdownOf = (rows: { key: string | null; name?: LocalizedText | null; count: number }[]): Breakdown[] =>
  rows.map((row) => ({ key: row.key ?? '', ...(row.name ? { name: row.name } : {}), count: Number(row.count) }));

/** Everything the dashboard counts, for one consultation or for all of them. */
export async function dashboardFigures(db: Knex, consultationId: number | undefined): Promise<Dashboard> {
  const [totals] = await query<DashboardTotals>(
    db,
    consultationId,
    `select
       (select count(*) from counted)::int as ideas,
       (select count(*) from counted_supports)::int as supports,
       (select count(*) from counted_comments)::int as comments,
       (select count(*) from (
          select author_id as person from counted where author_id is not null
          union select user_id from counted_supports
          union select author_id from counted_comments where author_id is not null
        ) people)::int as participants`,
  );
  const byStatus = await query<{ key: string; count: number }>(db, consultationId, 'select status as key, count(*)::int as count from counted group by status order by count desc, key');
  const byLanguage = await query<{ key: string; count: number }>(db, consultationId, 'select original_locale as key, count(*)::int as count from counted group by original_locale order by count desc, key');
  const byChannel = await query<{ key: string; count: number }>(db, consultationId, 'select channel as key, count(*)::int as count from counted group by channel order by count desc, key');
  const byCategory = await query<{ key: string; name: LocalizedText; count: number }>(
    db,
    consultationId,
    `select categories.slug as key, categories.name, count(*)::int as count
     from counted join categories on categories.id = counted.category_id
     group by categories.slug, categories.name order by count desc, key`,
  );
  // The nearest neighbourhood centre stands for the neighbourhood (places have no outlines);
  // longitudes are scaled by the cosine of the latitude so that distances are fair.
  const byNeighbourhood = await query<{ key: string | null; name: LocalizedText | null; count: number }>(
    db,
    consultationId,
    `select neighbourhood.slug as key, neighbourhood.name, count(*)::int as count
     from counted left join lateral (
       select places.slug, places.name from places where places.kind = 'neighbourhood'
       order by power(places.latitude - counted.latitude, 2) + power((places.longitude - counted.longitude) * cos(radians(counted.latitude)), 2)
       limit 1
     ) as neighbourhood on true
     group by neighbourhood.slug, neighbourhood.name order by count desc, key`,
  );
  const week = (column: string) => `date_trunc('week', ${column} at time zone 'Europe/Riga')::date`;
  const weeks = await query<WeekActivity>(
    db,
    consultationId,
    `, activity as (
       select ${week('created_at')} as week, 1 as ideas, 0 as comments, 0 as supports from counted
       union all select ${week('created_at')}, 0, 1, 0 from counted_comments
       union all select ${week('created_at')}, 0, 0, 1 from counted_supports
     ),
     weeks as (select generate_series(min(week), max(week), interval '1 week')::date as week from activity)
     select to_char(weeks.week, 'YYYY-MM-DD') as week,
       coalesce(sum(activity.ideas), 0)::int as ideas,
       coalesce(sum(activity.comments), 0)::int as comments,
       coalesce(sum(activity.supports), 0)::int as supports
     from weeks left join activity on activity.week = weeks.week
     group by weeks.week order by weeks.week`,
  );
  return {
    totals,
    byStatus: breakdownOf(byStatus),
    byCategory: breakdownOf(byCategory),
    byNeighbourhood: breakdownOf(byNeighbourhood),
    byLanguage: breakdownOf(byLanguage),
    byChannel: breakdownOf(byChannel),
    weeks,
  };
}
