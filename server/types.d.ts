import type { Locale } from './config';
import type { Translate } from './i18n/i18n';
import type { SessionUser } from './auth/auth.queries';

declare global {
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends SessionUser {}
    interface Request {
      locale: Locale;
      t: Translate;
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    flash?: { kind: 'success' | 'error'; messageKey: string; values?: Record<string, string | number> };
  }
}

export {};
