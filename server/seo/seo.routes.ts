import { Router, type Response } from 'express';
import type { Knex } from 'knex';
import { consultationTitles } from '../consultations/consultations.queries';
import { publishedIdeaSitemapEntries } from '../ideas/ideas.queries';
import { notFound } from '../http/errors';
import { numericIdParam } from '../http/params';
import { robotsTxt, sitemapDocuments, sitemapUrlLimit, type SitemapPage } from './sitemap';

/** The public pages that are not an idea's or a consultation's. */
const fixedPages = ['/', '/ideas', '/results', '/about', '/accessibility', '/privacy'];

async function publicPages(db: Knex): Promise<SitemapPage[]> {
  const [consultations, ideas] = await Promise.all([consultationTitles(db), publishedIdeaSitemapEntries(db)]);
  return [
    ...fixedPages.map((path) => ({ path })),
    ...consultations.map((consultation) => ({ path: `/consultations/${consultation.id}` })),
    ...ideas.map((idea) => ({ path: `/ideas/${idea.id}`, lastModified: new Date(idea.updatedAt) })),
  ];
}

/**
 * robots.txt and the sitemap (an index of numbered parts past `urlLimit` addresses). Both are
 * kept by the response cache (seo.cache.ts) until an idea or the reference data changes; they
 * need no session, so they sit in front of it.
 */
export function seoRoutes(db: Knex, { baseUrl, urlLimit = sitemapUrlLimit }: { baseUrl: string; urlLimit?: number }): Router {
  const router = Router();
  router.get('/robots.txt', (_req, res) => {
    res.type('text/plain').send(robotsTxt(baseUrl));
  });
  const sendSitemap = async (res: Response, part: number | undefined) => {
    const documents = sitemapDocuments(baseUrl, await publicPages(db), urlLimit);
    const body = part === undefined ? (documents.index ?? documents.parts[0]) : documents.index ? documents.parts[part - 1] : undefined;
    if (body === undefined) throw notFound();
    res.type('application/xml').send(body);
  };
  router.get('/sitemap.xml', (_req, res) => sendSitemap(res, undefined));
  router.get('/sitemap-:part.xml', (req, res) => sendSitemap(res, numericIdParam(req.params.part)));
  return router;
}
