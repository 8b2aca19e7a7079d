import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  // minLength 1 writes each line at once as the default does, but lets flush(cb) wait until it
  // is written (with 0 the callback comes at once): main.ts flushes before dying by its signal.
  const stdout = pino.destination({ dest: 1, sync: false, minLength: 1 });
  return pino({ level, base: undefined, redact: ['req.headers.cookie', 'req.headers.authorization'] }, stdout);
}
