import { Router } from 'express';
import { filterOptions } from './ideas.filters';
import { filterQueryString, parseFiltersOr400 } from '../http/params';
import { mapAssets } from '../http/map-assets';
import { ideaFiltersSchema } from './ideas.schema';
import type { IdeaServices } from './ideas.service';

/** The home page is the map of ideas; the list page is its equivalent without a map. */
export function homeRoutes(services: IdeaServices): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const filters = parseFiltersOr400(() => ideaFiltersSchema.omit({ bbox: true }).safeParse(req.query));
    res.render('ideas/home', {
      openConsultations: await services.reference.consultations.open(),
      filters,
      filterQueryString,
      ...(await filterOptions(services)),
      ...mapAssets(['ideas-map.js'], { cluster: true }),
    });
  });
  return router;
}
