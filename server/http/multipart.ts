import multer from 'multer';
import type { RequestHandler } from 'express';
import { requireLogin } from './access';

export const maxUploadBytes = 10 * 1024 * 1024;
// One more than any form accepts, so that "too many photos" is a field error with the form kept.
export const maxUploadFiles = 6;

/** Reads a multipart body into memory; for routes that check who may upload before calling it. */
export const parseMultipartBody: RequestHandler = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: maxUploadBytes, files: maxUploadFiles, fields: 50, fieldSize: 20_000, parts: 60 },
}).any();

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
