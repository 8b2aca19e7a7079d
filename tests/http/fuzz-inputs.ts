/**
 * What the fuzz test sends: hostile values (Unicode edge cases, numbers as text, oversized
 * strings), shaped as a browser, a script or an attacker would put them in a form or a query
 * string (repeated keys, `a[]=`, `a[b]=`, JSON with other types, multipart), and the way Express
 * reads each shape back, so that a schema can say whether the input was valid.
 */
import fc from 'fast-check';
import type { z } from 'zod';

/** Field names of a zod schema, through the wrappers a form schema uses (pipes, defaults, refinements, unions). */
export function fieldsOf(schema: z.ZodType): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'object':
      return Object.keys(def.shape as object);
    case 'pipe':
      return fieldsOf(def.in as z.ZodType);
    case 'union':
      return [...new Set((def.options as z.ZodType[]).flatMap(fieldsOf))];
    case 'intersection':
      return [...fieldsOf(def.left as z.ZodType), ...fieldsOf(def.right as z.ZodType)];
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
    case 'catch':
    case 'readonly':
      return fieldsOf(def.innerType as z.ZodType);
    default:
      return [];
  }
}

const edgeCases = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\uD83D',
  '\u202Eevil\u202C',
  '\u200F\u0627\u0644\u0641\u0643\u0631\u0629',
  '\uFEFF',
  '\u0301',
  '𝕏😀👨‍👩‍👧',
  '%',
  '%00',
  '%E0%A4%A',
  '\\',
  '__proto__',
  'constructor',
  'toString',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "'; drop table ideas; --",
  '=HYPERLINK("http://evil","x")',
  'javascript:alert(1)',
  '//evil.example',
  '-1',
  '0',
  '1.5',
  '1e309',
  'NaN',
  'Infinity',
  '-0',
  '9007199254740993',
  '99999999999999999999999',
  '0x10',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
];

// Just past the limits the forms and parsers set: 120, 300, 2000, 5000 characters, multer's 20,000 bytes a field, 100 kB a body.
const oversized = [121, 301, 2_001, 5_001, 20_001, 110_000].flatMap((length) => ['x', 'é', '😀', '\u0000'].map((unit) => unit.repeat(length)));
// A URL stays well under Node's 16 kB of headers, also once a redirect to the login page has encoded it
// again into `next` (beyond that limit Node itself refuses the request, or the client the answer).
const oversizedInUrl = [121, 301, 1_001].map((length) => 'x'.repeat(length)).concat(['é'.repeat(121), '😀'.repeat(121)]);

function hostile(long: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...edgeCases), weight: 4 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
    { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
    { arbitrary: fc.oneof(fc.integer(), fc.double()).map(String), weight: 2 },
    { arbitrary: fc.constantFrom(...long), weight: 1 },
  );
}

export const hostileText = hostile(oversized);
export const hostileUrlText = hostile(oversizedInUrl);

/** A value that may pass a field's check, so that the fuzzing also reaches the code behind validation. */
export function textFor(plausible: readonly string[], text = hostileText): fc.Arbitrary<string> {
  return plausible.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...plausible), weight: 2 }, { arbitrary: text, weight: 3 }) : text;
}

export type Pair = [string, string];

/** One field as a form or query string can carry it: once, repeated, as `name[]`, or as `name[key]`. */
export function fieldPairs(name: string, text: fc.Arbitrary<string>, keyText = hostileText): fc.Arbitrary<Pair[]> {
  return fc.oneof(
    { arbitrary: text.map((value): Pair[] => [[name, value]]), weight: 5 },
    { arbitrary: fc.array(text, { minLength: 2, maxLength: 3 }).map((values) => values.map((value): Pair => [name, value])), weight: 1 },
    { arbitrary: fc.array(text, { minLength: 1, maxLength: 2 }).map((values) => values.map((value): Pair => [`${name}[]`, value])), weight: 1 },
    { arbitrary: fc.tuple(keyText, text).map(([key, value]): Pair[] => [[`${name}[${key}]`, value]]), weight: 1 },
  );
}

/** Some of the named fields (each present or not) and perhaps a stranger, in any order. */
export function pairsFor(fields: readonly string[], plausible: (field: string) => readonly string[], inUrl = false): fc.Arbitrary<Pair[]> {
  const text = inUrl ? hostileUrlText : hostileText;
  const chosen = fields.map((field) => fc.option(fieldPairs(field, textFor(plausible(field), text), text), { nil: undefined, freq: 4 }));
  const stranger = fc.option(fc.tuple(text, text).map(([key, value]): Pair[] => [[key, value]]), { nil: undefined, freq: 2 });
  return fc.tuple(fc.tuple(...chosen), stranger).map(([fieldsChosen, extra]) => [...fieldsChosen.flatMap((pairs) => pairs ?? []), ...(extra ?? [])]);
}

/** Text as it arrives in UTF-8: a lone surrogate becomes U+FFFD. */
export const wellFormed = (text: string) => Buffer.from(text, 'utf8').toString('utf8');

/** What the body parsers and Express's simple query parser make of pairs: repeated names become lists. */
export function asParsed(pairs: readonly Pair[]): Record<string, string | string[]> {
  const parsed = new Map<string, string | string[]>();
  for (const [rawKey, rawValue] of pairs) {
    const [key, value] = [wellFormed(rawKey), wellFormed(rawValue)];
    const seen = parsed.get(key);
    parsed.set(key, seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value]);
  }
  return Object.fromEntries(parsed);
}

/** The pairs as `application/x-www-form-urlencoded` (also a query string). */
export const urlEncoded = (pairs: readonly Pair[]) => new URLSearchParams(pairs.map(([key, value]) => [wellFormed(key), wellFormed(value)])).toString();

/** A JSON body: the pairs' values, some turned into numbers, booleans, nulls, objects or lists. */
export const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileText, { maxLength: 3 }),
  fc.dictionary(hostileText, hostileText, { maxKeys: 2 }),
);
