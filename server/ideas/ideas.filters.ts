import { nebElements, nebLevels } from '../neb/neb.elements';
import { ideaSorts, ideaStatuses, nebValues } from './ideas.schema';
import type { IdeaServices } from './ideas.service';

/** The choices the idea filters offer (map, list and the exports form), from memory. */
export async function filterOptions(services: IdeaServices) {
  return {
    consultationOptions: (await services.reference.consultations.all()).map(({ id, title }) => ({ id, title })),
    categories: await services.reference.categories.all(),
    nebValues,
    statuses: ideaStatuses,
    sorts: ideaSorts,
    nebElementChoices: nebElements,
    nebLevelChoices: nebLevels,
  };
}
