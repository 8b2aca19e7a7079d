import compression from 'compression';
import type { Request, Response } from 'express';

/**
 * Compresses what the routes build for a person (logged-in pages, a page that sets the language
 * cookie, JSON answers). Anonymous answers from the response cache carry their own compressed
 * variants and pass through untouched ("already encoded"). Server-sent events are left alone:
 * compression would hold each event back until a buffer fills.
 */
export function compressPages() {
  return compression({
    filter: (req: Request, res: Response) => {
      const type = res.getHeader('Content-Type');
      if (typeof type === 'string' && type.startsWith('text/event-stream')) return false;
      return compression.filter(req, res);
    },
  });
}
