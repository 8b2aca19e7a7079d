import type { Request, RequestHandler } from 'express';

/** A one-time message for the next page (after a redirect), stored in the session. */
export function setFlash(req: Request, kind: 'success' | 'error', messageKey: string, values?: Record<string, string | number>): void {
  req.session.flash = { kind, messageKey, ...(values ? { values } : {}) };
}

export const flashForViews: RequestHandler = (req, res, next) => {
  res.locals.flash = null;
  if (req.session?.flash) {
    res.locals.flash = req.session.flash;
    delete req.session.flash;
  }
  next();
};
