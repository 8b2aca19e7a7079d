import fs from 'node:fs';
import path from 'node:path';
import { publicDir } from '../paths';

// The font files `npm run fonts` writes carry a content hash in their names: read them once.
const fontFiles = fs.existsSync(path.join(publicDir, 'fonts')) ? fs.readdirSync(path.join(publicDir, 'fonts')).filter((name) => name.endsWith('.woff2')) : [];
const fileOf = (subset: string) => fontFiles.find((name) => name.startsWith(`source-sans-3-${subset}-`));

/**
 * The font files a page in this language draws its first screen with, to preload: without them
 * the text is laid out first in a fallback font and moves when the font arrives (layout shift).
 * Latin and the Latvian letters always (the site's name is Kopā), Cyrillic for Russian pages.
 */
export function fontPreloads(locale: string): string[] {
  const subsets = locale === 'ru' ? ['latin', 'latvian', 'cyrillic'] : ['latin', 'latvian'];
  return subsets.map(fileOf).filter((name): name is string => name !== undefined).map((name) => `/static/fonts/${name}`);
}
