/** What is wrong with one form field: an i18n key, or a key with values to interpolate. */
export type FieldProblem = string | { key: string; values: Record<string, string | number> };
