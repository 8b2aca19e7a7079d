export const erasedMarker = '[erased]';

/** Every string inside a JSON value with the given texts (case-insensitive) replaced by a marker. */
export function redactedJson(value: unknown, needles: string[]): unknown {
  if (typeof value === 'string') return redactedText(value, needles);
  if (Array.isArray(value)) return value.map((item) => redactedJson(item, needles));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [redactedText(key, needles), redactedJson(item, needles)]));
  }
  return value;
}

const escapedForRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function redactedText(text: string, needles: string[]): string {
  return needles.filter(Boolean).reduce((result, needle) => result.replace(new RegExp(escapedForRegExp(needle), 'giu'), erasedMarker), text);
}
