/** The content codings a stored answer keeps, best first when the client likes them equally. */
export const codings = ['br', 'gzip', 'identity'] as const;
export type Coding = (typeof codings)[number];

const qvalue = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * The coding to send for an Accept-Encoding header (RFC 9110 §12.5.3): the highest q wins, ties
 * go to the smaller body. When nothing is acceptable (every coding at q=0, `identity;q=0` alone)
 * the plain body is sent, as the RFC allows, rather than a 406 a browser could not recover from.
 */
export function preferredCoding(acceptEncoding: string | undefined): Coding {
  if (!acceptEncoding) return 'identity';
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!name) continue;
    let weight = 1;
    for (const parameter of parameters) {
      const [attribute, value = ''] = parameter.split('=').map((piece) => piece.trim());
      if (attribute === 'q') weight = qvalue.test(value) ? Number(value) : 0;
    }
    const coding = name === 'x-gzip' ? 'gzip' : name;
    weights.set(coding, Math.max(weight, weights.get(coding) ?? 0));
  }
  const wildcard = weights.get('*');
  // Unnamed, identity is acceptable but comes last: a client that names gzip at q=0.5 still wants it.
  const weightOf = (coding: Coding) => weights.get(coding) ?? wildcard ?? (coding === 'identity' ? 0.0001 : 0);
  let best: Coding = 'identity';
  let bestWeight = 0;
  for (const coding of codings) {
    const weight = weightOf(coding);
    if (weight > bestWeight) {
      best = coding;
      bestWeight = weight;
    }
  }
  return best;
}

/** Longer lists are not worth parsing: the answer is then a plain 200. */
const maxIfNoneMatchLength = 2048;
const entityTagList = /^\s*(?:W\/)?"[\x21\x23-\x7e\x80-\xff]*"\s*(?:,\s*(?:W\/)?"[\x21\x23-\x7e\x80-\xff]*"\s*)*$/;

/**
 * Whether If-None-Match names this entity tag, compared weakly as RFC 9110 §13.1.2 asks. A
 * malformed or oversized header counts as absent, so the client simply gets the full answer.
 */
export function ifNoneMatchMatches(header: string | undefined, etag: string): boolean {
  if (!header || header.length > maxIfNoneMatchLength) return false;
  if (header.trim() === '*') return true;
  if (!entityTagList.test(header)) return false;
  const opaque = etag.replace(/^W\//, '');
  return Array.from(header.matchAll(/"[^"]*"/g), (match) => match[0]).includes(opaque);
}
