import multer from 'multer';
import type { Request, RequestHandler } from 'express';
import { requireVerifiedEmail } from './access';
import { AppError } from './errors';

export const maxUploadBytes = 10 * 1024 * 1024;
// One more than any form accepts, so that "too many photos" is a field error with the form kept.
export const maxUploadFiles = 6;

export const isMultipart = (req: Request) => (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');

const parseMultipart = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: maxUploadBytes, files: maxUploadFiles, fields: 50, fieldSize: 20_000, parts: 60 },
}).any();

/**
 * Reads a multipart body into memory. No middleware reads one for the whole app: a route that
 * takes uploads calls this last, after its guards (login, block, verified email, what may be
 * edited, the submission limit) and the CSRF check, so a refused request has no part read.
 * The parser's own errors (a malformed part header, a body cut short) are the sender's mistake:
 * 400, where they would otherwise reach the error page as 500.
 */
export const readMultipartBody: RequestHandler = (req, res, next) =>
  parseMultipart(req, res, (error?: unknown) => {
    if (error) return next(error instanceof multer.MulterError ? error : new AppError(400, 'bad_upload', 'errors.badRequest.message'));
    req.body = flatFields(req.body);
    next();
  });

/**
 * multer reads `a[b]=1` as an object and `a[583042701]=1` as a list that long, which a schema
 * or a view then walks element by element until the process runs out of memory (one request
 * from any account stopped the server). The forms use plain (repeated) names,
 * so the fields are read back as the urlencoded parser reads them: `a[b]` is a name of its own,
 * and a list holds only the values that were sent.
 */
function flatFields(body: unknown): Record<string, string | string[]> {
  const fields = new Map<string, string | string[]>();
  const add = (name: string, value: string) => {
    const seen = fields.get(name);
    fields.set(name, seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value]);
  };
  const walk = (name: string, value: unknown) => {
    if (typeof value === 'string') add(name, value);
    // Object.values visits only the elements that exist, not the holes of a sparse list.
    else if (Array.isArray(value)) for (const item of Object.values(value)) walk(name, item);
    else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(`${name}[${key}]`, item);
  };
  if (body && typeof body === 'object') for (const [name, value] of Object.entries(body)) walk(name, value);
  return Object.fromEntries(fields);
}

/** Photos wait until the email is confirmed; an unverified person's form has no photo field and is not multipart. */
export const uploadsOnlyWhenVerified: RequestHandler = (req, res, next) => (isMultipart(req) ? requireVerifiedEmail(req, res, next) : next());

export function uploadedFiles(files: unknown, field: string): Express.Multer.File[] {
  return Array.isArray(files) ? (files as Express.Multer.File[]).filter((file) => file.fieldname === field) : [];
}
