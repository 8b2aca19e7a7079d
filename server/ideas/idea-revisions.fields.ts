import type { Locale } from '../config';
import type { NebValue } from './ideas.schema';

/** What visitors read of an idea, as a revision compares it. */
export interface IdeaSnapshot {
  title: string;
  description: string;
  originalLocale: Locale;
  categoryId: number;
  nebValues: NebValue[];
  nebSentences: Partial<Record<NebValue, string>>;
  location: { latitude: number; longitude: number; placeName: string | null };
  photoIds: number[];
}

/** One language's translation; null before the first one was written. */
export type TranslationSnapshot = { locale: Locale; title: string; description: string } | null;

/** The fields a revision holds: only those that changed, on both sides. */
export type RevisedFields = Partial<IdeaSnapshot & { translation: TranslationSnapshot }>;

export const revisedFieldOrder = ['title', 'description', 'originalLocale', 'categoryId', 'nebValues', 'nebSentences', 'location', 'photoIds', 'translation'] as const;
export type RevisedField = (typeof revisedFieldOrder)[number];

// jsonb does not keep the order of an object's keys: compare with keys sorted.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The fields that differ between two snapshots, each side with only those; undefined when nothing changed. */
export function changedFields(before: RevisedFields, after: RevisedFields): { before: RevisedFields; after: RevisedFields } | undefined {
  const changed = revisedFieldOrder.filter((field) => (field in before || field in after) && canonical(before[field]) !== canonical(after[field]));
  if (!changed.length) return undefined;
  const pick = (fields: RevisedFields) => Object.fromEntries(changed.map((field) => [field, fields[field] ?? null])) as RevisedFields;
  return { before: pick(before), after: pick(after) };
}
