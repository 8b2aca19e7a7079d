import pino from 'pino';
import type { Response } from 'express';

export type Logger = pino.Logger;

/**
 * What the logs never hold, in one place: cookies in both directions and the authorization
 * header, should anything log raw headers; and in every request line's URL the values of the
 * query parameters that open an account or a form (reset, verification and unsubscribe links'
 * `token`, a workshop's `code`, a `_csrf` token), and the join code in a workshop's path.
 */
const redactedPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers["set-cookie"]',
];
const secretQueryValue = /([?&](?:token|_csrf|code)=)[^&#]*/gi;
const workshopJoinCode = /^\/w\/[^/?#]+/;
const redacted = '[redacted]';

export function urlForLog(url: string): string {
  // Most request lines have no query and are not a workshop room: two cheap tests, no copy.
  const withoutCode = url.startsWith('/w/') ? url.replace(workshopJoinCode, `/w/${redacted}`) : url;
  return withoutCode.includes('?') ? withoutCode.replace(secretQueryValue, `$1${redacted}`) : withoutCode;
}

/** What a request line needs, from the raw objects: the standard serializers copied every header on each request. */
export const requestLogSerializers = {
  req: (req: { id?: string; method?: string; originalUrl?: string; url?: string }) => ({ id: req.id, method: req.method, url: urlForLog(req.originalUrl ?? req.url ?? '') }),
  res: (res: Pick<Response, 'statusCode'>) => ({ statusCode: res.statusCode }),
};

/** Logs to stdout, or to the given destination (tests read what was written). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  // minLength 1 writes each line at once as the default does, but lets flush(cb) wait until it
  // is written (with 0 the callback comes at once): main.ts flushes before dying by its signal.
  const output = destination ?? pino.destination({ dest: 1, sync: false, minLength: 1 });
  return pino({ level, base: undefined, redact: redactedPaths }, output);
}
