import { Router } from 'express';
import { openConsultations } from '../consultations/consultations.queries';
import { filterOptions } from './ideas.filters';
import { filterQueryString, parseFiltersOr400 } from '../http/params';
import { ideaFiltersSchema } from './ideas.schema';
import type { IdeaServices } from './ideas.service';

/** The home page is the map of ideas; the list page is its equivalent without a map. */
export function homeRoutes(services: IdeaServices): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const filters = parseFiltersOr400(() => ideaFiltersSchema.omit({ bbox: true }).safeParse(req.query));
    res.render('home/index', {
      openConsultations: await openConsultations(services.db),
      filters,
      filterQueryString,
      ...(await filterOptions(services)),
      styles: ['/vendor/leaflet/leaflet.css', '/vendor/leaflet.markercluster/MarkerCluster.css', '/vendor/leaflet.markercluster/MarkerCluster.Default.css'],
      scripts: ['/vendor/leaflet/leaflet.js', '/vendor/leaflet.markercluster/leaflet.markercluster.js', '/static/js/map-common.js', '/static/js/ideas-map.js'],
    });
  });
  return router;
}
