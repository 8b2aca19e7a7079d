/** PostgreSQL refused a row because a unique constraint or index already holds its value. */
export const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

/** PostgreSQL refused a NUL character, in text (22021) or in a JSON value (22P05). */
export const isUnstorableCharacter = (error: unknown) => ['22021', '22P05'].includes((error as { code?: string }).code ?? '');
