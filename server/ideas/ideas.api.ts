import { Router } from 'express';
import compression from 'compression';
import { notFound } from '../http/errors';
import { publishedIdeaMapPoints, type IdeaMapPoint } from './ideas.queries';
import { ideaFiltersSchema } from './ideas.schema';
import { numericIdParam, parseFiltersOr400 } from '../http/params';
import type { IdeaServices } from './ideas.service';

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

/**
 * RFC 7946 FeatureCollection with only what the map draws, written as text because at
 * 100,000 pins serialising nested objects is the slow part.
 */
function compactFeatureCollection(points: IdeaMapPoint[]): string {
  const features = points.map(
    (point) =>
      `{"type":"Feature","id":${point.id},"geometry":{"type":"Point","coordinates":[${round6(point.longitude)},${round6(point.latitude)}]},"properties":{"category":${JSON.stringify(point.category)}}}`,
  );
  return `{"type":"FeatureCollection","features":[${features.join(',')}]}`;
}

export function ideaApiRoutes(services: IdeaServices): Router {
  const router = Router();

  // The whole city is ~13 MB of JSON and ~1.2 MB gzipped; pages stay uncompressed (cheaper CPU).
  router.get('/api/ideas.geojson', compression(), async (req, res) => {
    const filters = parseFiltersOr400(() => ideaFiltersSchema.safeParse(req.query));
    const points = await publishedIdeaMapPoints(services.db, filters);
    res.type('application/geo+json').set('Cache-Control', 'no-cache').send(compactFeatureCollection(points));
  });

  router.get('/api/ideas/:id', async (req, res) => {
    const page = await services.ideaPages.shared(numericIdParam(req.params.id));
    if (!page || page.idea.visibility !== 'published') throw notFound();
    const { idea, photos } = page;
    const translations = Object.fromEntries(Object.entries(page.translations).map(([locale, translation]) => [locale, { title: translation!.title, description: translation!.description }]));
    res.json({
      id: idea.id,
      url: `/ideas/${idea.id}`,
      consultationId: idea.consultationId,
      title: idea.title,
      description: idea.description,
      originalLanguage: idea.originalLocale,
      translations,
      category: { slug: idea.category.slug, name: idea.category.name },
      nebValues: idea.nebValues,
      nebSentences: idea.nebSentences,
      latitude: idea.latitude,
      longitude: idea.longitude,
      placeName: idea.placeName,
      status: idea.status,
      supportCount: idea.supportCount,
      commentCount: idea.commentCount,
      author: idea.authorName,
      photos: photos.map((photo) => ({ large: services.storage.urlFor(photo.largeKey), thumbnail: services.storage.urlFor(photo.thumbnailKey) })),
      createdAt: idea.createdAt,
      updatedAt: idea.updatedAt,
    });
  });

  return router;
}
