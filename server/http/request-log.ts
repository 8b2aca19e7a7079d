import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { requestLogSerializers, type Logger } from '../logger';

const baseLogger = Symbol('request log');
type LoggedRequest = IncomingMessage & { id?: string; [baseLogger]?: Logger };

const requestId = /^[\w-]{1,64}$/;
/** Static files and the health check are not worth a line each. */
const unlogged = (url: string) => url.startsWith('/static/') || url.startsWith('/vendor/') || url === '/healthz';

/** The request's logger, its line's `req` fields bound: made only when something is logged (an error). */
export function requestLogger(req: Request): Logger | undefined {
  return (req as unknown as LoggedRequest)[baseLogger]?.child({ req: requestLogSerializers.req(req) });
}

/**
 * One line per request as pino-http wrote it (`req`, `res`, `responseTime`, "request completed",
 * or "request errored" with `err` from a 5xx), and a request id in `X-Request-Id`. pino-http
 * built a child logger per request, its bindings serialized and redacted, even when its lines
 * were below the log level; here the line is built only when written, and nothing at all is
 * done for it below `info`, which a cache hit felt (see README "Benchmark").
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    res.setHeader('X-Request-Id', startRequestLog(logger, req, res));
    next();
  };
}

/**
 * The request log's work for one request but the header: gives the request its id (the caller
 * sends it as X-Request-Id) and writes its line when the response ends. For the cache's early
 * answer too, which writes all its headers at once.
 */
export function startRequestLog(logger: Logger, req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && requestId.test(incoming) ? incoming : randomUUID();
  const logged = req as LoggedRequest;
  logged.id = id;
  logged[baseLogger] = logger;
  if (logger.isLevelEnabled('info') && !unlogged(req.url ?? '')) {
    const started = Date.now();
    const fields = requestLogSerializers.req(logged);
    let written = false;
    const complete = function (this: ServerResponse) {
      if (written) return;
      written = true;
      const responseTime = Date.now() - started;
      const result = requestLogSerializers.res(this);
      if (this.statusCode >= 500) logger.info({ req: fields, res: result, err: new Error(`failed with status code ${this.statusCode}`), responseTime }, 'request errored');
      else logger.info({ req: fields, res: result, responseTime }, 'request completed');
    };
    res.once('finish', complete);
    res.once('close', complete);
  }
  return id;
}
