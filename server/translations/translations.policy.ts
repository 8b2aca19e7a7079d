import { staffRoles, type Role } from '../auth/roles';

type Person = { id: number; role: Role; blockedAt?: Date | null } | undefined | null;

/** Staff, and the author themselves, may add translations of an idea. */
export function mayTranslateIdea(person: Person, idea: { authorId: number | null }): boolean {
  if (!person || person.blockedAt) return false;
  return staffRoles.includes(person.role) || person.id === idea.authorId;
}

/**
 * Which version of an idea a visitor reads: their language when a translation exists,
 * unless they asked for the original.
 */
export function shownLanguage<T>(visitorLocale: string, originalLocale: string, translations: Partial<Record<string, T>>, wantsOriginal: boolean): string {
  if (wantsOriginal || visitorLocale === originalLocale || !translations[visitorLocale]) return originalLocale;
  return visitorLocale;
}
