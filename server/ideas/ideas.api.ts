import { Router, type Request, type Response } from 'express';
import compression from 'compression';
import { notFound } from '../http/errors';
import { assistedChannels, publishedIdeaMapPoints, type IdeaMapPoint } from './ideas.queries';
import { ideaFiltersSchema } from './ideas.schema';
import { numericIdParam, parseFiltersOr400 } from '../http/params';
import type { IdeaServices } from './ideas.service';
import { offerOwnVariants } from '../cache/response-cache';
import { collection, featureJson, type EncodedAnswer } from './map-points';

/** A text search stays with the database; its answer has the same shape as the map's own. */
const compactFeatureCollection = (points: IdeaMapPoint[]) =>
  collection(points.map((point) => featureJson(point.id, point.longitude, point.latitude, JSON.stringify(point.category))));

/**
 * The kept variant the client accepts, brotli first (browsers list gzip first), else the plain
 * one; right after a change, whichever accepted variant is compressed first.
 */
async function sendEncoded(req: Request, res: Response, answer: EncodedAnswer): Promise<void> {
  const accepted = (['br', 'gzip'] as const).filter((coding) => req.acceptsEncodings(coding) === coding);
  res.vary('Accept-Encoding').type('application/geo+json').set('Cache-Control', 'no-cache');
  if (!accepted.length) {
    // The response cache asks for the plain answer: it takes the compressed ones along instead of making its own.
    const own = (coding: 'gzip' | 'br') => {
      const ready = answer.ready[coding];
      if (ready) return { body: ready, etag: answer.etags[coding] };
      const made = answer.compressed[coding].then((body) => ({ body, etag: answer.etags[coding] }));
      // The cache may never ask for it (a change came meanwhile): a failure must not go unhandled.
      made.catch(() => {});
      return made;
    };
    const plain = await answer.plain();
    offerOwnVariants(res, {
      identity: { body: plain, etag: answer.etags.identity },
      gzip: own('gzip'),
      br: own('br'),
      // Not a closure made here: it would hold this request (and its response) as long as the cache holds the answer.
      remakePlain: answer.plainIsRemade ? answer.plain : undefined,
      refinedBr: answer.refinedBr,
    });
    res.set('ETag', answer.etags.identity).send(plain);
    return;
  }
  const encoding =
    accepted.find((coding) => answer.ready[coding]) ?? (await Promise.race(accepted.map((coding) => answer.compressed[coding].then(() => coding))));
  // The kept body and its ETag read in one go: brotli is replaced by a smaller one once made.
  const body = answer.ready[encoding] ?? (await answer.compressed[encoding]);
  res.set({ 'Content-Encoding': encoding, ETag: answer.etags[encoding] }).send(body);
}

export function ideaApiRoutes(services: IdeaServices): Router {
  const router = Router();
  const points = services.mapPoints;
  // Only answers made for one request are compressed here; the whole city (~13 MB, ~1 MB
  // compressed) is compressed once per version.
  const compressPerRequest = compression();

  router.get('/api/ideas.geojson', async (req, res) => {
    const filters = parseFiltersOr400(() => ideaFiltersSchema.safeParse(req.query));
    const whole = filters.q ? null : await points.wholeAnswer(filters);
    if (whole) return sendEncoded(req, res, whole);
    const body = filters.q ? compactFeatureCollection(await publishedIdeaMapPoints(services.db, filters)) : await points.featureCollection(filters);
    compressPerRequest(req, res, () => res.type('application/geo+json').set('Cache-Control', 'no-cache').send(body));
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
      // The median of the published NEB assessments only; internal ones never leave the staff area.
      nebAssessment: page.nebProfile ? { levels: page.nebProfile.levels, assessors: page.nebProfile.assessorCount } : null,
      latitude: idea.latitude,
      longitude: idea.longitude,
      placeName: idea.placeName,
      status: idea.status,
      supportCount: idea.supportCount,
      commentCount: idea.commentCount,
      author: idea.authorName,
      // Entered for a resident: how it came, in the request's language; never who typed it in.
      channel: idea.channel,
      eventName: idea.eventName,
      submittedVia: (assistedChannels as readonly string[]).includes(idea.channel) ? req.t(`assisted-entry:submittedVia.${idea.channel}`, { name: idea.eventName }) : null,
      photos: photos.map((photo) => ({ large: services.storage.urlFor(photo.largeKey), thumbnail: services.storage.urlFor(photo.thumbnailKey) })),
      createdAt: idea.createdAt,
      updatedAt: idea.updatedAt,
    });
  });

  return router;
}
