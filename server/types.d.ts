import type { Locale } from './config';
import type { Translate } from './i18n/i18n';
import type { SessionUser } from './auth/session-user';

declare global {
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends SessionUser {}
    interface Request {
      locale: Locale;
      t: Translate;
      /** From X-Request-Id or made up (http/request-log.ts), in every log line of the request. */
      id?: string;
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    flash?: { kind: 'success' | 'error'; messageKey: string; values?: Record<string, string | number> };
    /** The password was right and a TOTP code is still to come: nobody is logged in yet. */
    pendingLogin?: { userId: number; next: string; startedAt: number };
    /** When this session passed the second factor (or set it up). */
    secondFactorAt?: number;
    /** For the staff session limits: when the login happened and the last request. */
    loggedInAt?: number;
    lastSeenAt?: number;
    /** A TOTP secret shown on the setup page, kept until a code from it is entered. */
    totpSetupSecret?: string;
  }
}

export {};
