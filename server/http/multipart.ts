import multer from 'multer';
import type { Request, RequestHandler } from 'express';
import { requireVerifiedEmail } from './access';

export const maxUploadBytes = 10 * 1024 * 1024;
// One more than any form accepts, so that "too many photos" is a field error with the form kept.
export const maxUploadFiles = 6;

export const isMultipart = (req: Request) => (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');

/**
 * Reads a multipart body into memory. No middleware reads one for the whole app: a route that
 * takes uploads calls this last, after its guards (login, block, verified email, what may be
 * edited, the submission limit) and the CSRF check, so a refused request has no part read.
 */
export const readMultipartBody: RequestHandler = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: maxUploadBytes, files: maxUploadFiles, fields: 50, fieldSize: 20_000, parts: 60 },
}).any();

/** Photos wait until the email is confirmed; an unverified person's form has no photo field and is not multipart. */
export const uploadsOnlyWhenVerified: RequestHandler = (req, res, next) => (isMultipart(req) ? requireVerifiedEmail(req, res, next) : next());

export function uploadedFiles(files: unknown, field: string): Express.Multer.File[] {
  return Array.isArray(files) ? (files as Express.Multer.File[]).filter((file) => file.fieldname === field) : [];
}
