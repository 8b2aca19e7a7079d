import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isUnstorableCharacter } from '../db/errors';
import { requestLogger } from './request-log';

/** An error a person may see: an HTTP status, a stable code and the i18n key of its message. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

export const notFound = () => new AppError(404, 'not_found', 'errors.notFound.message');
export const forbidden = () => new AppError(403, 'forbidden', 'errors.forbidden.message');

const databaseUnavailableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, name, message } = error as { code?: string; name?: string; message?: string };
  return (
    (code !== undefined && databaseUnavailableCodes.has(code)) ||
    name === 'KnexTimeoutError' ||
    /Connection terminated|Connection ended unexpectedly|is not queryable|connect ECONNREFUSED|PGlite is closed|Unable to acquire a connection/i.test(message ?? '')
  );
}

// body-parser, multer and csrf-sync errors carry a status but no Kopā code.
function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const status = (error as { status?: number; statusCode?: number }).status ?? (error as { statusCode?: number }).statusCode;
  const type = (error as { type?: string }).type;
  const code = (error as { code?: string }).code;
  if (status === 413 || type === 'entity.too.large' || code === 'LIMIT_FILE_SIZE') {
    return new AppError(413, 'payload_too_large', 'errors.payloadTooLarge.message');
  }
  if (code === 'LIMIT_FILE_COUNT') return new AppError(400, 'too_many_files', 'errors.tooManyFiles.message');
  if ((error as { name?: string }).name === 'MulterError') return new AppError(400, 'bad_upload', 'errors.badRequest.message');
  if (code === 'EBADCSRFTOKEN') return new AppError(403, 'invalid_csrf_token', 'errors.csrf.message');
  if (status && status >= 400 && status < 500) return new AppError(status, 'bad_request', 'errors.badRequest.message');
  // A form's own check catches it first (handleForm); this is for whatever else carries text.
  if (isUnstorableCharacter(error)) return new AppError(400, 'unstorable_character', 'errors.unstorableCharacter.message');
  if (isDatabaseUnavailable(error)) return new AppError(503, 'database_unavailable', 'errors.unavailable.message');
  return new AppError(500, 'internal_error', 'errors.internal.message');
}

export const pageNotFoundHandler: RequestHandler = (_req, _res, next) => next(notFound());

/** The one place that decides what a visitor sees of an error: a translated page or JSON, never internals. */
export const errorHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) return next(error);
  const appError = toAppError(error);
  if (appError.status >= 500) requestLogger(req)?.error({ err: error }, 'request failed');
  else requestLogger(req)?.info({ code: appError.code, status: appError.status }, 'request refused');
  const t = res.locals.t ?? ((key: string) => key);
  res.status(appError.status);
  if (appError.status === 503) res.set('Retry-After', '5');
  if (req.originalUrl.startsWith('/api/')) {
    res.json({ error: { code: appError.code, message: t(appError.messageKey, appError.details), ...appError.details } });
    return;
  }
  // An error can come before the middleware that fills these in (a body too large, say).
  res.locals.csrfToken ??= () => '';
  res.locals.currentUser ??= null;
  const title = t(`errors.title.${appError.status}`, { defaultValue: t('errors.title.default') });
  res.render('errors/error', { status: appError.status, message: t(appError.messageKey, appError.details), title }, (renderError, html) => {
    if (renderError) {
      requestLogger(req)?.error({ err: renderError }, 'error page failed to render');
      res.type('text/plain').send(title);
      return;
    }
    res.send(html);
  });
};
