import { createHash } from 'node:crypto';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import subsetFont from 'subset-font';
import { projectRoot, publicDir } from '../server/paths';

/**
 * `npm run fonts`: cuts Source Sans 3 (variable, upright only) down to the letters Kopā's three
 * languages use, writes public/fonts/<name>-<hash>.woff2 and rewrites the @font-face block of
 * main.css between its markers. The stock latin + latin-ext + cyrillic files are ~107 kB; these
 * stay under the 80 kB font budget (tests/look/fonts.test.ts). Italic is left out: the browser
 * slants the upright face for the few italic lines.
 */

const sourceDir = path.join(projectRoot, 'node_modules/@fontsource-variable/source-sans-3/files');
const fontsDir = path.join(publicDir, 'fonts');
const stylesheet = path.join(publicDir, 'css/main.css');
export const fontFaceStart = '/* fonts:start (written by npm run fonts) */';
export const fontFaceEnd = '/* fonts:end */';

interface FontSubset {
  name: string;
  source: string;
  /** Code point ranges, inclusive; also the @font-face unicode-range. */
  ranges: ReadonlyArray<readonly [number, number]>;
}

const latvianLetters = 'ĀāČčĒēĢģĪīĶķĻļŅņŠšŪūŽž';
const single = (text: string): Array<[number, number]> => [...text].map((letter) => [letter.codePointAt(0)!, letter.codePointAt(0)!]);

export const fontSubsets: readonly FontSubset[] = [
  {
    // Basic Latin, Latin-1, the spaces Intl puts in numbers and dates, typographic quotes, dashes, ellipsis, €, −.
    name: 'latin',
    source: 'source-sans-3-latin-wght-normal.woff2',
    ranges: [[0x20, 0x7e], [0xa0, 0xff], [0x2000, 0x200b], [0x2010, 0x2014], [0x2018, 0x201e], [0x2022, 0x2022], [0x2026, 0x2026], [0x202f, 0x202f], [0x2039, 0x203a], [0x20ac, 0x20ac], [0x2212, 0x2212]],
  },
  { name: 'latvian', source: 'source-sans-3-latin-ext-wght-normal.woff2', ranges: single(latvianLetters) },
  // Russian: the basic Cyrillic block and №.
  { name: 'cyrillic', source: 'source-sans-3-cyrillic-wght-normal.woff2', ranges: [[0x400, 0x45f], [0x2116, 0x2116]] },
];

function textOf(ranges: FontSubset['ranges']): string {
  return ranges.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, index) => String.fromCodePoint(from + index))).join('');
}

function unicodeRange(ranges: FontSubset['ranges']): string {
  const hex = (codePoint: number) => codePoint.toString(16).toUpperCase().padStart(4, '0');
  return ranges.map(([from, to]) => (from === to ? `U+${hex(from)}` : `U+${hex(from)}-${hex(to)}`)).join(', ');
}

function fontFace(file: string, ranges: FontSubset['ranges']): string {
  return [
    '@font-face {',
    '  font-family: "Source Sans 3";',
    '  font-style: normal;',
    '  font-weight: 200 900;',
    '  font-display: swap;',
    `  src: url("/static/fonts/${file}") format("woff2");`,
    `  unicode-range: ${unicodeRange(ranges)};`,
    '}',
  ].join('\n');
}

async function writeFonts(): Promise<void> {
  const faces: string[] = [];
  const written = new Set<string>();
  let total = 0;
  for (const subset of fontSubsets) {
    const font = await subsetFont(await readFile(path.join(sourceDir, subset.source)), textOf(subset.ranges), { targetFormat: 'woff2' });
    const file = `source-sans-3-${subset.name}-${createHash('sha256').update(font).digest('hex').slice(0, 10)}.woff2`;
    await writeFile(path.join(fontsDir, file), font);
    written.add(file);
    faces.push(fontFace(file, subset.ranges));
    total += font.length;
    console.log(`${file}  ${font.length} bytes`);
  }
  for (const old of await readdir(fontsDir)) {
    if (old.endsWith('.woff2') && !written.has(old)) await rm(path.join(fontsDir, old));
  }
  const css = await readFile(stylesheet, 'utf8');
  const start = css.indexOf(fontFaceStart);
  const end = css.indexOf(fontFaceEnd);
  if (start < 0 || end < start) throw new Error(`main.css lacks the markers ${fontFaceStart} … ${fontFaceEnd}`);
  await writeFile(stylesheet, `${css.slice(0, start + fontFaceStart.length)}\n${faces.join('\n')}\n${css.slice(end)}`);
  console.log(`${total} bytes of fonts in all`);
}

if (require.main === module) {
  writeFonts().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
