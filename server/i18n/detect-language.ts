import type { Locale } from '../config';

// franc names languages by ISO 639-3 code; Standard Latvian is "lvs".
const localeOfFrancCode: Record<string, Locale> = { lvs: 'lv', rus: 'ru', eng: 'en' };

// franc is published as an ES module only; a dynamic import loads it from this CommonJS build.
let francLoaded: Promise<typeof import('franc')> | undefined;

/** The language of a text written by a person, among ours; the fallback when the text is too short to tell. */
export async function detectLanguage(text: string, fallback: Locale): Promise<Locale> {
  francLoaded ??= import('franc');
  const { franc } = await francLoaded;
  return localeOfFrancCode[franc(text, { only: Object.keys(localeOfFrancCode) })] ?? fallback;
}
