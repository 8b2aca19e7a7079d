import fs from 'node:fs';
import path from 'node:path';
import { contrastBetween as contrast } from '../../server/categories/category-colour';
import { demoCategories } from '../../server/seed/demo-data';
import { publicDir } from '../../server/paths';

// The colour tokens of main.css's first :root block, aliases (var(--color-x)) resolved.
function colourTokens(css: string): Map<string, string> {
  const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
  const declared = new Map([...root.matchAll(/--(color-[a-z0-9-]+):\s*([^;]+);/g)].map((match) => [match[1], match[2].trim()]));
  const resolve = (name: string, seen: string[] = []): string => {
    const value = declared.get(name);
    if (value === undefined || seen.includes(name)) throw new Error(`--${name} is not a colour token of main.css`);
    const alias = /^var\(--(color-[a-z0-9-]+)\)$/.exec(value);
    return alias ? resolve(alias[1], [...seen, name]) : value;
  };
  return new Map([...declared.keys()].map((name) => [name, resolve(name)]));
}

const tokens = colourTokens(fs.readFileSync(path.join(publicDir, 'css/main.css'), 'utf8'));
const token = (name: string): string => {
  const value = tokens.get(`color-${name}`);
  if (!value) throw new Error(`no --color-${name} in main.css`);
  return value;
};

// [text or component colour, background, where the pair is used]
const textPairs: Array<[string, string, string]> = [
  ['ink', 'paper', 'body text on the page'],
  ['ink', 'surface', 'text on cards, header, inputs'],
  ['ink-muted', 'paper', 'meta lines, hints'],
  ['ink-muted', 'surface', 'meta lines on cards, tagline'],
  ['ink-muted', 'surface-sunken', 'footer'],
  ['accent', 'paper', 'links'],
  ['accent', 'surface', 'links on cards, secondary button'],
  ['accent', 'accent-soft', 'secondary button hovered'],
  ['accent-dark', 'surface', 'Menu button, plain button'],
  ['accent-dark', 'accent-soft', 'open Menu button, "new" badge'],
  ['on-accent', 'accent', 'primary button'],
  ['on-accent', 'accent-dark', 'primary button hovered'],
  ['on-accent', 'error', 'danger button'],
  ['on-accent', 'error-dark', 'danger button hovered'],
  ['on-accent', 'birch', '"implemented" badge'],
  ['error', 'paper', 'field errors'],
  ['error', 'surface', 'field errors in a fieldset'],
  ['brick', 'surface', 'the brand name'],
  ['warm-ink', 'warm-soft', '"under review" badge'],
  ['birch-dark', 'birch-soft', '"accepted" badge'],
  ['brick-dark', 'brick-soft', '"in progress" badge'],
  ['ink-muted', 'neutral-soft', '"rejected" badge, disabled button'],
  ['ink', 'neutral-soft', 'plain badge'],
  ['ink', 'warm-soft', 'notice'],
  ['ink', 'success-soft', 'success notice'],
  ['ink', 'error-soft', 'error notice'],
  ['ink', 'info-soft', 'info notice'],
];
// WCAG 1.4.11: borders that identify a control, and the focus ring, need 3:1.
const componentPairs: Array<[string, string, string]> = [
  ['line-strong', 'surface', 'input and button borders'],
  ['line-strong', 'paper', 'Menu button border on the page'],
  ['focus', 'paper', 'focus ring'],
  ['focus', 'surface', 'focus ring on cards and the header'],
  ['accent', 'surface', 'secondary button border'],
  ['brick', 'surface', 'the current tab and page'],
];

describe('colour tokens of main.css', () => {
  it.each(textPairs)('text %s on %s (%s) reaches 4.5:1', (text, background) => {
    expect(contrast(token(text), token(background))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(componentPairs)('component %s on %s (%s) reaches 3:1', (part, background) => {
    expect(contrast(token(part), token(background))).toBeGreaterThanOrEqual(3);
  });

  it('are all plain #rrggbb colours once resolved', () => {
    for (const [name, value] of tokens) expect(`${name}: ${value}`).toMatch(/: #[0-9a-f]{6}$/);
  });
});

describe('demo category colours', () => {
  // A category colour may carry white text (a card's illustration label) and stands as a graphic on the page.
  it.each(demoCategories.map((category) => [category.slug, category.color]))('%s (%s) carries white text at 4.5:1 and stands out from the page at 3:1', (_slug, colour) => {
    expect(contrast(colour, token('on-accent'))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colour, token('paper'))).toBeGreaterThanOrEqual(3);
  });
});
