const thisSite = new URL('http://kopa.invalid/');

// Browsers drop tabs and newlines anywhere in a URL: "/\t/evil.example" becomes "//evil.example".
const droppedByBrowsers = /[\t\n\r]/g;
// Backslashes count as slashes for http(s) URLs; the others turn into slashes under NFKC or look like them.
const slashLike = /[\\\u2044\u2215\u2216\u29f5\u29f8\u29f9\ufe68\uff0f\uff3c]/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/;

function looksLocal(path: string): boolean {
  return /^\/(?!\/)/.test(path) && !slashLike.test(path) && !controlCharacter.test(path) && /^\/(?![/\\])/.test(path.normalize('NFKC'));
}

/**
 * A path on this site, normalised as a browser would read it, or undefined. Decided on the value
 * with tabs and newlines stripped and on that value decoded once (a link or a second parser may
 * decode it again): both must start with exactly one slash and hold no backslash, control
 * character or slash look-alike, and the browser's own parse must stay on this origin.
 */
export function localPath(candidate: unknown): string | undefined {
  if (typeof candidate !== 'string' || candidate.length > 2000) return undefined;
  const stripped = candidate.replace(droppedByBrowsers, '');
  if (!staysLocal(stripped)) return undefined;
  const url = new URL(stripped, thisSite);
  if (url.origin !== thisSite.origin) return undefined;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Resolving dot segments can make two slashes of one: "/.//evil.example" reads "//evil.example".
  return staysLocal(path) ? path : undefined;
}

/** Looks local as it is and decoded once. */
function staysLocal(path: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return false;
  }
  return looksLocal(path) && looksLocal(decoded);
}

/** The one check for every redirect and `next` link that comes from a request: "/ideas?x=1" yes, "//evil.example" or "https://…" no. */
export function localPathOr(candidate: unknown, fallback: string): string {
  return localPath(candidate) ?? fallback;
}

/** A link to `page` that comes back to `next` afterwards (login, the second factor); no `next` when it is not local. */
export function withNext(page: string, next: string): string {
  const local = localPath(next);
  return local ? `${page}?next=${encodeURIComponent(local)}` : page;
}
