import { Router } from 'express';
import { filterOptions } from './ideas.filters';
import { filterQueryString, parseFiltersOr400 } from '../http/params';
import { mapAssets } from '../http/map-assets';
import { ideaFiltersSchema, type IdeaListQuery } from './ideas.schema';
import { ideaListPage } from './idea-list';
import { areaCardsQuerySchema, cardsPerArea } from './area-cards';
import type { IdeaServices } from './ideas.service';

/** The address of the list showing what the cards show (the newest order is the list's default). */
function listHrefOf({ sort, page: _page, ...filters }: IdeaListQuery): string {
  return `/ideas${filterQueryString(filters, sort === 'newest' ? {} : { sort })}`;
}

/**
 * The home page is the map of ideas with the first cards of the list beside it; with JavaScript
 * the cards follow the map through /ideas/cards. The list page is its equivalent without a map.
 */
export function homeRoutes(services: IdeaServices): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const filters = parseFiltersOr400(() => ideaFiltersSchema.omit({ bbox: true }).safeParse(req.query));
    const cardsQuery: IdeaListQuery = { ...filters, sort: 'newest', page: 1 };
    res.render('ideas/home', {
      openConsultations: await services.reference.consultations.open(),
      filters,
      filterQueryString,
      cards: { ...(await ideaListPage(services, cardsQuery, cardsPerArea, req.locale)), inArea: false, listHref: listHrefOf(cardsQuery) },
      ...(await filterOptions(services)),
      ...mapAssets(['ideas-map.js'], { cluster: true }),
    });
  });

  // An HTML fragment for the home page's script: the cards of the visible box and the current filters.
  router.get('/ideas/cards', async (req, res) => {
    const query = parseFiltersOr400(() => areaCardsQuerySchema.safeParse(req.query));
    const page = await ideaListPage(services, query, cardsPerArea, req.locale);
    res.render('ideas/_area-cards', { cards: { ...page, inArea: query.bbox !== undefined, listHref: listHrefOf(query) } });
  });

  return router;
}
