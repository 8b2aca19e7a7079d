import multer from 'multer';
import type { RequestHandler } from 'express';
import { requireLogin } from './access';
import { AppError } from './errors';

export const maxUploadBytes = 10 * 1024 * 1024;
// One more than any form accepts, so that "too many photos" is a field error with the form kept.
export const maxUploadFiles = 6;

const readMultipartBody = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: maxUploadBytes, files: maxUploadFiles, fields: 50, fieldSize: 20_000, parts: 60 },
}).any();

/**
 * Reads a multipart body into memory; for routes that check who may upload before calling it.
 * The parser's own errors (a malformed part header, a body cut short) are the sender's mistake:
 * 400, where they would otherwise reach the error page as 500.
 */
export const parseMultipartBody: RequestHandler = (req, res, next) =>
  readMultipartBody(req, res, (error?: unknown) => next(error && !(error instanceof multer.MulterError) ? new AppError(400, 'bad_upload', 'errors.badRequest.message') : error));

/**
 * Multipart bodies are parsed (into memory) before the global CSRF check, because the
 * token travels in the body; a refused request therefore leaves nothing on disk.
 */
export const multipartBodies: RequestHandler = (req, res, next) => {
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data')) return next();
  // Only logged-in people upload: others are sent to log in before megabytes are read into memory.
  if (!req.user) return requireLogin(req, res, next);
  parseMultipartBody(req, res, next);
};

export function uploadedFiles(files: unknown, field: string): Express.Multer.File[] {
  return Array.isArray(files) ? (files as Express.Multer.File[]).filter((file) => file.fieldname === field) : [];
}
