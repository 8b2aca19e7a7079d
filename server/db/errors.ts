/** PostgreSQL refused a row because a unique constraint or index already holds its value. */
export const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';
