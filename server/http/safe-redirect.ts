/** Only paths on this site: "/ideas?x=1" yes, "//evil.example" or "https://…" no. */
export function localPathOr(candidate: unknown, fallback: string): string {
  if (typeof candidate !== 'string') return fallback;
  if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return fallback;
  return candidate;
}
