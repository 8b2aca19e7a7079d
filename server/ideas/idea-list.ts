import type { Locale } from '../config';
import { publishedIdeaListCount, publishedIdeaListEntries, type IdeaListEntry } from './ideas.queries';
import type { IdeaListQuery } from './ideas.schema';
import type { IdeaServices } from './ideas.service';

export interface IdeaListPage {
  entries: IdeaListEntry[];
  total: number;
  /** The database stopped counting at its limit: there are more than `total`. */
  totalIsAtLeast: boolean;
}

/**
 * A page of the list (or of the home page's cards) with its count. What the map's pins cover
 * (consultation, category, value, status, area) is counted on the pins in memory: in SQL it took
 * 50–120 ms of the embedded database's one thread at 100,000 ideas, again after every support or
 * comment, as each one changes the cached lists. A text search or a NEB level is counted there.
 */
export async function ideaListPage(
  services: Pick<IdeaServices, 'db' | 'mapPoints'>,
  query: IdeaListQuery,
  perPage: number,
  locale: Locale,
): Promise<IdeaListPage> {
  const entries = await publishedIdeaListEntries(services.db, query, perPage, locale);
  if (query.q || query.nebElement) return { entries, ...(await publishedIdeaListCount(services.db, query)) };
  return { entries, total: await services.mapPoints.count(query), totalIsAtLeast: false };
}
