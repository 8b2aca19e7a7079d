import type { Locale } from '../config';
import type { Role } from './roles';

/** The logged-in person as every request sees it (`req.user`); kept free of other imports so any layer may name it. */
export interface SessionUser {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  preferredLocale: Locale;
  /** Set when a moderator has blocked the account from posting, supporting and reporting. */
  blockedAt: Date | null;
  emailVerified: boolean;
  /** A second factor (TOTP) is set up: logging in asks for a code. */
  totpEnabled: boolean;
}
