import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../paths';

// The site's typeface (Source Sans 3 from fontsource, SIL Open Font Licence). Fontsource splits it
// into one file per script, so a line mixing Latvian, Russian and Latin letters is written as runs,
// each in the file that holds its letters; the split follows the package's own unicode-range.
const fontFolder = path.join(projectRoot, 'node_modules/@fontsource/source-sans-3');
const subsets = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext'] as const;
type Subset = (typeof subsets)[number];
export type Weight = 400 | 700;

type Range = [number, number];

function rangesBySubset(): Map<Subset, Range[]> {
  const css = fs.readFileSync(path.join(fontFolder, '400.css'), 'utf8');
  const ranges = new Map<Subset, Range[]>();
  for (const block of css.split('/* source-sans-3-').slice(1)) {
    const subset = subsets.find((name) => block.startsWith(`${name}-400-normal `));
    const declared = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (!subset || !declared) continue;
    ranges.set(
      subset,
      declared.split(',').map((part) => {
        const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
        return [parseInt(from, 16), parseInt(to ?? from, 16)];
      }),
    );
  }
  return ranges;
}

let loaded: { ranges: Map<Subset, Range[]>; files: Map<string, Buffer> } | undefined;

function fonts() {
  if (!loaded) {
    const files = new Map<string, Buffer>();
    for (const subset of subsets) {
      for (const weight of [400, 700] as const) {
        files.set(fontName(subset, weight), fs.readFileSync(path.join(fontFolder, `files/source-sans-3-${subset}-${weight}-normal.woff`)));
      }
    }
    loaded = { ranges: rangesBySubset(), files };
  }
  return loaded;
}

const fontName = (subset: Subset, weight: Weight) => `source-sans-3-${subset}-${weight}`;

/** Every font file by the name it is registered under in a PDF document. */
export function pdfFontFiles(): Map<string, Buffer> {
  return fonts().files;
}

function subsetOf(codePoint: number): Subset {
  const { ranges } = fonts();
  return subsets.find((subset) => ranges.get(subset)?.some(([from, to]) => codePoint >= from && codePoint <= to)) ?? 'latin';
}

/** The text cut into runs that one font file can draw, with that file's registered name. */
export function fontRuns(text: string, weight: Weight): { font: string; text: string }[] {
  const runs: { font: string; text: string }[] = [];
  for (const character of text) {
    // Every file has the space (and only the latin one the punctuation), so a space stays in the current run.
    const font = character === ' ' && runs.length ? runs[runs.length - 1].font : fontName(subsetOf(character.codePointAt(0) ?? 32), weight);
    const last = runs[runs.length - 1];
    if (last && last.font === font) last.text += character;
    else runs.push({ font, text: character });
  }
  return runs;
}
