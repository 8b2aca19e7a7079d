import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Knex } from 'knex';
import { LRUCache } from 'lru-cache';
import type { PublicChanges } from '../cache/public-changes';
import { versionedEntries } from '../cache/versioned-entries';
import { notFound } from '../http/errors';
import { isSafePhotoKey, type PhotoFileInfo, type PhotoStorage } from '../uploads/photo-storage';
import { mayViewIdea } from './ideas.policy';
import { ideaOfPhotoKey, type IdeaVisibility } from './ideas.queries';

/** What a photo request needs to know, kept per key until its idea changes. */
interface PhotoAnswer {
  idea?: { id: number; authorId: number | null; visibility: IdeaVisibility };
  file?: PhotoFileInfo;
}

const publicCaching = 'public, max-age=31536000, immutable';
// Seen only by the author or staff: every use asks again, so hiding or deleting takes effect at once.
const privateCaching = 'private, no-cache';

/**
 * `/uploads/<key>` for either photo store. Photos are the most requested URLs: a published
 * idea's photo is answered in front of cookies and sessions, from a per-key answer (idea,
 * visibility, size, content hash) that a change of the idea drops in every process (its
 * `idea:<id>` scope; an unknown key's answer goes with any new photo, scope `ideas`). Any other
 * request goes on to `visiblePhotos`, after the session, which shows an unpublished idea's photo
 * to whom may see the idea and answers 404 to the rest, as the idea's page does.
 */
export function ideaPhotoRoutes(
  db: Knex,
  storage: PhotoStorage,
  changes: PublicChanges,
  options: { memoryBytes: number },
): { publishedPhotos: RequestHandler; visiblePhotos: Router } {
  const answers = versionedEntries<string, PhotoAnswer>(changes, {
    max: 20_000,
    async load(key) {
      const idea = await ideaOfPhotoKey(db, key);
      if (!idea) return {};
      return { idea: { id: idea.ideaId, authorId: idea.authorId, visibility: idea.visibility }, file: await storage.describe(key) };
    },
    dependsOn: (_key, answer) => (answer.idea ? [`idea:${answer.idea.id}`] : ['ideas']),
  });

  // Reading a photo from the database costs ~3.5 ms on PostgreSQL (bytea in hex) and far more on
  // PGlite; the most requested ones are kept in memory by content hash, which never goes stale.
  const recentFiles = options.memoryBytes > 0 ? new LRUCache<string, Buffer>({ maxSize: options.memoryBytes, sizeCalculation: (content) => content.length }) : undefined;
  const maxKeptFile = options.memoryBytes / 8;
  async function contentOf(key: string, file: PhotoFileInfo): Promise<Buffer | undefined> {
    const kept = recentFiles?.get(file.sha256);
    if (kept) return kept;
    const content = await storage.read(key);
    if (content && recentFiles && content.length <= maxKeptFile) recentFiles.set(file.sha256, content);
    return content;
  }

  /** Sends the file with its headers, or false when the store no longer has it (then no header is set). */
  async function send(req: Request, res: Response, key: string, file: PhotoFileInfo, caching: string): Promise<boolean> {
    const etag = `"${file.sha256}"`;
    // Express compares If-None-Match (also `*` and lists) with the ETag header it is given.
    res.setHeader('ETag', etag);
    const notModified = req.fresh;
    res.removeHeader('ETag');
    const content = notModified || req.method === 'HEAD' ? undefined : await contentOf(key, file);
    if (!notModified && req.method !== 'HEAD' && !content) return false;
    res.set({
      'Cache-Control': caching,
      ETag: etag,
      'Content-Type': file.contentType,
      'X-Content-Type-Options': 'nosniff',
      // Photos are small: a Range request gets the whole file (RFC 9110 lets a server ignore Range).
      'Accept-Ranges': 'none',
    });
    if (notModified) res.status(304).end();
    else res.set('Content-Length', String(content?.length ?? file.byteSize)).end(content);
    return true;
  }

  const publishedPhotos = Router().get('/uploads/:key', async (req, res, next) => {
    const key = req.params.key;
    try {
      const answer = isSafePhotoKey(key) ? await answers.get(key) : undefined;
      if (answer?.file && answer.idea?.visibility === 'published' && (await send(req, res, key, answer.file, publicCaching))) return;
    } catch {
      // No language or session is known yet: the route below tries again and its error gets the translated page.
    }
    next();
  });

  const visiblePhotos = Router().get('/uploads/:key', async (req, res) => {
    const key = req.params.key;
    if (!isSafePhotoKey(key)) throw notFound();
    const answer = await answers.get(key);
    if (!answer?.idea || !answer.file || !mayViewIdea(req.user, answer.idea)) throw notFound();
    if (!(await send(req, res, key, answer.file, answer.idea.visibility === 'published' ? publicCaching : privateCaching))) throw notFound();
  });

  return { publishedPhotos, visiblePhotos };
}
