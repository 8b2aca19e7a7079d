import { consultationTitles } from '../consultations/consultations.queries';
import { allCategories } from '../categories/categories.queries';
import { ideaSorts, ideaStatuses, nebValues } from './ideas.schema';
import type { IdeaServices } from './ideas.service';

/** The choices the idea filters offer (map, list and the exports form). */
export async function filterOptions(services: IdeaServices) {
  return {
    consultationOptions: await consultationTitles(services.db),
    categories: await allCategories(services.db),
    nebValues,
    statuses: ideaStatuses,
    sorts: ideaSorts,
  };
}
